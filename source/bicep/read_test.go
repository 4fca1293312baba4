package bicep_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/bicep"
)

func mapFS(kv ...string) fstest.MapFS {
	m := fstest.MapFS{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = &fstest.MapFile{Data: []byte(strings.TrimLeft(kv[i+1], "\n"))}
	}
	return m
}

func readFS(t *testing.T, fsys fstest.MapFS, name string, opts bicep.Options) source.Result {
	t.Helper()
	opts.FS = fsys
	if strings.HasSuffix(name, ".bicepparam") {
		return bicep.ReadParams(name, fsys[name].Data, opts)
	}
	return bicep.Read(name, fsys[name].Data, opts)
}

const cluster = `
resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks1'
  location: 'westeurope'
  properties: {
    disableLocalAccounts: true
    agentPoolProfiles: [
      {
        name: 'system'
        count: 1
      }
    ]
  }
}
`

// TestLocations checks that values point at the property that set them in
// the .bicep file, resources at their declaration, and that resources of a
// module point into the module's own file.
func TestLocations(t *testing.T) {
	fsys := mapFS(
		"infra/main.bicep", `
module m 'modules/c.bicep' = {
  name: 'm'
}
`,
		"infra/modules/c.bicep", cluster)
	res := readFS(t, fsys, "infra/main.bicep", bicep.Options{})
	if len(res.Diagnostics) != 0 {
		t.Fatalf("diagnostics: %v", res.Diagnostics)
	}
	if len(res.Estate.Clusters) != 1 {
		t.Fatalf("clusters = %d, want 1", len(res.Estate.Clusters))
	}
	c := res.Estate.Clusters[0]
	if want := (estate.Loc{File: "infra/modules/c.bicep", Line: 1}); c.Loc.File != want.File || c.Loc.Line != want.Line {
		t.Errorf("cluster at %+v, want %+v", c.Loc, want)
	}
	if c.Source != estate.SourceBicep {
		t.Errorf("source = %q, want bicep", c.Source)
	}
	want := estate.Set(true, estate.Loc{File: "infra/modules/c.bicep", Line: 5, Resource: c.ID, Path: "properties.disableLocalAccounts"})
	if diff := cmp.Diff(want, c.DisableLocalAccounts); diff != "" {
		t.Errorf("disableLocalAccounts (-want +got):\n%s", diff)
	}
}

