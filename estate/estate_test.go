package estate

import (
	"slices"
	"testing"
)

func TestResourceIDCovers(t *testing.T) {
	cluster := ResourceID("/subscriptions/S1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks")
	tests := []struct {
		scope ResourceID
		want  bool
	}{
		{"/subscriptions/s1", true},
		{"/subscriptions/S1/resourcegroups/RG", true},
		{cluster, true},
		{"/subscriptions/s1/resourceGroups/rg2", false},
		{"/subscriptions/s2", false},
		{"/subscriptions/s1/resourceGroups/r", false}, // a prefix of "rg", not an ancestor
		{"/providers/Microsoft.Management/managementGroups/root", true},
		{"azurerm_kubernetes_cluster.aks", false},
	}
	for _, tt := range tests {
		if got := tt.scope.Covers(cluster); got != tt.want {
			t.Errorf("%s covers cluster = %v, want %v", tt.scope, got, tt.want)
		}
	}
}

func TestAncestors(t *testing.T) {
	got := Ancestors("/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerRegistry/registries/r")
	for _, want := range []string{
		"/subscriptions/s/resourcegroups/g/providers/microsoft.containerregistry/registries/r",
		"/subscriptions/s/resourcegroups/g",
		"/subscriptions/s",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("Ancestors lacks %q: %q", want, got)
		}
	}
	if slices.Contains(got, "/subscriptions/s/resourcegroups") {
		t.Errorf("Ancestors has a half segment: %q", got)
	}
	if got := Ancestors("azurerm_container_registry.acr"); !slices.Equal(got, []string{"azurerm_container_registry.acr"}) {
		t.Errorf("IaC address ancestors = %q", got)
	}
}

func TestScope(t *testing.T) {
	id := ResourceID("/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerService/managedClusters/c/providers/Microsoft.Insights/diagnosticSettings/d")
	if got := id.Scope(); got != "/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerService/managedClusters/c" {
		t.Errorf("Scope = %q", got)
	}
	if got := ResourceID("/subscriptions/s/providers/Microsoft.Security/pricings/Containers").Scope(); got != "/subscriptions/s" {
		t.Errorf("pricing scope = %q", got)
	}
}

func TestMergeKeepsFirstByID(t *testing.T) {
	a := &Estate{Clusters: []*Cluster{{Meta: Meta{ID: "/subscriptions/s/x/AKS", Name: "first"}}}}
	b := &Estate{Clusters: []*Cluster{{Meta: Meta{ID: "/subscriptions/s/x/aks", Name: "second"}}, {Meta: Meta{ID: "/subscriptions/s/x/other"}}}}
	m := Merge(a, nil, b)
	if len(m.Clusters) != 2 || m.Clusters[0].Name != "first" {
		t.Fatalf("merge = %+v", m.Clusters)
	}
}

