// Admin roles on the cluster for a list of users, assigned in a loop with
// scope: aks: four admins are more than the three AKS-IAM-04 allows.
param admins array = [
  'a1111111-1111-4111-8111-111111111111'
  'a2222222-2222-4222-8222-222222222222'
  'a3333333-3333-4333-8333-333333333333'
  'a4444444-4444-4444-8444-444444444444'
]

var clusterAdminRole = '0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8'

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-roles'
  location: 'westeurope'
  properties: {
    dnsPrefix: 'aks-roles'
    aadProfile: {
      managed: true
      enableAzureRBAC: true
    }
    disableLocalAccounts: true
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 1
      }
    ]
  }
}

resource adminAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (principal, i) in admins: {
  name: guid(aks.id, principal, clusterAdminRole)
  scope: aks
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', clusterAdminRole)
    principalId: principal
    principalType: 'User'
  }
}]
