// Child resources declared with parent: an NSG rule that lets SSH in from
// the internet, and the node subnet that carries the NSG. The cluster's
// pool is in that subnet, so AKS-NET-06 fails through the join.
resource nsg 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-nodes'
  location: 'westeurope'
}

resource sshRule 'Microsoft.Network/networkSecurityGroups/securityRules@2024-05-01' = {
  parent: nsg
  name: 'allow-ssh'
  properties: {
    priority: 100
    direction: 'Inbound'
    access: 'Allow'
    protocol: 'Tcp'
    sourceAddressPrefix: 'Internet'
    sourcePortRange: '*'
    destinationAddressPrefix: '*'
    destinationPortRange: '22'
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-pc'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: ['10.1.0.0/16']
    }
  }
}

resource nodeSubnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnet
  name: 'snet-nodes'
  properties: {
    addressPrefix: '10.1.0.0/22'
    networkSecurityGroup: {
      id: nsg.id
    }
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-pc'
  location: 'westeurope'
  properties: {
    dnsPrefix: 'aks-pc'
    networkProfile: {
      networkPlugin: 'azure'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 1
        vnetSubnetID: nodeSubnet.id
      }
    ]
  }
}
