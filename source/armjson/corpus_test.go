package armjson

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/estate"
)

// corpusDir holds real Azure REST API reference examples (read-only); the
// resource JSON the API returns is under responses.<code>.body, and list
// operations return body.value[].
const corpusDir = "../../testdata/corpus/arm-api"

func corpusFiles(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	if err != nil {
		tb.Fatal(err)
	}
	if len(files) == 0 {
		tb.Skipf("no corpus at %s", corpusDir)
	}
	sort.Strings(files)
	return files
}

// TestCorpusEveryResponse adapts every response body of every example, as
// the live API would return it, and checks that each resource of a type the
// catalog reads comes out under its ID, with no diagnostic.
func TestCorpusEveryResponse(t *testing.T) {
	bodies := 0
	for _, file := range corpusFiles(t) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, resp := range doc.Get("responses").Fields {
			body := resp.Value.Get("body")
			if body == nil {
				continue
			}
			items := []*Node{body}
			if v := body.Get("value"); v != nil && v.Kind == Array {
				items = v.Items
			}
			for _, it := range items {
				bodies++
				res := Adapt([]Resource{{Node: it, File: file, Source: estate.SourceAzure}})
				if len(res.Diagnostics) > 0 {
					t.Errorf("%s response %s: diagnostics %v", filepath.Base(file), resp.Key, res.Diagnostics)
				}
				id := estate.ResourceID(it.Get("id").Str)
				if !holds(res.Estate, id) {
					t.Errorf("%s response %s: %s was not adapted", filepath.Base(file), resp.Key, id)
				}
			}
		}
	}
	if bodies < 60 {
		t.Errorf("read %d response bodies, want every one of the corpus (at least 60)", bodies)
	}
}

// readCorpus reads every example file whole, as the loader hands it over.
func readCorpus(t *testing.T) map[string]*estate.Estate {
	t.Helper()
	out := make(map[string]*estate.Estate)
	for _, file := range corpusFiles(t) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		res := Read(file, data)
		if len(res.Diagnostics) > 0 {
			t.Errorf("%s: diagnostics %v", file, res.Diagnostics)
		}
		if len(resources(res.Estate)) == 0 {
			t.Errorf("%s: no resource read", file)
		}
		out[filepath.Base(file)] = res.Estate
	}
	return out
}

// want checks a value and how it was known.
func want[T any](t *testing.T, what string, got estate.Value[T], v T, origin estate.Origin) {
	t.Helper()
	if diff := cmp.Diff(v, got.V, cmpValues); diff != "" || got.Origin != origin {
		t.Errorf("%s = %v (%s), want %v (%s) %s", what, got.V, got.Origin, v, origin, diff)
	}
}

const (
	explicit = estate.Explicit
	dflt     = estate.Default
)

const (
	sub0     = "/subscriptions/00000000-0000-0000-0000-000000000000"
	aksID    = sub0 + "/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/clustername1"
	netRG    = "/subscriptions/subid/resourceGroups/rg1/providers/Microsoft.Network"
	workflow = "/subscriptions/1a66ce04-b633-4a0b-b2bc-a912ec8986a6/resourcegroups/viruela1/providers/microsoft.logic/workflows/viruela6"
)

