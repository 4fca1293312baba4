// Customer-managed keys done fully (a known KMS key ID, a disk encryption
// set, a vault with purge protection: AKS-IAM-09 passes), SSH disabled on
// the node pool (AKS-NET-06 passes without an NSG), and Kubernetes RBAC
// switched off (AKS-EXT-01 fails).
param kmsKeyId string = 'https://kv-cmk.vault.azure.net/keys/etcd/0123456789abcdef0123456789abcdef'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-cmk'
  location: 'westeurope'
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'premium'
    }
    enableSoftDelete: true
    enablePurgeProtection: true
  }
}

resource des 'Microsoft.Compute/diskEncryptionSets@2024-03-02' = {
  name: 'des-cmk'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    encryptionType: 'EncryptionAtRestWithCustomerKey'
    activeKey: {
      sourceVault: {
        id: vault.id
      }
      keyUrl: kmsKeyId
    }
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-cmk'
  location: 'westeurope'
  properties: {
    dnsPrefix: 'aks-cmk'
    enableRBAC: false
    diskEncryptionSetID: des.id
    securityProfile: {
      azureKeyVaultKms: {
        enabled: true
        keyId: kmsKeyId
        keyVaultNetworkAccess: 'Public'
      }
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 1
        securityProfile: {
          sshAccess: 'Disabled'
        }
      }
    ]
  }
}
