// Node pools declared as child resources in a loop, with parent: and an
// index: each instance is its own node pool, judged on its own.
param pools array = [
  { name: 'apps', publicIp: false, disk: 'Ephemeral' }
  { name: 'edge', publicIp: true, disk: 'Managed' }
  { name: 'batch', publicIp: false, disk: 'Managed' }
]

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-pools'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks-pools'
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 3
        osDiskType: 'Ephemeral'
      }
    ]
  }
}

resource userPools 'Microsoft.ContainerService/managedClusters/agentPools@2024-09-01' = [for (pool, i) in pools: {
  parent: aks
  name: pool.name
  properties: {
    mode: 'User'
    count: i + 1
    osDiskType: pool.disk
    enableEncryptionAtHost: i == 2
    enableNodePublicIP: pool.publicIp
  }
}]