// TestCorpusValues checks what real API payloads say against what the
// adapter makes of them.
func TestCorpusValues(t *testing.T) {
	es := readCorpus(t)
	get := func(t *testing.T, name string) *estate.Estate {
		t.Helper()
		e := es[name]
		if e == nil {
			t.Skipf("%s is not in the corpus", name)
		}
		return e
	}
	cluster := func(t *testing.T, name string) *estate.Cluster {
		t.Helper()
		e := get(t, name)
		if len(e.Clusters) != 1 {
			t.Fatalf("%s: %d clusters", name, len(e.Clusters))
		}
		return e.Clusters[0]
	}
	tests := []struct {
		file  string
		check func(t *testing.T, file string)
	}{
		{"armapi-containerregistry-2025-11-01-RegistryCreate.json", func(t *testing.T, f string) {
			r := get(t, f).Registries[0]
			wantLoc := estate.Set(true, estate.Loc{File: filepath.Join(corpusDir, f), Line: 40,
				Resource: sub0 + "/resourceGroups/myResourceGroup/providers/Microsoft.ContainerRegistry/registries/myRegistry",
				Path:     "properties.adminUserEnabled"})
			if diff := cmp.Diff(wantLoc, r.AdminUserEnabled); diff != "" {
				t.Errorf("adminUserEnabled (-want +got):\n%s", diff)
			}
			want(t, "sku", r.SKU, "Standard", explicit)
		}},
		{"armapi-containerregistry-2025-11-01-RegistryGet.json", func(t *testing.T, f string) {
			r := get(t, f).Registries[0]
			want(t, "adminUserEnabled", r.AdminUserEnabled, false, explicit)
			want(t, "anonymousPullEnabled", r.AnonymousPullEnabled, false, explicit)
			want(t, "publicNetworkAccess", r.PublicNetworkAccess, "Enabled", explicit)
			want(t, "defaultAction", r.NetworkDefaultAction, "Allow", explicit)
		}},
		{"armapi-containerservice-2026-05-01-ManagedClustersCreate_PrivateClusterFQDNSubdomain.json", func(t *testing.T, f string) {
			c := cluster(t, f)
			want(t, "private", c.PrivateCluster, true, explicit)
			if c.PrivateCluster.Loc.Line != 98 {
				t.Errorf("enablePrivateCluster at line %d, want 98", c.PrivateCluster.Loc.Line)
			}
			want(t, "pool encryption at host", c.NodePools[0].EncryptionAtHost, true, explicit)
		}},
		{"armapi-containerservice-2026-05-01-ManagedClustersCreate_PrivateClusterPublicFQDN.json", func(t *testing.T, f string) {
			c := cluster(t, f)
			want(t, "private", c.PrivateCluster, true, explicit)
			want(t, "authorized ranges", c.AuthorizedIPRanges, nil, dflt)
		}},
		{"armapi-containerservice-2026-05-01-ManagedClustersCreate_AzureKeyvaultSecretsProvider.json", func(t *testing.T, f string) {
			c := cluster(t, f)
			want(t, "secrets provider", c.KeyVaultSecretsProvider, true, explicit)
			want(t, "rotation (a string)", c.SecretRotation, true, explicit)
			want(t, "DES", c.DiskEncryptionSetID, sub0+"/resourceGroups/rg1/providers/Microsoft.Compute/diskEncryptionSets/des", explicit)
			want(t, "service principal", c.ServicePrincipalClientID, "clientid", explicit)
			want(t, "network policy", c.NetworkPolicy, "none", dflt)
		}},
		{"armapi-containerservice-2026-05-01-ManagedClustersCreate_SecurityProfile.json", func(t *testing.T, f string) {
			c := cluster(t, f)
			want(t, "defender", c.DefenderEnabled, true, explicit)
			want(t, "workload identity", c.WorkloadIdentity, true, explicit)
			want(t, "KMS", c.KMSEnabled, false, dflt)
		}},
		{"armapi-containerservice-2026-05-01-ManagedClustersCreate_UpdateWithEnableAzureRBAC.json", func(t *testing.T, f string) {
			c := cluster(t, f)
			want(t, "aad managed", c.AADManaged, true, explicit)
			want(t, "azure rbac", c.AzureRBAC, true, explicit)
			want(t, "admin groups (null)", c.AdminGroupObjectIDs, nil, dflt)
		}},
		{"armapi-containerservice-2026-05-01-ManagedClustersGet.json", func(t *testing.T, f string) {
			c := cluster(t, f)
			want(t, "enableRBAC", c.EnableRBAC, false, explicit)
			want(t, "local accounts", c.DisableLocalAccounts, false, dflt)
			want(t, "plugin", c.NetworkPlugin, "kubenet", explicit)
		}},
		{"armapi-containerservice-2025-10-01-ManagedClustersCreate_DisableRunCommand.json", func(t *testing.T, f string) {
			cluster(t, f) // type spelled Microsoft.ContainerService/ManagedClusters
		}},
		{"armapi-containerservice-2026-02-01-AdvancedNetworkingTransitEncryption.json", func(t *testing.T, f string) {
			c := cluster(t, f)
			want(t, "mode", c.NetworkPluginMode, "overlay", explicit)
			want(t, "dataplane", c.NetworkDataplane, "cilium", explicit)
			want(t, "policy under cilium", c.NetworkPolicy, "cilium", dflt)
		}},
		{"armapi-containerservice-2026-05-01-ManagedClustersCreate_PodIdentity.json", func(t *testing.T, f string) {
			want(t, "pod identity", cluster(t, f).PodIdentity, true, explicit)
		}},
		{"armapi-containerservice-2026-05-01-ManagedClustersCreate_NodePublicIPPrefix.json", func(t *testing.T, f string) {
			p := cluster(t, f).NodePools[0]
			want(t, "public IP", p.EnableNodePublicIP, true, explicit)
			if p.ID != aksID+"/agentPools/nodepool1" || p.Cluster != aksID {
				t.Errorf("pool %s of %s", p.ID, p.Cluster)
			}
		}},
		{"armapi-containerservice-2026-05-01-ManagedClustersCreate_UserAssignedNATGateway.json", func(t *testing.T, f string) {
			want(t, "outbound", cluster(t, f).OutboundType, "userAssignedNATGateway", explicit)
		}},
		{"armapi-containerservice-2026-05-01-ManagedClustersCreate_Update.json", func(t *testing.T, f string) {
			c := cluster(t, f)
			want(t, "identity", c.IdentityType, "UserAssigned", explicit)
			want(t, "identities", c.UserAssignedIdentities, []estate.ResourceID{
				sub0 + "/resourceGroups/rgName1/providers/Microsoft.ManagedIdentity/userAssignedIdentities/identity1"}, explicit)
		}},
		{"armapi-security-2024-01-01-ListPricings_example.json", func(t *testing.T, f string) {
			tiers := map[string]string{}
			for _, p := range get(t, f).DefenderPlans {
				tiers[p.Plan.V] = p.Tier.V
			}
			wantTiers := map[string]string{"VirtualMachines": "Standard", "AppServices": "Free", "KubernetesService": "Free",
				"ContainerRegistry": "Free", "Containers": "Standard", "CloudPosture": "Standard"}
			for plan, tier := range wantTiers {
				if tiers[plan] != tier {
					t.Errorf("%s tier %q, want %q", plan, tiers[plan], tier)
				}
			}
			for _, p := range get(t, f).DefenderPlans {
				if p.Plan.V == "Containers" {
					want(t, "Containers scope", p.Scope, "/subscriptions/d34fd44c-ebfa-4a9c-bceb-9eeafe72ac15", explicit)
				}
			}
		}},
		{"armapi-security-2024-01-01-GetResourcePricingByNameContainers_example.json", func(t *testing.T, f string) {
			p := get(t, f).DefenderPlans[0]
			want(t, "scope", p.Scope, "/subscriptions/20ff7fc3-e762-44dd-bd96-b71116dcdc23/resourceGroups/demo-containers-rg/providers/Microsoft.ContainerService/managedClusters/demo-aks-cluster", explicit)
			want(t, "tier", p.Tier, "Standard", explicit)
		}},
		{"armapi-network-2025-05-01-NetworkSecurityGroupCreateWithRule.json", func(t *testing.T, f string) {
			r := get(t, f).NSGs[0].Rules[0]
			want(t, "priority", r.Priority, 130, explicit)
			want(t, "ports", r.DestinationPorts, []string{"80"}, explicit)
			want(t, "source", r.SourcePrefixes, []string{"*"}, explicit)
			want(t, "access", r.Access, "Allow", explicit)
		}},
		{"armapi-network-2025-05-01-NetworkSecurityGroupGet.json", func(t *testing.T, f string) {
			if n := len(get(t, f).NSGs[0].Rules); n != 1 {
				t.Errorf("%d rules, want 1 (default rules come from Link)", n)
			}
		}},
		{"armapi-network-2025-05-01-NetworkSecurityGroupRuleGet.json", func(t *testing.T, f string) {
			if got := get(t, f).SecurityRules[0].NSG; got != netRG+"/networkSecurityGroups/testnsg" {
				t.Errorf("rule's NSG %s", got)
			}
		}},
		{"armapi-network-2025-05-01-RouteTableGet.json", func(t *testing.T, f string) {
			r := get(t, f).RouteTables[0].Routes[0]
			want(t, "prefix", r.AddressPrefix, "10.0.3.0/24", explicit)
			want(t, "next hop", r.NextHopType, "VirtualNetworkGateway", explicit)
		}},
		{"armapi-network-2025-05-01-RouteTableRouteCreate.json", func(t *testing.T, f string) {
			if got := get(t, f).Routes[0].RouteTable; got != netRG+"/routeTables/testrt" {
				t.Errorf("route's table %s", got)
			}
		}},
		{"armapi-network-2025-05-01-AzureFirewallGet.json", func(t *testing.T, f string) {
			ips := get(t, f).Firewalls[0].PrivateIPs
			want(t, "private IPs", ips, []string{"10.0.0.0"}, explicit)
			if ips.Loc.Line != 34 || ips.Loc.Path != "properties.ipConfigurations[0].properties.privateIPAddress" {
				t.Errorf("private IPs at %d %s", ips.Loc.Line, ips.Loc.Path)
			}
		}},
		{"armapi-network-2025-05-01-AzureFirewallPutInHub.json", func(t *testing.T, f string) {
			fw := get(t, f).Firewalls[0]
			want(t, "hub IP", fw.PrivateIPs, []string{"10.0.0.0"}, explicit)
			want(t, "policy", fw.PolicyID, netRG+"/firewallPolicies/policy1", explicit)
		}},
		{"armapi-insights-2021-05-01-preview-getDiagnosticSetting.json", func(t *testing.T, f string) {
			d := get(t, f).DiagnosticSettings[0]
			want(t, "target", d.Target, workflow, explicit)
			if len(d.Logs.V) != 1 || d.Logs.V[0].CategoryGroup != "allLogs" || !estate.Is(d.Logs.V[0].Enabled, true) {
				t.Errorf("logs %+v", d.Logs.V)
			}
			want(t, "workspace (empty)", d.WorkspaceID, "", explicit)
		}},
		{"armapi-insights-2021-05-01-preview-createOrUpdateDiagnosticSettingCategory.json", func(t *testing.T, f string) {
			d := get(t, f).DiagnosticSettings[0]
			want(t, "target of the short ID", d.Target, workflow, explicit)
			if len(d.Logs.V) != 1 || d.Logs.V[0].Category != "WorkflowRuntime" {
				t.Errorf("logs %+v", d.Logs.V)
			}
		}},
		{"armapi-authorization-2022-04-01-RoleAssignments_ListForResourceGroup.json", func(t *testing.T, f string) {
			var scopes []estate.ResourceID
			for _, a := range get(t, f).RoleAssignments {
				scopes = append(scopes, a.Scope.V)
			}
			wantScopes := []estate.ResourceID{"/subscriptions/a925f2f7-5c63-4b7b-8799-25a5f97bc3b2",
				"/subscriptions/a925f2f7-5c63-4b7b-8799-25a5f97bc3b2/resourceGroups/testrg"}
			if diff := cmp.Diff(wantScopes, scopes); diff != "" {
				t.Errorf("scopes (-want +got):\n%s", diff)
			}
		}},
		{"armapi-authorization-2022-04-01-RoleAssignments_CreateForResource.json", func(t *testing.T, f string) {
			a := get(t, f).RoleAssignments[0]
			want(t, "scope", a.Scope, "/subscriptions/a925f2f7-5c63-4b7b-8799-25a5f97bc3b2/resourceGroups/testrg/providers/Microsoft.DocumentDb/databaseAccounts/test-db-account", explicit)
			want(t, "principal type", a.PrincipalType, "User", explicit)
		}},
		{"armapi-keyvault-2025-05-01-getVault.json", func(t *testing.T, f string) {
			v := get(t, f).KeyVaults[0]
			want(t, "purge protection", v.PurgeProtection, false, dflt)
			want(t, "soft delete", v.SoftDelete, true, dflt)
			want(t, "public access", v.PublicNetworkAccess, "Enabled", explicit)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) { tc.check(t, tc.file) })
	}
}

