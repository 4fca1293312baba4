package bicep

import (
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/source/armtemplate"
)

// TestSameJSONAsARM evaluates Bicep files and the ARM JSON the Bicep
// compiler emits for them (written after the compiler's baselines:
// nested resources get their parent's type, name and condition; scope:
// becomes the "scope" member; existing resources are not deployed) and
// compares the resource JSON, member by member.
func TestSameJSONAsARM(t *testing.T) {
	tests := []struct {
		name, bicep, arm string
	}{
		{"nested resources inherit the parent's condition",
			`
param deploy bool = false
resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = if (deploy) {
  name: 'vnet'
  resource snet 'subnets' = {
    name: 'snet'
  }
}
resource other 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'other'
  resource snet 'subnets' = [for i in range(0, 2): {
    name: 'snet${i}'
    properties: {
      addressPrefix: '10.0.${i}.0/24'
    }
  }]
}
`, `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": {"deploy": {"type": "bool", "defaultValue": false}},
  "resources": [
    {"condition": "[parameters('deploy')]", "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2024-05-01", "name": "vnet"},
    {"condition": "[parameters('deploy')]", "type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2024-05-01", "name": "[format('{0}/{1}', 'vnet', 'snet')]"},
    {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2024-05-01", "name": "other"},
    {"copy": {"name": "snet", "count": "[length(range(0, 2))]"}, "type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2024-05-01",
     "name": "[format('{0}/{1}', 'other', format('snet{0}', range(0, 2)[copyIndex()]))]",
     "properties": {"addressPrefix": "[format('10.0.{0}.0/24', range(0, 2)[copyIndex()])]"}}
  ]}`},
		{"extension resources and existing resources",
			`
resource ws 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: 'log'
  scope: resourceGroup('rg-logs')
}
resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks'
  properties: {
    dnsPrefix: 'aks'
  }
}
resource diag 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit'
  scope: aks
  properties: {
    workspaceId: ws.id
  }
}
resource lock 'Microsoft.Authorization/locks@2020-05-01' = {
  name: 'lock'
  scope: aks
  properties: {
    level: 'CanNotDelete'
    notes: aks.properties.fqdn
  }
}
`, `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "resources": [
    {"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-09-01", "name": "aks", "properties": {"dnsPrefix": "aks"}},
    {"type": "Microsoft.Insights/diagnosticSettings", "apiVersion": "2021-05-01-preview", "scope": "[format('Microsoft.ContainerService/managedClusters/{0}', 'aks')]", "name": "audit",
     "properties": {"workspaceId": "[extensionResourceId(format('/subscriptions/{0}/resourceGroups/{1}', subscription().subscriptionId, 'rg-logs'), 'Microsoft.OperationalInsights/workspaces', 'log')]"}},
    {"type": "Microsoft.Authorization/locks", "apiVersion": "2020-05-01", "scope": "[format('Microsoft.ContainerService/managedClusters/{0}', 'aks')]", "name": "lock",
     "properties": {"level": "CanNotDelete", "notes": "[reference(resourceId('Microsoft.ContainerService/managedClusters', 'aks'), '2024-09-01').fqdn]"}}
  ]}`},
		{"subscription scope",
			`
targetScope = 'subscription'
resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-aks'
  location: 'westeurope'
}
resource plan 'Microsoft.Security/pricings@2024-01-01' = {
  name: 'Containers'
  properties: {
    pricingTier: 'Standard'
  }
}
`, `{"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
  "resources": [
    {"type": "Microsoft.Resources/resourceGroups", "apiVersion": "2024-03-01", "name": "rg-aks", "location": "westeurope"},
    {"type": "Microsoft.Security/pricings", "apiVersion": "2024-01-01", "name": "Containers", "properties": {"pricingTier": "Standard"}}
  ]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, diags := Evaluate("main.bicep", []byte(tt.bicep), Options{})
			if len(diags) != 0 {
				t.Errorf("Bicep diagnostics: %v", diags)
			}
			nodes, adiags := armtemplate.Evaluate("main.json", []byte(tt.arm), armtemplate.Options{})
			if len(adiags) != 0 {
				t.Errorf("ARM diagnostics: %v", adiags)
			}
			var got, want []string
			for _, r := range rs {
				got = append(got, render(r.Node))
			}
			for _, n := range nodes {
				want = append(want, render(n))
			}
			sort.Strings(got)
			sort.Strings(want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("resource JSON (-arm +bicep):\n%s", diff)
			}
		})
	}
}
