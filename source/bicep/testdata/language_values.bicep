// Values built with the language's newer features decide the verdicts:
// imported variables, types and functions, user-defined functions,
// lambdas, the ternary, ?? and .?, string interpolation and a multi-line
// string.
import { baseline, poolName, poolSpec } from 'shared/defaults.bicep'
import * as defaults from './shared/defaults.bicep'

@description('Overrides of the baseline; none by default.')
param overrides object = {}

param env string = 'prod'

type envName = 'dev' | 'prod'

func isProd(e envName) bool => e == 'prod'

var pools poolSpec[] = [for i in range(0, 3): {
  name: poolName(env, i)
  count: isProd(env) ? 3 : 1
  public: i == 2 ? false : null
}]

var description = '''
Cluster for ${env}: this text is verbatim.
'''

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-${env}-${length(filter(pools, p => p.count > 1))}'
  location: 'westeurope'
  tags: {
    description: description
  }
  properties: {
    dnsPrefix: 'aks-${env}'
    apiServerAccessProfile: {
      authorizedIPRanges: overrides.?ranges ?? defaults.baseline.ranges
    }
    networkProfile: {
      networkPlugin: 'azure'
      networkPolicy: overrides.?networkPolicy ?? baseline.networkPolicy
    }
    autoUpgradeProfile: {
      upgradeChannel: isProd(env) ? baseline.upgradeChannel : 'none'
    }
    agentPoolProfiles: map(pools, (p, i) => {
      name: p.name
      mode: i == 0 ? 'System' : 'User'
      count: p.count
      enableNodePublicIP: p.?public ?? false
      osDiskType: 'Ephemeral'
    })
  }
}