// TestInlineIgnores checks that "// aksguard:ignore RULE reason" comments
// reach Meta.Ignores of the resource they are above or inside (the
// innermost), of every resource a module deploys when written above the
// module, and that an ignore above nothing is reported.
func TestInlineIgnores(t *testing.T) {
	fsys := mapFS(
		"main.bicep", `
// aksguard:ignore AKS-NET-01 reached through the hub's jump host
// (reviewed 2026-10)
resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks1'
  location: 'westeurope'
  properties: {
    // aksguard:ignore AKS-IAM-02,AKS-IAM-01: break-glass account
    disableLocalAccounts: false
  }

  // aksguard:ignore AKS-NET-09 ingress pool needs public IPs
  resource pool 'agentPools' = {
    name: 'edge'
    properties: {
      enableNodePublicIP: true
    }
  }
}

// aksguard:ignore AKS-IAM-05 legacy pipeline
module acr 'acr.bicep' = {
  name: 'acr'
}

// aksguard:ignore AKS-LOG-01 above nothing
param unused string = ''
`,
		"acr.bicep", `
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acr1'
  location: 'westeurope'
  properties: {
    adminUserEnabled: true
  }
}
`)
	res := readFS(t, fsys, "main.bicep", bicep.Options{})
	ig := func(rule, reason, file string, line int) estate.InlineIgnore {
		return estate.InlineIgnore{Rule: rule, Reason: reason, Loc: estate.Loc{File: file, Line: line}}
	}
	got := map[string][]estate.InlineIgnore{}
	for _, c := range res.Estate.Clusters {
		got[c.Name] = c.Ignores
	}
	for _, p := range res.Estate.NodePools {
		got["pool "+p.Name] = p.Ignores
	}
	for _, r := range res.Estate.Registries {
		got[r.Name] = r.Ignores
	}
	want := map[string][]estate.InlineIgnore{
		"aks1": {
			ig("AKS-NET-01", "reached through the hub's jump host", "main.bicep", 3),
			ig("AKS-IAM-02", "break-glass account", "main.bicep", 8),
			ig("AKS-IAM-01", "break-glass account", "main.bicep", 8),
		},
		"pool edge": {ig("AKS-NET-09", "ingress pool needs public IPs", "main.bicep", 12)},
		"acr1":      {ig("AKS-IAM-05", "legacy pipeline", "main.bicep", 21)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ignores (-want +got):\n%s", diff)
	}
	wantDiag := "main.bicep:25: inline ignore of AKS-LOG-01 is not on the line above a resource, one of its properties or a module: it suppresses nothing"
	found := false
	for _, d := range res.Diagnostics {
		found = found || d.Severity == source.Warning && d.Error() == wantDiag
	}
	if !found {
		t.Errorf("missing warning %q in %v", wantDiag, res.Diagnostics)
	}
}

// TestParameterSources checks both kinds of Options.Parameters and that
// parameter values are placed at the parameter's declaration.
func TestParameterSources(t *testing.T) {
	main := `
param private bool = false
param name string

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: name
  properties: {
    apiServerAccessProfile: {
      enablePrivateCluster: private
    }
  }
}
`
	tests := []struct {
		name, params string
	}{
		{"bicepparam", "using 'main.bicep'\nparam name = 'aks-${'p'}'\nparam private = !false\n"},
		{"json", `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {"name": {"value": "aks-p"}, "private": {"value": true}}}`},
		{"json without envelope", `{"name": {"value": "aks-p"}, "PRIVATE": {"value": "true"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := bicep.Read("main.bicep", []byte(main), bicep.Options{Parameters: []byte(tt.params), ParametersName: "p"})
			if len(res.Diagnostics) != 0 {
				t.Fatalf("diagnostics: %v", res.Diagnostics)
			}
			c := res.Estate.Clusters[0]
			if c.Name != "aks-p" {
				t.Errorf("name = %q, want aks-p", c.Name)
			}
			want := estate.Set(true, estate.Loc{File: "main.bicep", Line: 9, Resource: c.ID, Path: "properties.apiServerAccessProfile.enablePrivateCluster"})
			if diff := cmp.Diff(want, c.PrivateCluster); diff != "" {
				t.Errorf("enablePrivateCluster (-want +got):\n%s", diff)
			}
		})
	}
}

// TestReadParamsFindsItsTemplate checks that a .bicepparam file is read
// with the file its using declaration names, relative to it, and the
// errors when that file cannot be scanned.
func TestReadParamsFindsItsTemplate(t *testing.T) {
	fsys := mapFS(
		"env/prod.bicepparam", "using '../main.bicep'\nparam name = 'aks-prod'\n",
		"env/none.bicepparam", "using none\nparam name = 'x'\n",
		"env/registry.bicepparam", "using 'br/public:avm/res/x:1.0.0'\n",
		"env/missing.bicepparam", "using './nope.bicep'\n",
		"env/nousing.bicepparam", "param name = 'x'\n",
		"main.bicep", "param name string\n"+strings.Replace(cluster, "'aks1'", "name", 1),
	)
	res := readFS(t, fsys, "env/prod.bicepparam", bicep.Options{})
	if len(res.Diagnostics) != 0 || len(res.Estate.Clusters) != 1 || res.Estate.Clusters[0].Name != "aks-prod" {
		t.Fatalf("got %d clusters, diagnostics %v", len(res.Estate.Clusters), res.Diagnostics)
	}
	if f := res.Estate.Clusters[0].Loc.File; f != "main.bicep" {
		t.Errorf("cluster in %q, want main.bicep", f)
	}
	if tmpl, ok := bicep.Using("env/prod.bicepparam", fsys["env/prod.bicepparam"].Data); !ok || tmpl != "main.bicep" {
		t.Errorf("Using = %q, %v; want main.bicep", tmpl, ok)
	}
	for name, want := range map[string]string{
		"env/none.bicepparam":     "warning env/none.bicepparam:1: the parameters file uses no Bicep file (using none); nothing is scanned",
		"env/registry.bicepparam": "error env/registry.bicepparam:1:1: br/public:avm/res/x:1.0.0 not scanned: registry modules and template specs cannot be fetched",
		"env/missing.bicepparam":  "error env/missing.bicepparam:1:1: ./nope.bicep not scanned: env/nope.bicep: no such file",
		"env/nousing.bicepparam":  "error env/nousing.bicepparam:1:1: a .bicepparam file needs a using declaration naming its Bicep file",
	} {
		res := readFS(t, fsys, name, bicep.Options{})
		if len(res.Diagnostics) != 1 || res.Diagnostics[0].Severity.String()+" "+res.Diagnostics[0].Error() != want {
			t.Errorf("%s: diagnostics %v, want %q", name, res.Diagnostics, want)
		}
	}
}

func TestLooks(t *testing.T) {
	tests := []struct {
		name, data string
		want       bool
	}{
		{"main.bicep", "", true},
		{"prod.bicepparam", "", true},
		{"MAIN.BICEP", "", true},
		{"-", "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {\n}\n", true},
		{"-", "targetScope = 'subscription'\n", true},
		{"-", "// c\nparam x string\n", true},
		{"-", "{\"resource\": 1}", false},
		{"-", "apiVersion: v1\nkind: Pod\n", false},
		{"main.tf", "resource \"azurerm_kubernetes_cluster\" \"x\" {}", false},
		{"x.json", "resource a 'b@c' = {}", false},
	}
	for _, tt := range tests {
		if got := bicep.Looks(tt.name, []byte(tt.data)); got != tt.want {
			t.Errorf("Looks(%q, %q) = %v, want %v", tt.name, tt.data, got, tt.want)
		}
	}
}

// TestOptions checks that the deployment context of Options reaches the
// IDs and functions, as armtemplate.Options does.
func TestOptions(t *testing.T) {
	src := `
resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-${resourceGroup().location}'
  location: resourceGroup().location
}
`
	res := bicep.Read("main.bicep", []byte(src), bicep.Options{SubscriptionID: "sub1", ResourceGroup: "rg1", Location: "northeurope"})
	if len(res.Estate.Clusters) != 1 {
		t.Fatalf("clusters: %d, diagnostics %v", len(res.Estate.Clusters), res.Diagnostics)
	}
	want := estate.ResourceID("/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/aks-northeurope")
	if got := res.Estate.Clusters[0].ID; got != want {
		t.Errorf("ID = %s, want %s", got, want)
	}
}

func TestReferences(t *testing.T) {
	src := "using '../main.bicep'\nimport {a} from 'shared/types.bicep'\nmodule m './modules/aks.bicep' = {\n  name: 'm'\n}\nmodule r 'br/public:x:1' = {\n  name: 'r'\n}\n"
	got := bicep.References("infra/env/prod.bicep", []byte(src))
	want := []string{"infra/main.bicep", "infra/env/shared/types.bicep", "infra/env/modules/aks.bicep"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("References (-want +got):\n%s", diff)
	}
}

// TestHubAndSpoke follows the AKS baseline's spoke: an existing resource
// group (scope: subscription()) holds an existing VNet and firewall, which
// are then scope: and module scope: targets; a module called with scope:
// hubResourceGroup deploys into that group.
func TestHubAndSpoke(t *testing.T) {
	fsys := mapFS(
		"spoke.bicep", `
param hubVnetResourceId string = '/subscriptions/1111/resourceGroups/rg-hubs/providers/Microsoft.Network/virtualNetworks/vnet-hub'

resource hubResourceGroup 'Microsoft.Resources/resourceGroups@2021-04-01' existing = {
  scope: subscription()
  name: '${split(hubVnetResourceId, '/')[4]}'
}

resource hubVirtualNetwork 'Microsoft.Network/virtualNetworks@2021-05-01' existing = {
  scope: hubResourceGroup
  name: '${last(split(hubVnetResourceId, '/'))}'
}

module peering 'peering.bicep' = {
  name: take('Peer-${hubVirtualNetwork.name}', 64)
  scope: hubResourceGroup
  params: {
    remoteVirtualNetworkId: hubVirtualNetwork.id
  }
}
`,
		"peering.bicep", `
param remoteVirtualNetworkId string

resource nsg 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-${last(split(remoteVirtualNetworkId, '/'))}'
}
`)
	res := readFS(t, fsys, "spoke.bicep", bicep.Options{})
	if len(res.Diagnostics) != 0 {
		t.Fatalf("diagnostics: %v", res.Diagnostics)
	}
	if len(res.Estate.NSGs) != 1 {
		t.Fatalf("NSGs: %d", len(res.Estate.NSGs))
	}
	want := estate.ResourceID("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hubs/providers/Microsoft.Network/networkSecurityGroups/nsg-vnet-hub")
	if got := res.Estate.NSGs[0].ID; got != want {
		t.Errorf("NSG ID = %s, want %s", got, want)
	}
}
