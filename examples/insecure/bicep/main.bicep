// An AKS estate with the mistakes aksguard exists to catch. Do not deploy it.
// The Bicep twin of ../arm/azuredeploy.json: both give the same findings.
metadata description = 'An AKS estate with the mistakes aksguard exists to catch. Do not deploy it.'

param clusterName string = 'aks-insecure'
param registryName string = 'acrinsecure'
param location string = resourceGroup().location
param nodeCount int = 3
param spClientId string

@secure()
param spClientSecret string

var vnetName = 'vnet-insecure'
var subnetName = 'snet-nodes'
var nsgName = 'nsg-nodes'

resource nsg 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: nsgName
  location: location
  properties: {
    securityRules: [
      {
        name: 'allow-ssh-anywhere'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '22'
        }
      }
    ]
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: vnetName
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.10.0.0/16'
      ]
    }
    subnets: [
      {
        name: subnetName
        properties: {
          addressPrefix: '10.10.0.0/22'
          networkSecurityGroup: {
            id: nsg.id
          }
        }
      }
    ]
  }

  resource nodeSubnet 'subnets' existing = {
    name: subnetName
  }
}

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: registryName
  location: location
  sku: {
    name: 'Basic'
  }
  properties: {
    adminUserEnabled: true
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: clusterName
  location: location
  properties: {
    dnsPrefix: clusterName
    kubernetesVersion: '1.30.6'
    enableRBAC: true
    servicePrincipalProfile: {
      clientId: spClientId
      secret: spClientSecret
    }
    apiServerAccessProfile: {
      authorizedIPRanges: [
        '0.0.0.0/0'
      ]
    }
    networkProfile: {
      networkPlugin: 'kubenet'
      outboundType: 'loadBalancer'
    }
    addonProfiles: {
      httpApplicationRouting: {
        enabled: true
      }
      omsagent: {
        enabled: false
      }
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: nodeCount
        vmSize: 'Standard_D4s_v5'
        osType: 'Linux'
        osDiskType: 'Managed'
        enableNodePublicIP: true
        vnetSubnetID: vnet::nodeSubnet.id
      }
    ]
  }
}

resource opsOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, 'ops-owner')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')
    principalId: '11111111-2222-3333-4444-555555555555'
    principalType: 'Group'
  }
}
