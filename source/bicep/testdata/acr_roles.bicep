// Role assignments scoped to a registry with scope: acr. AcrPull for the
// kubelet is fine; Owner for a group is not (AKS-IAM-05 fails). The admin
// user is off and public access is limited by a network rule set.
param kubeletObjectId string = '2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091'

var roles = {
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'
}

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrroles'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    adminUserEnabled: false
    networkRuleSet: {
      defaultAction: 'Deny'
    }
  }
}

resource pull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(acr.id, kubeletObjectId, roles.acrPull)
  scope: acr
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
    principalId: kubeletObjectId
    principalType: 'ServicePrincipal'
  }
}

resource owners 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(acr.id, 'owners')
  scope: acr
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.owner)
    principalId: '11111111-2222-3333-4444-555555555555'
    principalType: 'Group'
  }
}
