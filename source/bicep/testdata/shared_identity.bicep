// Two clusters in a loop share one kubelet identity and one control-plane
// identity, named through an interpolated property name (AKS-IAM-06 fails).
resource controlPlane 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-shared'
  location: 'westeurope'
}

resource kubelet 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-shared-kubelet'
  location: 'westeurope'
}

resource clusters 'Microsoft.ContainerService/managedClusters@2024-09-01' = [for env in ['dev', 'prod']: {
  name: 'aks-${env}'
  location: 'westeurope'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${controlPlane.id}': {}
    }
  }
  properties: {
    dnsPrefix: 'aks-${env}'
    identityProfile: {
      kubeletidentity: {
        resourceId: kubelet.id
      }
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 1
      }
    ]
  }
}]
