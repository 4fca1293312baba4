// A registry whose admin user is switched on by default.
param name string
param adminUser bool = true

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: name
  location: 'westeurope'
  sku: {
    name: 'Standard'
  }
  properties: {
    adminUserEnabled: adminUser
  }
}

output id string = acr.id
