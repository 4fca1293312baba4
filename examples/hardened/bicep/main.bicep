// An AKS estate that follows every practice aksguard checks: private API
// server, Entra ID with Azure RBAC, firewall egress, KMS and customer-managed
// disk keys, audit logs to a locked workspace, Defender (defender.bicep).
// The Bicep twin of ../arm/azuredeploy.json: both give the same findings.
metadata description = 'An AKS estate that follows every practice aksguard checks.'

param clusterName string = 'aks-hardened'
param registryName string = 'acrhardened'
param location string = resourceGroup().location
param adminGroupObjectId string
param kubeletPrincipalId string
param kmsKeyId string

var vnetName = 'vnet-hardened'
var nodeSubnetName = 'snet-nodes'
var nodeSubnetPrefix = '10.20.0.0/22'
var firewallPrivateIp = '10.20.8.4'
var controlPlaneIdentityId = resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-${clusterName}')
var kubeletIdentityId = resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-${clusterName}-kubelet')

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-hardened'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 90
  }
}

resource workspaceLock 'Microsoft.Authorization/locks@2020-05-01' = {
  name: 'log-hardened-nodelete'
  scope: workspace
  properties: {
    level: 'CanNotDelete'
    notes: 'Audit logs must not be deleted.'
  }
}

resource nsg 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-nodes'
  location: location
  properties: {
    securityRules: [
      {
        name: 'allow-ssh-from-node-subnet'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: nodeSubnetPrefix
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '22'
        }
      }
      {
        name: 'deny-ssh'
        properties: {
          priority: 110
          direction: 'Inbound'
          access: 'Deny'
          protocol: '*'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '22'
        }
      }
    ]
  }
}

resource routeTable 'Microsoft.Network/routeTables@2024-05-01' = {
  name: 'rt-nodes'
  location: location
  properties: {
    disableBgpRoutePropagation: true
    routes: [
      {
        name: 'default-via-firewall'
        properties: {
          addressPrefix: '0.0.0.0/0'
          nextHopType: 'VirtualAppliance'
          nextHopIpAddress: firewallPrivateIp
        }
      }
    ]
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: vnetName
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: ['10.20.0.0/16']
    }
    subnets: [
      {
        name: nodeSubnetName
        properties: {
          addressPrefix: nodeSubnetPrefix
          networkSecurityGroup: { id: nsg.id }
          routeTable: { id: routeTable.id }
        }
      }
      {
        name: 'AzureFirewallSubnet'
        properties: {
          addressPrefix: '10.20.8.0/26'
        }
      }
    ]
  }

  resource nodeSubnet 'subnets' existing = {
    name: nodeSubnetName
  }

  resource firewallSubnet 'subnets' existing = {
    name: 'AzureFirewallSubnet'
  }
}

resource firewall 'Microsoft.Network/azureFirewalls@2024-05-01' = {
  name: 'afw-hardened'
  location: location
  properties: {
    sku: {
      name: 'AZFW_VNet'
      tier: 'Premium'
    }
    ipConfigurations: [
      {
        name: 'ipconfig'
        properties: {
          privateIPAddress: firewallPrivateIp
          subnet: { id: vnet::firewallSubnet.id }
          publicIPAddress: { id: resourceId('Microsoft.Network/publicIPAddresses', 'pip-afw-hardened') }
        }
      }
    ]
    firewallPolicy: { id: resourceId('Microsoft.Network/firewallPolicies', 'afwp-hardened') }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-hardened'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'premium'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
    publicNetworkAccess: 'Disabled'
  }

  resource kmsKey 'keys' = {
    name: 'aks-kms'
    properties: {
      kty: 'RSA'
      keySize: 2048
    }
  }
}

