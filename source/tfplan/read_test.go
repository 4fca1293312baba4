package tfplan

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/aksguard/aksguard/source/azurerm"
)

func readPlan(t *testing.T) []azurerm.Resource {
	t.Helper()
	data, err := os.ReadFile("testdata/plan.json")
	if err != nil {
		t.Fatal(err)
	}
	rs, diags := Resources("testdata/plan.json", data)
	for _, d := range diags {
		t.Errorf("diagnostic: %s", d.Error())
	}
	return rs
}

func find(t *testing.T, rs []azurerm.Resource, addr string) azurerm.Resource {
	t.Helper()
	for _, r := range rs {
		if r.Address == addr {
			return r
		}
	}
	t.Fatalf("no resource %s", addr)
	return azurerm.Resource{}
}

func at(v cty.Value, path string) cty.Value {
	for _, step := range strings.Split(path, ".") {
		if !v.IsKnown() || v.IsNull() {
			return v
		}
		switch ty := v.Type(); {
		case ty.IsObjectType():
			if !ty.HasAttribute(step) {
				return cty.NullVal(cty.DynamicPseudoType)
			}
			v = v.GetAttr(step)
		case ty.IsTupleType() || ty.IsListType():
			i, err := strconv.Atoi(step)
			if err != nil || i >= v.LengthInt() {
				return cty.NullVal(cty.DynamicPseudoType)
			}
			v = v.Index(cty.NumberIntVal(int64(i)))
		default:
			return cty.NullVal(cty.DynamicPseudoType)
		}
	}
	return v
}

func show(v cty.Value) string {
	switch {
	case !v.IsWhollyKnown():
		return "<unknown>"
	case v.IsNull():
		return "<null>"
	case v.Type() == cty.String:
		return v.AsString()
	}
	b, _ := ctyjson.Marshal(v, v.Type())
	return string(b)
}

func TestResources(t *testing.T) {
	rs := readPlan(t)
	var got []string
	for _, r := range rs {
		got = append(got, r.Address)
	}
	// Data sources are not handed on; child modules' resources are.
	want := []string{
		"azurerm_container_registry.acr", "azurerm_firewall.hub", "azurerm_log_analytics_workspace.law[0]",
		"azurerm_management_lock.rg", "azurerm_monitor_diagnostic_setting.aks[0]", "azurerm_network_security_group.nodes",
		"azurerm_resource_group.rg", "azurerm_role_assignment.acr_pull", "azurerm_role_assignment.sub_owner",
		"azurerm_route_table.nodes", "azurerm_subnet.fw", "azurerm_subnet.nodes",
		"azurerm_subnet_network_security_group_association.nodes", "azurerm_subnet_route_table_association.nodes",
		"azurerm_virtual_network.hub", "kubernetes_deployment_v1.web",
		"module.aks.azurerm_kubernetes_cluster.this", `module.aks.azurerm_kubernetes_cluster_node_pool.pool["user"]`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("addresses (-want +got):\n%s", diff)
	}
}

