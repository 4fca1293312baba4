package bicep

import (
	"fmt"
	"strings"
	"testing"
)

// estateBlock is one environment of a generated estate: a network with an
// NSG and route table, a cluster with pools in a loop, a registry, a
// workspace, diagnostic settings and role assignments, written with the
// constructs real Bicep uses (interpolation, ternaries, loops, ::, scope:).
const estateBlock = `
// Environment %[1]d
var env%[1]d = {
  name: 'env%[1]d'
  prefix: '10.%[1]d'
  pools: [
    { name: 'apps', count: 3, max: 10 }
    { name: 'batch', count: 1, max: 5 }
  ]
}

resource nsg%[1]d 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-${env%[1]d.name}'
  location: location
  properties: {
    securityRules: [
      {
        name: 'deny-ssh'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Deny'
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

resource rt%[1]d 'Microsoft.Network/routeTables@2024-05-01' = {
  name: 'rt-${env%[1]d.name}'
  location: location
  properties: {
    routes: [
      {
        name: 'default'
        properties: {
          addressPrefix: '0.0.0.0/0'
          nextHopType: 'VirtualAppliance'
          nextHopIpAddress: '${env%[1]d.prefix}.8.4'
        }
      }
    ]
  }
}

resource vnet%[1]d 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-${env%[1]d.name}'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: ['${env%[1]d.prefix}.0.0/16']
    }
  }

  resource nodes 'subnets' = {
    name: 'snet-nodes'
    properties: {
      addressPrefix: '${env%[1]d.prefix}.0.0/22'
      networkSecurityGroup: { id: nsg%[1]d.id }
      routeTable: { id: rt%[1]d.id }
    }
  }
}

resource aks%[1]d 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-${env%[1]d.name}'
  location: location
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-${env%[1]d.name}'
    enableRBAC: true
    disableLocalAccounts: %[1]d %% 2 == 0
    aadProfile: { managed: true, enableAzureRBAC: true }
    apiServerAccessProfile: { enablePrivateCluster: true }
    networkProfile: {
      networkPlugin: 'azure'
      networkPolicy: %[1]d %% 3 == 0 ? 'cilium' : 'azure'
      outboundType: 'userDefinedRouting'
    }
    agentPoolProfiles: [for (p, i) in env%[1]d.pools: {
      name: p.name
      mode: i == 0 ? 'System' : 'User'
      count: p.count
      maxCount: p.max
      enableAutoScaling: true
      vnetSubnetID: vnet%[1]d::nodes.id
    }]
  }
}

resource acr%[1]d 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acr${env%[1]d.name}'
  location: location
  sku: { name: 'Premium' }
  properties: { adminUserEnabled: false }
}

resource audit%[1]d 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit'
  scope: aks%[1]d
  properties: {
    workspaceId: workspace.id
    logs: [for c in ['kube-audit-admin', 'guard']: { category: c, enabled: true }]
  }
}

resource pull%[1]d 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(acr%[1]d.id, 'pull')
  scope: acr%[1]d
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
    principalId: aks%[1]d.properties.identityProfile.kubeletidentity.objectId
  }
}
`

// generatedEstate returns a Bicep file of about lines lines.
func generatedEstate(lines int) []byte {
	var b strings.Builder
	b.WriteString("param location string = 'westeurope'\n\nresource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {\n  name: 'log-bench'\n  location: location\n}\n")
	for i := 1; strings.Count(b.String(), "\n") < lines; i++ {
		fmt.Fprintf(&b, estateBlock, i)
	}
	return []byte(b.String())
}

// The benchmarks parse and evaluate a generated 2,000-line estate:
// go test ./source/bicep -run '^$' -bench . -benchmem
func BenchmarkParse(b *testing.B) {
	data := generatedEstate(2000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if f := parse("main.bicep", string(data)); len(f.diags) != 0 {
			b.Fatal(f.diags[0].msg)
		}
	}
}

func BenchmarkEvaluate(b *testing.B) {
	data := generatedEstate(2000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		rs, diags := Evaluate("main.bicep", data, Options{})
		if len(diags) != 0 || len(rs) < 100 {
			b.Fatalf("%d resources, diagnostics %v", len(rs), diags)
		}
	}
}

// BenchmarkRead adds adapting the resources into the estate.
func BenchmarkRead(b *testing.B) {
	data := generatedEstate(2000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		res := Read("main.bicep", data, Options{})
		if len(res.Diagnostics) != 0 || len(res.Estate.Clusters) < 10 {
			b.Fatalf("%d clusters, diagnostics %v", len(res.Estate.Clusters), res.Diagnostics)
		}
	}
}

// TestGeneratedEstate keeps the benchmark's input honest: it is 2,000
// lines of valid Bicep that evaluates without a warning.
func TestGeneratedEstate(t *testing.T) {
	data := generatedEstate(2000)
	if n := strings.Count(string(data), "\n"); n < 2000 || n > 2200 {
		t.Errorf("%d lines", n)
	}
	res := Read("main.bicep", data, Options{})
	if len(res.Diagnostics) != 0 {
		t.Fatalf("diagnostics: %v", res.Diagnostics)
	}
	e := res.Estate
	t.Logf("%d bytes: %d clusters, %d node pools, %d subnets, %d diagnostic settings, %d role assignments",
		len(data), len(e.Clusters), len(e.NodePools), len(e.Subnets), len(e.DiagnosticSettings), len(e.RoleAssignments))
	if len(e.Clusters) != len(e.DiagnosticSettings) || len(e.Clusters) < 10 {
		t.Errorf("%d clusters, %d diagnostic settings", len(e.Clusters), len(e.DiagnosticSettings))
	}
}
