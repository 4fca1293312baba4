// Exported types, variables and functions, imported by language_values.bicep.
@export()
type poolSpec = {
  name: string
  @minValue(1)
  count: int
  public: bool?
}

@export()
var baseline = {
  networkPolicy: 'cilium'
  upgradeChannel: 'patch'
  ranges: [
    '203.0.113.0/24'
  ]
}

@export()
func poolName(env string, i int) string => toLower('${env}pool${i}')