func TestValuesAndLinks(t *testing.T) {
	rs := readPlan(t)
	// The plan names its subscription (data.azurerm_client_config), and the
	// resource group exists already with its real ID: new resources' IDs
	// are built in the same subscription.
	rg := "/subscriptions/5c8f2a1e-1111-2222-3333-444455556666/resourceGroups/rg-shop-prod"
	cluster := rg + "/providers/Microsoft.ContainerService/managedClusters/aks-shop-prod"
	tests := []struct{ addr, path, want string }{
		{"azurerm_resource_group.rg", "id", rg},
		{"module.aks.azurerm_kubernetes_cluster.this", "id", cluster},
		{"module.aks.azurerm_kubernetes_cluster.this", "network_profile.0.network_policy", "cilium"},
		{"module.aks.azurerm_kubernetes_cluster.this", "default_node_pool.0.host_encryption_enabled", "false"},
		// after_unknown: unknown, never guessed.
		{"module.aks.azurerm_kubernetes_cluster.this", "fqdn", "<unknown>"},
		{"module.aks.azurerm_kubernetes_cluster.this", "kubelet_identity", "<unknown>"},
		{"module.aks.azurerm_kubernetes_cluster.this", "network_profile.0.service_cidr", "<unknown>"},
		{"azurerm_firewall.hub", "ip_configuration.0.private_ip_address", "<unknown>"},
		{"azurerm_firewall.hub", "ip_configuration.0.public_ip_address_id", "<unknown>"},
		// References unknown in the plan resolve to what the adapter
		// gives the referenced resource: directly, through a module
		// output, through a module input, and through count instances.
		{"azurerm_monitor_diagnostic_setting.aks[0]", "target_resource_id", cluster},
		{"azurerm_monitor_diagnostic_setting.aks[0]", "log_analytics_workspace_id", rg + "/providers/Microsoft.OperationalInsights/workspaces/law-shop-prod"},
		{"module.aks.azurerm_kubernetes_cluster.this", "default_node_pool.0.vnet_subnet_id", rg + "/providers/Microsoft.Network/virtualNetworks/vnet-shop-prod/subnets/snet-nodes"},
		{`module.aks.azurerm_kubernetes_cluster_node_pool.pool["user"]`, "kubernetes_cluster_id", cluster},
		{`module.aks.azurerm_kubernetes_cluster_node_pool.pool["user"]`, "id", cluster + "/agentPools/user"},
		{"azurerm_subnet_route_table_association.nodes", "route_table_id", rg + "/providers/Microsoft.Network/routeTables/rt-nodes"},
		{"azurerm_subnet_network_security_group_association.nodes", "subnet_id", rg + "/providers/Microsoft.Network/virtualNetworks/vnet-shop-prod/subnets/snet-nodes"},
		{"azurerm_role_assignment.acr_pull", "scope", rg + "/providers/Microsoft.ContainerRegistry/registries/acrshopprod"},
		// Symbols are scoped by the plan (another plan's firewall is
		// another firewall).
		{"azurerm_route_table.nodes", "route.0.next_hop_in_ip_address", "tfref:testdata/plan.json:azurerm_firewall.hub.ip_configuration[0].private_ip_address"},
		{"azurerm_role_assignment.acr_pull", "principal_id", "tfref:testdata/plan.json:module.aks.azurerm_kubernetes_cluster.this.kubelet_identity[0].object_id"},
		// Known in the plan: kept as planned.
		{"azurerm_management_lock.rg", "scope", rg},
		{"azurerm_role_assignment.sub_owner", "scope", "/subscriptions/5c8f2a1e-1111-2222-3333-444455556666"},
	}
	for _, tc := range tests {
		r := find(t, rs, tc.addr)
		if got := show(at(r.Values, tc.path)); got != tc.want {
			t.Errorf("%s %s = %s, want %s", tc.addr, tc.path, got, tc.want)
		}
	}
	// The IDs the references took are those the adapter computes.
	aks := find(t, rs, "module.aks.azurerm_kubernetes_cluster.this")
	if got := azurerm.SyntheticID(aks.Type, aks.Address, aks.Values); got != cluster {
		t.Errorf("SyntheticID of the cluster = %s", got)
	}
}

