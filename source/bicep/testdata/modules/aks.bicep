// A cluster in a given subnet; its settings come from the caller.
param name string
param subnetId string
param outboundType string = 'loadBalancer'
param privateCluster bool = false
param location string = 'westeurope'

resource cluster 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: name
  location: location
  properties: {
    dnsPrefix: name
    apiServerAccessProfile: {
      enablePrivateCluster: privateCluster
    }
    networkProfile: {
      networkPlugin: 'azure'
      networkPolicy: 'azure'
      outboundType: outboundType
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 2
        vnetSubnetID: subnetId
      }
    ]
  }
}

output clusterId string = cluster.id
output clusterName string = cluster.name
output kubeletObjectId string = cluster.properties.identityProfile.kubeletidentity.objectId
