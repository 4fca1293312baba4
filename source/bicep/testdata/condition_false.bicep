// Conditions that are false are not deployed: the audit diagnostic setting
// is switched off, so AKS-LOG-01 fails although it is written; the lock on
// the workspace is deployed, as its condition holds.
param enableAudit bool = false
param lockLogs bool = true

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-cond'
  location: 'westeurope'
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-cond'
  location: 'westeurope'
  properties: {
    dnsPrefix: 'aks-cond'
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 1
      }
    ]
  }
}

resource audit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (enableAudit) {
  name: 'audit'
  scope: aks
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'kube-audit'
        enabled: true
      }
    ]
  }
}

resource lock 'Microsoft.Authorization/locks@2020-05-01' = if (lockLogs && !enableAudit) {
  name: 'log-nodelete'
  scope: workspace
  properties: {
    level: 'CanNotDelete'
  }
}
