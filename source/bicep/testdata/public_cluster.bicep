// A cluster open to the internet: authorized IP ranges that include
// 0.0.0.0/0, local accounts left on (the default), kubenet without a
// network policy, the HTTP application routing add-on, public node IPs.

param location string = 'westeurope'

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-public'
  location: location
  properties: {
    dnsPrefix: 'aks-public'
    apiServerAccessProfile: {
      authorizedIPRanges: [
        '203.0.113.0/24'
        '0.0.0.0/0'
      ]
    }
    networkProfile: {
      networkPlugin: 'kubenet'
    }
    addonProfiles: {
      httpApplicationRouting: {
        enabled: true
      }
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 2
        vmSize: 'Standard_D2s_v5'
        enableNodePublicIP: true
      }
    ]
  }
}
