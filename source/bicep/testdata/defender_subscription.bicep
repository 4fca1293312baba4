// A subscription-scoped file: the Defender for Containers plan, a resource
// group, and a module deployed into that group by scope: rg. The cluster's
// ID is in rg-aks of the subscription.
targetScope = 'subscription'

resource containers 'Microsoft.Security/pricings@2024-01-01' = {
  name: 'Containers'
  properties: {
    pricingTier: 'Standard'
  }
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-aks'
  location: 'westeurope'
}

module cluster './modules/aks.bicep' = {
  name: 'cluster'
  scope: rg
  params: {
    name: 'aks-sub'
    subnetId: resourceId('rg-net', 'Microsoft.Network/virtualNetworks/subnets', 'vnet', 'snet')
  }
}

module registry './modules/registry.bicep' = {
  scope: resourceGroup('rg-acr')
  params: {
    name: 'acrsub'
  }
}
