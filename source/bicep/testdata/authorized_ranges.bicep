// Settings that come from the .bicepparam file beside it: the authorized
// ranges, the network policy and the node count.
param clusterName string
param authorizedRanges array
param networkPolicy string = 'none'
param nodeCount int = 1
param tags object = {}

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: clusterName
  location: 'westeurope'
  tags: tags
  properties: {
    dnsPrefix: clusterName
    apiServerAccessProfile: {
      authorizedIPRanges: authorizedRanges
    }
    networkProfile: {
      networkPlugin: 'azure'
      networkPolicy: networkPolicy == 'none' ? null : networkPolicy
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: nodeCount
        enableNodePublicIP: false
      }
    ]
  }
}