func TestLocations(t *testing.T) {
	rs := readPlan(t)
	acr := find(t, rs, "azurerm_container_registry.acr")
	if acr.File != "testdata/plan.json" || acr.Line != 277 {
		t.Errorf("registry at %s:%d, want testdata/plan.json:277", acr.File, acr.Line)
	}
	tests := []struct {
		addr, path string
		info       azurerm.AttrInfo
	}{
		{"azurerm_container_registry.acr", "admin_enabled", azurerm.AttrInfo{Line: 285}},
		// Left out of planned_values: the resource's line.
		{"azurerm_container_registry.acr", "login_server", azurerm.AttrInfo{Line: 277, Reason: "known only after apply"}},
		{"module.aks.azurerm_kubernetes_cluster.this", "network_profile.0.network_policy", azurerm.AttrInfo{Line: 514}},
		{"azurerm_firewall.hub", "ip_configuration.0.public_ip_address_id", azurerm.AttrInfo{
			Line: 116, Expr: "azurerm_public_ip.fw.id", Reason: "known only after apply: it depends on azurerm_public_ip.fw.id"}},
		{"azurerm_monitor_diagnostic_setting.aks[0]", "target_resource_id", azurerm.AttrInfo{Line: 250, Expr: "module.aks.cluster_id"}},
	}
	for _, tc := range tests {
		r := find(t, rs, tc.addr)
		if diff := cmp.Diff(tc.info, r.Attrs[tc.path]); diff != "" {
			t.Errorf("%s %s (-want +got):\n%s", tc.addr, tc.path, diff)
		}
	}
}

func TestLooks(t *testing.T) {
	plan, _ := os.ReadFile("testdata/plan.json")
	tests := []struct {
		name string
		data string
		want bool
	}{
		{"plan", string(plan), true},
		{"minimal plan", `{"format_version":"1.2","planned_values":{"root_module":{}}}`, true},
		{"older plan without planned_values", `{"format_version":"0.1","terraform_version":"0.12.0","resource_changes":[]}`, true},
		{"broken plan", `{"format_version":"1.2","planned_values":{`, true},
		{"state, not a plan", `{"format_version":"1.0","terraform_version":"1.9.5","values":{"root_module":{}}}`, false},
		{"ARM template", `{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","resources":[]}`, false},
		{"a document quoting the keys", `{"doc":"format_version and planned_values"}`, false},
		{"array", `[{"format_version":"1.2","planned_values":{}}]`, false},
		{"not JSON", "format_version = 1\nplanned_values = 2\n", false},
	}
	for _, tc := range tests {
		if got := Looks([]byte(tc.data)); got != tc.want {
			t.Errorf("%s: Looks = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestDiagnostics(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"malformed JSON, with where", "{\n  \"format_version\": \"1.2\",\n  \"planned_values\": {,\n}", "p.json:3:22: the Terraform plan is not valid JSON"},
		{"format version this library does not read", `{"format_version":"7.0","planned_values":{}}`, "p.json:1: not a Terraform plan this version of aksguard reads"},
		{"no planned values", `{"format_version":"1.2","terraform_version":"1.9.0","resource_changes":[]}`, "p.json:1: the plan has no planned_values"},
	}
	for _, tc := range tests {
		rs, diags := Resources("p.json", []byte(tc.data))
		if len(rs) != 0 || len(diags) != 1 || !strings.Contains(diags[0].Error(), tc.want) {
			t.Errorf("%s: %d resources, diagnostics %v; want one containing %q", tc.name, len(rs), diags, tc.want)
		}
	}
}

func TestPlaceholderSubscription(t *testing.T) {
	// Nothing in the plan says which subscription: synthetic IDs use the
	// placeholder, as the HCL reader does.
	data := `{"format_version":"1.2","planned_values":{"root_module":{"resources":[
  {"address":"azurerm_resource_group.rg","mode":"managed","type":"azurerm_resource_group","name":"rg","values":{"name":"rg"}}]}},
  "resource_changes":[{"address":"azurerm_resource_group.rg","mode":"managed","type":"azurerm_resource_group","name":"rg",
    "change":{"actions":["create"],"after":{"name":"rg"},"after_unknown":{"id":true}}}]}`
	rs, diags := Resources("p.json", []byte(data))
	if len(diags) != 0 || len(rs) != 1 {
		t.Fatalf("%v %v", rs, diags)
	}
	if got := show(at(rs[0].Values, "id")); got != "/subscriptions/"+azurerm.PlaceholderSubscription+"/resourceGroups/rg" {
		t.Errorf("id = %s", got)
	}
}
