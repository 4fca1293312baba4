// A network for a cluster: a VNet with a node subnet behind an NSG that
// lets SSH in from anywhere, and a route table sending everything to a
// virtual appliance.
param prefix string
param location string = resourceGroup().location
param applianceIp string = '10.50.8.4'

resource nsg 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-${prefix}'
  location: location
  properties: {
    securityRules: [
      {
        name: 'ssh-anywhere'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: '*'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '20-25'
        }
      }
    ]
  }
}

resource routes 'Microsoft.Network/routeTables@2024-05-01' = {
  name: 'rt-${prefix}'
  location: location
  properties: {
    routes: [
      {
        name: 'default'
        properties: {
          addressPrefix: '0.0.0.0/0'
          nextHopType: 'VirtualAppliance'
          nextHopIpAddress: applianceIp
        }
      }
    ]
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-${prefix}'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: ['10.50.0.0/16']
    }
  }

  resource nodes 'subnets' = {
    name: 'snet-nodes'
    properties: {
      addressPrefix: '10.50.0.0/22'
      networkSecurityGroup: {
        id: nsg.id
      }
      routeTable: {
        id: routes.id
      }
    }
  }
}

output subnetId string = vnet::nodes.id
output vnetName string = vnet.name