func TestLinkJoinsNetworkAndScopes(t *testing.T) {
	sub := ResourceID("/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v/subnets/nodes")
	nsg := ResourceID("/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/networkSecurityGroups/n")
	rt := ResourceID("/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/routeTables/r")
	cl := ResourceID("/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerService/managedClusters/c")
	e := &Estate{
		Clusters:  []*Cluster{{Meta: Meta{ID: cl}, NodePools: []*NodePool{{Meta: Meta{ID: cl + "/agentPools/sys"}, SubnetID: Set(sub, Loc{})}}}},
		NodePools: []*NodePool{{Meta: Meta{ID: cl + "/agentPools/user"}, Cluster: cl, SubnetID: Set(sub, Loc{})}},
		Subnets:   []*Subnet{{Meta: Meta{ID: sub}, NSGID: Defaulted[ResourceID]("", Loc{})}},
		SubnetAssociations: []*SubnetAssociation{
			{Kind: AssociatesNSG, Subnet: Set(sub, Loc{}), Target: Set(nsg, Loc{})},
			{Kind: AssociatesRouteTable, Subnet: Set(sub, Loc{}), Target: Set(rt, Loc{})},
		},
		NSGs:          []*NSG{{Meta: Meta{ID: nsg}}},
		SecurityRules: []*SecurityRule{{Meta: Meta{ID: nsg + "/securityRules/ssh"}, NSG: nsg}},
		RouteTables:   []*RouteTable{{Meta: Meta{ID: rt}}},
		Routes:        []*Route{{Meta: Meta{ID: rt + "/routes/default"}, RouteTable: rt}},
		Firewalls: []*Firewall{
			{Meta: Meta{ID: "fw"}, PrivateIPs: Set([]string{"10.0.0.4"}, Loc{})},
			{Meta: Meta{ID: "fw2"}, PrivateIPs: Defaulted([]string(nil), Loc{}), PendingIPs: []string{"tfref:azurerm_firewall.fw2.ip_configuration[0].private_ip_address"}},
		},
		DiagnosticSettings: []*DiagnosticSetting{
			{Meta: Meta{ID: cl + "/providers/Microsoft.Insights/diagnosticSettings/d"}, Target: Set(cl, Loc{})},
		},
		RoleAssignments: []*RoleAssignment{
			{Meta: Meta{ID: "ra1"}, Scope: Set[ResourceID]("/subscriptions/S", Loc{})},
			{Meta: Meta{ID: "ra2"}, Scope: Set[ResourceID]("/subscriptions/s/resourceGroups/other", Loc{})},
		},
		Locks: []*Lock{{Meta: Meta{ID: "l"}, Scope: Set[ResourceID]("/subscriptions/s/resourceGroups/G", Loc{})}},
	}
	e.Link()
	e.Link() // idempotent
	c := e.Clusters[0]
	if len(c.NodePools) != 2 {
		t.Fatalf("node pools = %d, want inline + separate", len(c.NodePools))
	}
	for _, p := range c.NodePools {
		if p.Subnet == nil || p.Subnet.NSG == nil || p.Subnet.RouteTable == nil {
			t.Fatalf("pool %s not linked to subnet, NSG and route table", p.ID)
		}
	}
	if n := len(e.NSGs[0].Rules); n != 1+len(DefaultNSGRules(nsg)) {
		t.Errorf("NSG rules = %d, want the separate rule plus Azure's defaults once", n)
	}
	if len(e.RouteTables[0].Routes) != 1 {
		t.Errorf("routes not attached")
	}
	if e.FirewallWithPrivateIP("10.0.0.4") == nil {
		t.Errorf("firewall not indexed by IP")
	}
	if f := e.FirewallWithPrivateIP("tfref:azurerm_firewall.fw2.ip_configuration[0].private_ip_address"); f == nil || f.ID != "fw2" {
		t.Errorf("firewall not indexed by the symbol of its pending IP: %v", f)
	}
	if len(e.DiagnosticSettingsFor(ResourceID(string(cl)))) != 1 {
		t.Errorf("diagnostic setting not found by target")
	}
	if got := e.RoleAssignmentsCovering(cl); len(got) != 1 || got[0].ID != "ra1" {
		t.Errorf("role assignments covering = %v", got)
	}
	if len(e.LocksCovering(cl)) != 1 {
		t.Errorf("lock at resource group not found")
	}
}

func TestValueEvidence(t *testing.T) {
	at := Loc{Path: "properties.disableLocalAccounts"}
	if got := Defaulted(false, at).Evidence(); got != "properties.disableLocalAccounts = false (default: not set in the input)" {
		t.Errorf("default evidence = %q", got)
	}
	if got := Unresolved[bool](at, "var.x has no value").Evidence(); got != "properties.disableLocalAccounts is not determined by the inputs: var.x has no value" {
		t.Errorf("unknown evidence = %q", got)
	}
	if got := Set([]string{"0.0.0.0/0"}, at.At("authorizedIPRanges")).Evidence(); got != `authorizedIPRanges = ["0.0.0.0/0"]` {
		t.Errorf("list evidence = %q", got)
	}
}
