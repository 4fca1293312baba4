// A module deployed to another resource group (scope:
// resourceGroup('rg-network')) and a loop of cluster modules: the subnet's
// ID is in rg-network, so the clusters' pools still join their subnet, NSG
// and route table. No firewall has the appliance's IP (AKS-NET-02 fails).
var clusters = [
  'blue'
  'green'
]

module network './modules/network.bicep' = {
  name: 'network'
  scope: resourceGroup('rg-network')
  params: {
    prefix: 'shared'
  }
}

module aks './modules/aks.bicep' = [for c in clusters: {
  name: 'aks-${c}'
  params: {
    name: 'aks-${c}'
    subnetId: network.outputs.subnetId
    outboundType: 'userDefinedRouting'
  }
}]

output firstCluster string = aks[0].outputs.clusterId