// TestCorpusLinks merges the whole corpus and checks the joins rules rely on.
func TestCorpusLinks(t *testing.T) {
	es := readCorpus(t)
	var parts []*estate.Estate
	for _, name := range sortedKeys(es) {
		parts = append(parts, es[name])
	}
	e := estate.Merge(parts...)
	e.Link()
	if fw := e.FirewallWithPrivateIP("10.0.0.0"); fw == nil {
		t.Error("no firewall owns 10.0.0.0")
	}
	if ds := e.DiagnosticSettingsFor(workflow); len(ds) == 0 {
		t.Error("no diagnostic setting for the workflow")
	}
	demo := estate.ResourceID("/subscriptions/20ff7fc3-e762-44dd-bd96-b71116dcdc23/resourceGroups/demo-containers-rg/providers/Microsoft.ContainerService/managedClusters/demo-aks-cluster")
	plans := map[string]string{}
	for _, p := range e.DefenderPlansCovering(demo) {
		plans[p.Plan.V] = p.Tier.V
	}
	if plans["Containers"] != "Standard" || plans["VirtualMachines"] != "Standard" {
		t.Errorf("plans covering the demo cluster: %v", plans)
	}
	rg := estate.ResourceID("/subscriptions/a925f2f7-5c63-4b7b-8799-25a5f97bc3b2/resourceGroups/testrg/providers/Microsoft.Foo/bars/x")
	if n := len(e.RoleAssignmentsCovering(rg)); n < 2 {
		t.Errorf("%d role assignments cover a resource in testrg, want the subscription's and the group's", n)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// resources lists every resource of e, the separately declared children
// (which estate.All leaves to their parents) and vault keys included.
func resources(e *estate.Estate) []estate.Resource {
	out := e.All()
	for _, r := range e.Keys {
		out = append(out, r)
	}
	for _, r := range e.NodePools {
		out = append(out, r)
	}
	for _, r := range e.SecurityRules {
		out = append(out, r)
	}
	for _, r := range e.Routes {
		out = append(out, r)
	}
	return out
}

func holds(e *estate.Estate, id estate.ResourceID) bool {
	for _, r := range resources(e) {
		if r.M().ID.Equal(id) {
			return true
		}
	}
	return false
}
