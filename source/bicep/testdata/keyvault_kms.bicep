// Customer-managed keys: the KMS key is a nested child of the vault, the
// disk encryption set points at it, and the cluster uses both. The vault
// has no purge protection (a finding only at the sensitive profile).
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-kms'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enablePurgeProtection: false
  }

  resource kmsKey 'keys' = {
    name: 'etcd'
    properties: {
      kty: 'RSA'
      keySize: 2048
    }
  }
}

resource des 'Microsoft.Compute/diskEncryptionSets@2024-03-02' = {
  name: 'des-kms'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    activeKey: {
      sourceVault: {
        id: vault.id
      }
      keyUrl: vault::kmsKey.properties.keyUriWithVersion
    }
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-kms'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks-kms'
    diskEncryptionSetID: des.id
    securityProfile: {
      azureKeyVaultKms: {
        enabled: true
        keyId: vault::kmsKey.properties.keyUriWithVersion
        keyVaultNetworkAccess: 'Public'
      }
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 1
      }
    ]
  }
}
