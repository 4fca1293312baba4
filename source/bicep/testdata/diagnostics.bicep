// Diagnostic settings as extension resources (scope: aks, scope: acr): the
// cluster's audit category group is collected; the registry sends only its
// login events, not the repository events (AKS-LOG-02 fails).
resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-diag'
  location: 'westeurope'
}

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrdiag'
  location: 'westeurope'
  sku: {
    name: 'Basic'
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-diag'
  location: 'westeurope'
  properties: {
    dnsPrefix: 'aks-diag'
    azureMonitorProfile: {
      metrics: {
        enabled: true
      }
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

resource clusterDiag 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-logs'
  scope: aks
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

resource registryDiag 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-logs'
  scope: acr
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'ContainerRegistryLoginEvents'
        enabled: true
      }
    ]
  }
}
