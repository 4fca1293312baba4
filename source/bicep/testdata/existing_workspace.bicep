// An existing workspace in another resource group (scope:
// resourceGroup('rg-logs')) receives the cluster's and the registry's
// logs: the IDs point at rg-logs, and existing resources are not deployed.
resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: 'log-central'
  scope: resourceGroup('rg-logs')
}

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrexisting'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    adminUserEnabled: false
    publicNetworkAccess: 'Disabled'
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-existing'
  location: 'westeurope'
  properties: {
    dnsPrefix: 'aks-existing'
    addonProfiles: {
      omsagent: {
        enabled: true
        config: {
          logAnalyticsWorkspaceResourceID: workspace.id
        }
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

resource clusterAudit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit'
  scope: aks
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'kube-audit-admin'
        enabled: true
      }
    ]
  }
}

resource registryAudit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit'
  scope: acr
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
  }
}
