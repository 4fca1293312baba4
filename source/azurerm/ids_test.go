package azurerm

import (
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/aksguard/aksguard/estate"
)

// TestSyntheticID: the IDs references evaluate to and resources carry.
func TestSyntheticID(t *testing.T) {
	rg := str("rg")
	tests := []struct {
		typ  string
		v    obj
		want string
	}{
		{"azurerm_kubernetes_cluster", obj{"name": str("aks"), "resource_group_name": rg}, clusterID},
		{"azurerm_kubernetes_cluster", obj{"name": str("aks"), "resource_group_name": unknown}, "addr"},
		{"azurerm_kubernetes_cluster", obj{"name": str("aks")}, "addr"},
		{"azurerm_kubernetes_cluster", obj{"id": str("/subscriptions/real/x"), "name": str("aks"), "resource_group_name": rg}, "/subscriptions/real/x"},
		{"azurerm_resource_group", obj{"name": str("rg")}, rgID},
		{"azurerm_subnet", obj{"name": str("nodes"), "resource_group_name": rg, "virtual_network_name": str("hub")}, subnetID},
		{"azurerm_network_security_rule", obj{"name": str("ssh"), "resource_group_name": rg, "network_security_group_name": str("nodes")}, nsgID + "/securityRules/ssh"},
		{"azurerm_route", obj{"name": str("default"), "resource_group_name": rg, "route_table_name": str("egress")}, rtID + "/routes/default"},
		{"azurerm_kubernetes_cluster_node_pool", obj{"name": str("user"), "kubernetes_cluster_id": str(clusterID)}, clusterID + "/agentPools/user"},
		{"azurerm_monitor_diagnostic_setting", obj{"name": str("d"), "target_resource_id": str(clusterID)}, clusterID + "/providers/Microsoft.Insights/diagnosticSettings/d"},
		{"azurerm_management_lock", obj{"name": str("l"), "scope": str(rgID)}, rgID + "/providers/Microsoft.Authorization/locks/l"},
		{"azurerm_role_assignment", obj{"scope": str(rgID), "principal_id": str("p")}, "addr"},
		{"azurerm_role_definition", obj{"name": str("r"), "scope": str(sub), "role_definition_id": str("g")}, sub + "/providers/Microsoft.Authorization/roleDefinitions/g"},
		{"azurerm_security_center_subscription_pricing", obj{"tier": str("Standard")}, sub + "/providers/Microsoft.Security/pricings/VirtualMachines"},
		{"azurerm_security_center_subscription_pricing", obj{"tier": str("Standard"), "resource_type": str("Containers")}, sub + "/providers/Microsoft.Security/pricings/Containers"},
		{"azurerm_subnet_network_security_group_association", obj{"subnet_id": str(subnetID)}, "addr"},
		{"kubernetes_namespace_v1", obj{"metadata": metadata("shop", "")}, "shop"},
		{"kubernetes_deployment", obj{"metadata": metadata("web", "shop")}, "shop/web"},
		{"azurerm_something_else", obj{"name": str("x"), "resource_group_name": rg}, "addr"},
	}
	for _, tt := range tests {
		if got := SyntheticID(tt.typ, "addr", o(tt.v)); got != tt.want {
			t.Errorf("%s %v: %q, want %q", tt.typ, tt.v, got, tt.want)
		}
	}
	// No panic on what an evaluator may hand over.
	for _, v := range []cty.Value{cty.NilVal, cty.NullVal(cty.DynamicPseudoType), cty.DynamicVal, o(obj{"name": str("a").Mark("sensitive"), "resource_group_name": rg})} {
		SyntheticID("azurerm_kubernetes_cluster", "addr", v)
	}
}

// TestSyntheticAttrAndRefs: computed attributes with a stand-in value.
func TestSyntheticAttrAndRefs(t *testing.T) {
	tests := []struct {
		typ, attr string
		v         obj
		want      string
		ok        bool
	}{
		{"azurerm_container_registry", "login_server", obj{"name": str("AcmeProd")}, "acmeprod.azurecr.io", true},
		{"azurerm_firewall", "ip_configuration.0.private_ip_address", obj{}, "tfref:addr.ip_configuration[0].private_ip_address", true},
		{"azurerm_firewall", "ip_configuration[1].private_ip_address", obj{}, "tfref:addr.ip_configuration[1].private_ip_address", true},
		{"azurerm_firewall", "virtual_hub.0.private_ip_address", obj{}, "tfref:addr.virtual_hub[0].private_ip_address", true},
		{"azurerm_firewall", "ip_configuration.0.name", obj{}, "", false},
		{"azurerm_kubernetes_cluster", "kubelet_identity.0.object_id", obj{}, "tfref:addr.kubelet_identity[0].object_id", true},
		{"azurerm_kubernetes_cluster", "kube_config.0.host", obj{}, "", false},
		{"azurerm_role_definition", "role_definition_resource_id", obj{"scope": str(sub), "role_definition_id": str("g")}, sub + "/providers/Microsoft.Authorization/roleDefinitions/g", true},
	}
	for _, tt := range tests {
		got, ok := SyntheticAttr(tt.typ, "addr", o(tt.v), tt.attr)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s.%s = %q, %v; want %q, %v", tt.typ, tt.attr, got, ok, tt.want, tt.ok)
		}
	}
	if !IsSymbolicRef(SymbolicRef("azurerm_firewall.x", "ip_configuration.0.private_ip_address")) || IsSymbolicRef("10.0.0.4") {
		t.Error("IsSymbolicRef does not tell symbols from addresses")
	}
}

