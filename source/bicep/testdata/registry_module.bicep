// Registry modules and template specs cannot be fetched: each is an error
// with its place, and the rest of the file is still scanned.
module acr 'br/public:avm/res/container-registry/registry:0.5.1' = {
  name: 'acr'
  params: {
    name: 'acrregistry'
  }
}

module spec 'ts:00000000-0000-0000-0000-000000000000/rg-specs/aks:1.0' = {
  name: 'spec'
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-registry'
  location: 'westeurope'
  properties: {
    dnsPrefix: 'aks-registry'
    apiServerAccessProfile: {
      enablePrivateCluster: true
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

resource audit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit'
  scope: aks
  properties: {
    workspaceId: acr.outputs.workspaceId
    logs: [
      {
        category: 'kube-audit'
        enabled: true
      }
    ]
  }
}
