// Microsoft Defender for Containers on the subscription
// (deployed with az deployment sub create).
targetScope = 'subscription'

resource containers 'Microsoft.Security/pricings@2024-01-01' = {
  name: 'Containers'
  properties: {
    pricingTier: 'Standard'
  }
}