resource diskEncryptionSet 'Microsoft.Compute/diskEncryptionSets@2024-03-02' = {
  name: 'des-hardened'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    encryptionType: 'EncryptionAtRestWithCustomerKey'
    activeKey: {
      sourceVault: { id: vault.id }
      keyUrl: kmsKeyId
    }
  }
}

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: registryName
  location: location
  sku: {
    name: 'Premium'
  }
  properties: {
    adminUserEnabled: false
    anonymousPullEnabled: false
    publicNetworkAccess: 'Disabled'
    networkRuleSet: {
      defaultAction: 'Deny'
    }
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: clusterName
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${controlPlaneIdentityId}': {}
    }
  }
  properties: {
    dnsPrefix: clusterName
    kubernetesVersion: '1.33.3'
    enableRBAC: true
    disableLocalAccounts: true
    aadProfile: {
      managed: true
      enableAzureRBAC: true
      adminGroupObjectIDs: [adminGroupObjectId]
    }
    identityProfile: {
      kubeletidentity: {
        resourceId: kubeletIdentityId
      }
    }
    apiServerAccessProfile: {
      enablePrivateCluster: true
    }
    publicNetworkAccess: 'Disabled'
    networkProfile: {
      networkPlugin: 'azure'
      networkPluginMode: 'overlay'
      networkPolicy: 'cilium'
      networkDataplane: 'cilium'
      outboundType: 'userDefinedRouting'
    }
    addonProfiles: {
      azurepolicy: {
        enabled: true
      }
      azureKeyvaultSecretsProvider: {
        enabled: true
        config: {
          enableSecretRotation: 'true'
          rotationPollInterval: '2m'
        }
      }
      omsagent: {
        enabled: true
        config: {
          logAnalyticsWorkspaceResourceID: workspace.id
        }
      }
      httpApplicationRouting: {
        enabled: false
      }
    }
    securityProfile: {
      defender: {
        logAnalyticsWorkspaceResourceId: workspace.id
        securityMonitoring: {
          enabled: true
        }
      }
      workloadIdentity: {
        enabled: true
      }
      azureKeyVaultKms: {
        enabled: true
        keyId: kmsKeyId
        keyVaultNetworkAccess: 'Private'
        keyVaultResourceId: vault.id
      }
    }
    oidcIssuerProfile: {
      enabled: true
    }
    diskEncryptionSetID: diskEncryptionSet.id
    autoUpgradeProfile: {
      upgradeChannel: 'stable'
      nodeOSUpgradeChannel: 'NodeImage'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 3
        enableAutoScaling: true
        minCount: 3
        maxCount: 5
        vmSize: 'Standard_D4ds_v5'
        osType: 'Linux'
        osDiskType: 'Ephemeral'
        enableEncryptionAtHost: true
        enableNodePublicIP: false
        vnetSubnetID: vnet::nodeSubnet.id
      }
    ]
  }

  resource appsPool 'agentPools' = {
    name: 'apps'
    properties: {
      mode: 'User'
      count: 3
      enableAutoScaling: true
      minCount: 3
      maxCount: 10
      vmSize: 'Standard_D8ds_v5'
      osType: 'Linux'
      osDiskType: 'Ephemeral'
      enableEncryptionAtHost: true
      enableNodePublicIP: false
      vnetSubnetID: vnet::nodeSubnet.id
    }
  }
}

resource clusterAudit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: aks
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'kube-audit-admin'
        enabled: true
      }
      {
        category: 'guard'
        enabled: true
      }
    ]
  }
}

resource registryAudit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'acr-audit-to-log-analytics'
  scope: acr
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'ContainerRegistryLoginEvents'
        enabled: true
      }
      {
        category: 'ContainerRegistryRepositoryEvents'
        enabled: true
      }
    ]
  }
}

resource kubeletAcrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(acr.id, 'kubelet-acrpull')
  scope: acr
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
    principalId: kubeletPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource platformAdmins 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(aks.id, 'platform-admins')
  scope: aks
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '3498e952-d568-435e-9b2c-8d77e338d7f7')
    principalId: adminGroupObjectId
    principalType: 'Group'
  }
}
