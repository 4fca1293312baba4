// A kubenet cluster whose pools, made by a loop over range(), add up to
// more nodes than the threshold of 50 (AKS-NET-04 fails).
var poolSizes = [for i in range(0, 4): 10 + i * 5]

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-kubenet'
  location: 'westeurope'
  properties: {
    dnsPrefix: 'aks-kubenet'
    networkProfile: {
      networkPlugin: 'kubenet'
      networkPolicy: 'calico'
    }
    agentPoolProfiles: [for (size, i) in poolSizes: {
      name: 'pool${i}'
      mode: i == 0 ? 'System' : 'User'
      count: 1
      enableAutoScaling: true
      minCount: 1
      maxCount: size
    }]
  }
}
