// A loop over a parameter without a value: one node pool with unknown
// values stands for all of them (with a warning), so its verdicts are
// unknown rather than a silent pass.
param pools array

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-unknown'
  location: 'westeurope'
  properties: {
    dnsPrefix: 'aks-unknown'
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 1
        osDiskType: 'Ephemeral'
      }
    ]
  }
}

resource userPools 'Microsoft.ContainerService/managedClusters/agentPools@2024-09-01' = [for p in pools: {
  parent: aks
  name: p.name
  properties: {
    mode: 'User'
    count: p.count
    enableNodePublicIP: p.publicIp
  }
}]
