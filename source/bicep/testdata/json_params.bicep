// Parameters from a JSON deployment parameters file: values given as
// strings are converted to the declared int and bool, as ARM does. A
// kubenet cluster above the node threshold fails AKS-NET-04.
param clusterName string
param privateCluster bool = false
param maxNodes int = 5

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: clusterName
  location: 'westeurope'
  properties: {
    dnsPrefix: clusterName
    apiServerAccessProfile: {
      enablePrivateCluster: privateCluster
    }
    networkProfile: {
      networkPlugin: 'kubenet'
      networkPolicy: 'calico'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 3
        enableAutoScaling: true
        minCount: 3
        maxCount: maxNodes
      }
    ]
  }
}
