// A condition that cannot be resolved (it depends on a parameter without a
// value): the resource is kept, with a warning, as the ARM evaluator keeps
// it; its settings are still judged.
param deployAudit bool

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-maybe'
  location: 'westeurope'
  properties: {
    dnsPrefix: 'aks-maybe'
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 1
      }
    ]
  }
}

resource audit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (deployAudit) {
  name: 'audit'
  scope: aks
  properties: {
    workspaceId: resourceId('Microsoft.OperationalInsights/workspaces', 'log-central')
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}
