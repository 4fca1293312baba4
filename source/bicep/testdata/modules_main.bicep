// Local modules, called with params, whose outputs feed other modules and
// resources: the subnet ID from the network module reaches the cluster, the
// cluster's name reaches an existing reference that a diagnostic setting
// extends, and the kubelet's object ID (known only at deployment) reaches a
// role assignment.
param prefix string = 'mods'

module network 'modules/network.bicep' = {
  name: 'network'
  params: {
    prefix: prefix
    location: 'westeurope'
  }
}

module cluster './modules/aks.bicep' = {
  name: 'cluster'
  params: {
    name: 'aks-${prefix}'
    subnetId: network.outputs.subnetId
    outboundType: 'userDefinedRouting'
    privateCluster: true
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' existing = {
  name: cluster.outputs.clusterName
}

resource audit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit'
  scope: aks
  properties: {
    workspaceId: resourceId('Microsoft.OperationalInsights/workspaces', 'log-${prefix}')
    logs: [
      {
        category: 'kube-audit'
        enabled: true
      }
    ]
  }
}

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acr${prefix}'
  location: 'westeurope'
  sku: {
    name: 'Standard'
  }
}

resource pull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(acr.id, 'acrpull')
  scope: acr
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
    principalId: cluster.outputs.kubeletObjectId
    principalType: 'ServicePrincipal'
  }
}
