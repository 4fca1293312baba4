// Application gateways in front of the cluster: one allows TLS 1.0 through
// an old predefined policy, the other requires TLS 1.2 (AKS-NET-03).
var gateways = [
  { name: 'agw-old', policy: 'AppGwSslPolicy20150501' }
  { name: 'agw-new', policy: 'AppGwSslPolicy20220101S' }
]

resource agw 'Microsoft.Network/applicationGateways@2024-05-01' = [for g in gateways: {
  name: g.name
  location: 'westeurope'
  properties: {
    sku: {
      name: 'WAF_v2'
      tier: 'WAF_v2'
    }
    sslPolicy: {
      policyType: 'Predefined'
      policyName: g.policy
    }
  }
}]