// TestAdaptRobust: resources without values, of unknown types, or with
// values of the wrong type give no panic and no silent wrong value.
func TestAdaptRobust(t *testing.T) {
	out := Adapt([]Resource{
		{Address: "azurerm_kubernetes_cluster.empty", Type: "azurerm_kubernetes_cluster"},
		{Address: "azurerm_kubernetes_cluster.unknown", Type: "azurerm_kubernetes_cluster", Values: cty.DynamicVal},
		{Address: "azurerm_public_ip.x", Type: "azurerm_public_ip", Values: o(obj{"name": str("x")})},
		{Address: "kubernetes_manifest.x", Type: "kubernetes_manifest", Values: o(obj{"manifest": cty.DynamicVal}), File: testFile},
	})
	if n := len(out.Estate.Clusters); n != 2 {
		t.Errorf("clusters = %d", n)
	}
	c := cluster(t, minimalCluster(obj{"private_cluster_enabled": str("maybe"), "local_account_disabled": str("true")}), nil)
	check(t, "PrivateCluster", c.PrivateCluster, unres[bool]("private_cluster_enabled", "private_cluster_enabled is a string, which the provider does not accept here"))
	check(t, "DisableLocalAccounts", c.DisableLocalAccounts, set(true, "local_account_disabled"))
	if u := out.Estate.Clusters[1]; u.DisableLocalAccounts.Known() || u.ID != "azurerm_kubernetes_cluster.unknown" {
		t.Errorf("an unknown resource gives %+v, %v", u.Meta, u.DisableLocalAccounts)
	}
	_ = estate.Unknown
}

// TestAdaptNoPanic: every adapter survives values of any shape where it
// expects another, as a half-evaluated or hand-written plan may give.
func TestAdaptNoPanic(t *testing.T) {
	names := []string{"name", "resource_group_name", "default_node_pool", "network_profile", "identity", "kubelet_identity",
		"security_rule", "subnet", "route", "ip_configuration", "virtual_hub", "enabled_log", "log", "permissions", "metadata",
		"spec", "data", "binary_data", "manifest", "ssl_policy", "network_rule_set", "api_server_access_profile",
		"azure_active_directory_role_based_access_control", "key_vault_secrets_provider", "scope", "target_resource_id",
		"kubernetes_cluster_id", "key_vault_id", "address_prefixes", "address_space", "oms_agent", "template", "container"}
	shapes := []cty.Value{
		cty.True, cty.NumberIntVal(3), cty.NumberFloatVal(2.5), cty.DynamicVal, cty.NullVal(cty.String),
		cty.TupleVal([]cty.Value{cty.True}), cty.TupleVal([]cty.Value{cty.DynamicVal}), cty.ListValEmpty(cty.String),
		cty.MapValEmpty(cty.String), cty.MapVal(map[string]cty.Value{"k": cty.UnknownVal(cty.String)}),
		cty.SetVal([]cty.Value{cty.UnknownVal(cty.Object(map[string]cty.Type{"name": cty.String}))}),
	}
	var types []string
	for typ := range handlers {
		types = append(types, typ)
	}
	for k := range kubeKinds {
		types = append(types, "kubernetes_"+k)
	}
	for _, typ := range types {
		for _, shape := range shapes {
			v := obj{}
			for _, n := range names {
				v[n] = shape
			}
			nested := obj{}
			for _, n := range names {
				nested[n] = cty.TupleVal([]cty.Value{o(v)})
			}
			for _, x := range []cty.Value{o(v), o(nested)} {
				func() {
					defer func() {
						if p := recover(); p != nil {
							t.Errorf("%s with %s: panic %v", typ, shape.GoString(), p)
						}
					}()
					Adapt([]Resource{{Address: typ + ".x", Type: typ, Values: x, File: testFile, Line: 1}})
				}()
			}
		}
	}
}

// TestConfigsDoNotJoin: two configurations of one scan with the same
// addresses (envs/dev and envs/prod from the same code) give their
// clusters' own kubelet identities, their firewalls' pending IPs and their
// address IDs distinct values, so that nothing of one joins the other.
func TestConfigsDoNotJoin(t *testing.T) {
	var rs []Resource
	for _, cfg := range []string{"envs/dev", "envs/prod"} {
		rs = append(rs,
			Resource{Address: "azurerm_kubernetes_cluster.aks", Config: cfg, Type: "azurerm_kubernetes_cluster", File: cfg + "/main.tf", Line: 1,
				Values: o(obj{"name": cty.UnknownVal(cty.String), "default_node_pool": blocks(o(obj{"name": str("system")}))})},
			Resource{Address: "azurerm_firewall.hub", Config: cfg, Type: "azurerm_firewall", File: cfg + "/main.tf", Line: 9,
				Values: o(obj{"name": str("fw"), "resource_group_name": str("rg"), "ip_configuration": blocks(o(obj{"name": str("c")}))})})
	}
	e := Adapt(rs).Estate
	dev, prod := e.Clusters[0], e.Clusters[1]
	if dev.ID == prod.ID || dev.KubeletIdentityClientID.V == prod.KubeletIdentityClientID.V {
		t.Errorf("clusters of two configurations join: IDs %q, %q; kubelet client IDs %q, %q", dev.ID, prod.ID, dev.KubeletIdentityClientID.V, prod.KubeletIdentityClientID.V)
	}
	if want := "envs/dev:azurerm_kubernetes_cluster.aks"; string(dev.ID) != want {
		t.Errorf("address ID %q, want %q", dev.ID, want)
	}
	if a, b := e.Firewalls[0].PendingIPs, e.Firewalls[1].PendingIPs; a[0] == b[0] {
		t.Errorf("firewalls of two configurations share the pending IP %q", a[0])
	}
	if got := ScopedAddress(".", "azurerm_firewall.hub"); got != "azurerm_firewall.hub" {
		t.Errorf("ScopedAddress(\".\") = %q: a root scanned where it is needs no qualifier", got)
	}
}
