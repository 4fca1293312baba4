// A workspace with a CanNotDelete lock (scope: workspace) but four
// principals with write roles at its scope: more than three can change the
// logs (AKS-LOG-04 fails).
var writers = [for i in range(1, 4): 'b${i}000000-0000-4000-8000-000000000000']

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-locked'
  location: 'westeurope'
}

resource lock 'Microsoft.Authorization/locks@2020-05-01' = {
  name: 'no-delete'
  scope: workspace
  properties: {
    level: 'CanNotDelete'
  }
}

resource contributors 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for w in writers: {
  name: guid(workspace.id, w)
  scope: workspace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b24988ac-6180-42a0-ab88-20f7382dd24c')
    principalId: w
    principalType: 'User'
  }
}]
