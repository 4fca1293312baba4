// Every construct of the Bicep language the reader knows, after the Bicep
// language reference. It is parsed, not evaluated: the files it names do
// not exist.
metadata info = {
  owner: 'platform'
}

targetScope = 'resourceGroup'

import * as shared from './shared.bicep'
import {
  tags as commonTags
  prefix
} from './shared.bicep'
extension microsoftGraphV1
import 'az@1.0.0' as azure

@description('A node pool')
@sealed()
type poolType = {
  @description('The pool name')
  @minLength(1)
  name: string
  count: int?
  mode: 'System' | 'User'
  labels: {
    *: string
  }
}

type modes = ('a' | 'b')[]
type pair = [string, int]
type clusterProps = resourceInput<'Microsoft.ContainerService/managedClusters@2024-09-01'>.properties

@export()
func double(x int) int => x * 2

func poolName(p poolType, suffix string) string => toLower('${p.name}-${suffix}')

@minValue(1)
@maxValue(100)
param count int = 3

@allowed([
  'a'
  'b'
])
param choice string = 'a'

param pools poolType[] = [
  { name: 'sys', mode: 'System', count: 3, labels: {} }
  {
    name: 'user'
    mode: 'User'
    labels: {
      tier: 'apps'
    }
  }
]

param maybe object?

@secure()
param secret string

@sys.description('A union of literals')
param size 'small' | 'large' = 'small'

param typed clusterProps?

var big = count > 2 && !(choice == 'b') || false ? 'big' : 'small'
var fallback = maybe.?foo ?? 'default'
var indexed = maybe[?'k'] ?? -1
var text = '''
line one
line 'two'
'''
var names = [for (p, i) in pools: '${p.name}-${i}']
var systemPools = filter(pools, p => p.mode == 'System')
var doubled = map(range(0, 3), i => double(i))
var total = reduce(range(1, 4), 0, (acc, cur) => acc + cur)
var numbers = [1, 2, 3]
var more = [...numbers, 4]
var merged = { ...{ a: 1 }, b: 2 }
var escaped = 'it\'s \${not} a hole \u{41}'
var insensitive = choice =~ 'A'
var asserted = maybe!
var namespaced = sys.concat('a', 'b')
var multiLineCall = union(
  { a: 1 },
  { b: 2 }
)
var multiLineTernary = count > 1
  ? 'many'
  : 'one'
var nestedLoop = [for i in range(0, 2): [for j in range(0, 2): i * j]]
var conditionalItems = [for p in pools: p.?count ?? 1]
var negative = -count
var typedVar string = 'typed'

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet'
  location: resourceGroup().location
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
  }

  @description('A nested child')
  resource snet 'subnets' = {
    name: 'snet'
    properties: {
      addressPrefix: cidrSubnet('10.0.0.0/16', 24, 1)
    }
  }
}

@batchSize(1)
resource userPools 'Microsoft.ContainerService/managedClusters/agentPools@2024-09-01' = [for (p, i) in pools: if (p.mode == 'User') {
  parent: aks
  name: p.name
  properties: {
    count: p.?count ?? 1
  }
}]

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks'
  location: 'westeurope' // a trailing comment
  #disable-next-line BCP037
  properties: {
    /* a block
       comment */
    agentPoolProfiles: [
      {
        name: 'sys'
        vnetSubnetID: vnet::snet.id
      }
    ]
  }
}

#disable-next-line BCP081 no-unused-existing-resources
resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv'
  scope: resourceGroup('other')
}

resource lock 'Microsoft.Authorization/locks@2020-05-01' =
  if (count > 1) {
    name: 'lock'
    scope: aks
    properties: {
      level: 'CanNotDelete'
    }
  }

module net './network.bicep' = {
  name: 'net'
  scope: resourceGroup('rg-net')
  params: {
    secret: kv.getSecret('s')
  }
}

module pool './pool.bicep' = [for p in pools: {
  params: {
    pool: p
  }
}]

module registry 'br/public:avm/res/container-registry/registry:0.1.0' = if (choice == 'a') {
  name: 'acr'
}

assert sane = count > 0

output clusterId string = aks.id
output props object = aks.properties
output vault resource 'Microsoft.KeyVault/vaults@2023-07-01' = kv
output poolIds array = [for i in range(0, length(pools)): userPools[i].id]
