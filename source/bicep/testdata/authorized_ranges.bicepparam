using './authorized_ranges.bicep'

var office = '203.0.113.0/24'

param clusterName = 'aks-ranges'
param authorizedRanges = [
  office
  '198.51.100.7/32'
]
param networkPolicy = 'calico'
param nodeCount = 2 + 1
param tags = {
  env: toUpper('prod')
}
