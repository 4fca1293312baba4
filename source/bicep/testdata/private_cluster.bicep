// A private cluster set up by parameters with defaults and decorators:
// Entra ID with Azure RBAC, no local accounts, Azure CNI overlay with
// Cilium, the policy and Key Vault add-ons, workload identity. Egress is
// through the load balancer (AKS-NET-02 fails) and no diagnostic setting
// collects the audit log (AKS-LOG-01 fails).

@description('The cluster name')
@minLength(3)
@maxLength(63)
param clusterName string = 'aks-private'

@allowed([
  'stable'
  'rapid'
  'patch'
])
param upgradeChannel string = 'stable'

@minValue(1)
@maxValue(10)
param systemCount int = 3

param adminGroupObjectIds array = [
  '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d'
]

var location = 'westeurope'

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: clusterName
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: clusterName
    enableRBAC: true
    disableLocalAccounts: true
    aadProfile: {
      managed: true
      enableAzureRBAC: true
      adminGroupObjectIDs: adminGroupObjectIds
    }
    apiServerAccessProfile: {
      enablePrivateCluster: true
    }
    networkProfile: {
      networkPlugin: 'azure'
      networkPluginMode: 'overlay'
      networkPolicy: 'cilium'
      networkDataplane: 'cilium'
      outboundType: 'loadBalancer'
    }
    addonProfiles: {
      azurepolicy: {
        enabled: true
      }
      azureKeyvaultSecretsProvider: {
        enabled: true
        config: {
          enableSecretRotation: 'true'
        }
      }
      omsagent: {
        enabled: true
      }
    }
    securityProfile: {
      workloadIdentity: {
        enabled: true
      }
      defender: {
        securityMonitoring: {
          enabled: true
        }
      }
    }
    oidcIssuerProfile: {
      enabled: true
    }
    autoUpgradeProfile: {
      upgradeChannel: upgradeChannel
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: systemCount
        vmSize: 'Standard_D4ds_v5'
        osDiskType: 'Ephemeral'
        enableNodePublicIP: false
      }
    ]
  }
}
