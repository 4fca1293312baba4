// A syntax error in one declaration: it is reported with its line and
// column, and the declarations around it are still scanned.
resource before 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrbefore'
  location: 'westeurope'
  sku: {
    name: 'Basic'
  }
  properties: {
    adminUserEnabled: true
  }
}

var broken = {
  name: 'x' 'y'
}

resource after 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrafter'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    adminUserEnabled: false
    publicNetworkAccess: "Disabled"
  }
}

resource last 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrlast'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
  properties: {
    adminUserEnabled: false
    publicNetworkAccess: 'Disabled'
  }
}
