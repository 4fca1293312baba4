// agentPoolProfiles built by a for-expression over range(), with the
// ternary picking the settings of each pool.
var poolCount = 3

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-inline'
  location: 'westeurope'
  properties: {
    dnsPrefix: 'aks-inline'
    agentPoolProfiles: [for i in range(0, poolCount): {
      name: i == 0 ? 'system' : 'user${i}'
      mode: i == 0 ? 'System' : 'User'
      count: 2
      osDiskType: i == 0 ? 'Ephemeral' : 'Managed'
      enableEncryptionAtHost: i == 1
      enableNodePublicIP: i == 2
    }]
  }
}
