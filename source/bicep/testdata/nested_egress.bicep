// Nested child resources and the :: accessor: the route table's route and
// the subnets are declared inside their parents, the firewall sits in the
// firewall subnet, and the default route goes to its private IP, so
// egress is through Azure Firewall (AKS-NET-02 passes).
var firewallIp = '10.60.8.4'

resource routes 'Microsoft.Network/routeTables@2024-05-01' = {
  name: 'rt-egress'
  location: 'westeurope'

  resource toFirewall 'routes' = {
    name: 'default-to-firewall'
    properties: {
      addressPrefix: '0.0.0.0/0'
      nextHopType: 'VirtualAppliance'
      nextHopIpAddress: firewallIp
    }
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-egress'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: ['10.60.0.0/16']
    }
  }

  resource nodes 'subnets' = {
    name: 'snet-nodes'
    properties: {
      addressPrefix: '10.60.0.0/22'
      routeTable: {
        id: routes.id
      }
    }
  }

  resource firewallSubnet 'subnets' = {
    name: 'AzureFirewallSubnet'
    properties: {
      addressPrefix: '10.60.8.0/26'
    }
  }
}

resource firewall 'Microsoft.Network/azureFirewalls@2024-05-01' = {
  name: 'afw-egress'
  location: 'westeurope'
  properties: {
    ipConfigurations: [
      {
        name: 'ipconfig'
        properties: {
          privateIPAddress: firewallIp
          subnet: {
            id: vnet::firewallSubnet.id
          }
        }
      }
    ]
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-egress'
  location: 'westeurope'
  properties: {
    dnsPrefix: 'aks-egress'
    networkProfile: {
      networkPlugin: 'azure'
      outboundType: 'userDefinedRouting'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 1
        vnetSubnetID: vnet::nodes.id
      }
    ]
  }
}
