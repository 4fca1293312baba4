package azurerm

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/estate"
)

const (
	rgID     = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
	vnetID   = rgID + "/providers/Microsoft.Network/virtualNetworks/hub"
	subnetID = vnetID + "/subnets/nodes"
	nsgID    = rgID + "/providers/Microsoft.Network/networkSecurityGroups/nodes"
	rtID     = rgID + "/providers/Microsoft.Network/routeTables/egress"
	fwSymbol = "tfref:azurerm_firewall.hub.ip_configuration[0].private_ip_address"
)

// TestNetworkLinks: the IDs the adapter gives resources are the values the
// readers give references, so a cluster's node subnet leads to its NSG, its
// route table and the firewall the default route points at.
func TestNetworkLinks(t *testing.T) {
	rg := str("rg")
	out := Adapt([]Resource{
		res("azurerm_kubernetes_cluster", "azurerm_kubernetes_cluster.aks", minimalCluster(obj{
			"default_node_pool": blocks(o(obj{"name": str("system"), "vnet_subnet_id": str(subnetID)})),
		}), nil),
		res("azurerm_virtual_network", "azurerm_virtual_network.hub", obj{"name": str("hub"), "resource_group_name": rg, "address_space": list("10.0.0.0/16")}, nil),
		res("azurerm_subnet", "azurerm_subnet.nodes", obj{"name": str("nodes"), "resource_group_name": rg, "virtual_network_name": str("hub"), "address_prefixes": list("10.0.1.0/24")}, nil),
		res("azurerm_network_security_group", "azurerm_network_security_group.nodes", obj{"name": str("nodes"), "resource_group_name": rg,
			"security_rule": blocks(o(obj{"name": str("ssh"), "priority": num(100), "direction": str("Inbound"), "access": str("Allow"),
				"protocol": str("Tcp"), "source_address_prefix": str("Internet"), "destination_port_range": str("22")}))}, nil),
		res("azurerm_network_security_rule", "azurerm_network_security_rule.rdp", obj{"name": str("rdp"), "resource_group_name": rg,
			"network_security_group_name": str("nodes"), "priority": num(110), "direction": str("Inbound"), "access": str("Deny"),
			"protocol": str("*"), "source_address_prefixes": list("0.0.0.0/0"), "destination_port_ranges": list("3389", "5985-5986")}, nil),
		res("azurerm_subnet_network_security_group_association", "azurerm_subnet_network_security_group_association.nodes",
			obj{"subnet_id": str(subnetID), "network_security_group_id": str(nsgID)}, nil),
		res("azurerm_route_table", "azurerm_route_table.egress", obj{"name": str("egress"), "resource_group_name": rg,
			"route": blocks(o(obj{"name": str("default"), "address_prefix": str("0.0.0.0/0"), "next_hop_type": str("VirtualAppliance"),
				"next_hop_in_ip_address": str(fwSymbol)}))}, nil),
		res("azurerm_route", "azurerm_route.internal", obj{"name": str("internal"), "resource_group_name": rg, "route_table_name": str("egress"),
			"address_prefix": str("10.1.0.0/16"), "next_hop_type": str("VnetLocal")}, nil),
		res("azurerm_subnet_route_table_association", "azurerm_subnet_route_table_association.nodes",
			obj{"subnet_id": str(subnetID), "route_table_id": str(rtID)}, nil),
		res("azurerm_firewall", "azurerm_firewall.hub", obj{"name": str("hub"), "resource_group_name": rg,
			"ip_configuration": blocks(o(obj{"name": str("cfg"), "subnet_id": str(vnetID + "/subnets/AzureFirewallSubnet")}))}, nil),
	})
	if len(out.Diagnostics) > 0 {
		t.Fatalf("diagnostics: %v", out.Diagnostics)
	}
	e := out.Estate
	e.Link()
	p := e.Clusters[0].NodePools[0]
	if p.Subnet == nil {
		t.Fatalf("node pool not linked to subnet %s", subnetID)
	}
	if p.Subnet.NSG == nil || p.Subnet.NSG.ID != nsgID {
		t.Fatalf("subnet NSG = %v", p.Subnet.NSG)
	}
	var names []string
	for _, r := range p.Subnet.NSG.Rules {
		if !r.Default {
			names = append(names, r.Name)
		}
	}
	if want := []string{`azurerm_network_security_group.nodes.security_rule["ssh"]`, "azurerm_network_security_rule.rdp"}; !slices.Equal(names, want) {
		t.Errorf("NSG rules = %q, want inline then separate: %q", names, want)
	}
	rt := p.Subnet.RouteTable
	if rt == nil || rt.ID != rtID || len(rt.Routes) != 2 {
		t.Fatalf("route table = %+v", rt)
	}
	hop := rt.Routes[0].NextHopIP
	if fw := e.FirewallWithPrivateIP(hop.V); fw == nil || fw.Name != "azurerm_firewall.hub" {
		t.Errorf("route next hop %q does not lead to the firewall", hop.V)
	}
}

// TestSecurityRules: single and plural prefixes and ports merge as Azure
// merges them; required attributes that are missing are unknown.
func TestSecurityRules(t *testing.T) {
	e := adaptOne(t, res("azurerm_network_security_group", "azurerm_network_security_group.n", obj{"name": str("n"), "resource_group_name": str("rg"),
		"security_rule": blocks(
			o(obj{"name": str("a"), "priority": num(100), "direction": str("Inbound"), "access": str("Allow"), "protocol": str("Tcp"),
				"source_address_prefix": str("*"), "destination_port_ranges": list("22", "443")}),
			o(obj{"name": str("b"), "priority": unknown, "direction": str("Inbound"), "access": str("Allow"), "protocol": str("Tcp"),
				"source_address_prefixes": list("10.0.0.0/8"), "destination_port_range": unknown}),
		)}, map[string]AttrInfo{"security_rule.1.priority": {Line: 9, Expr: "var.prio"}, "security_rule.1.destination_port_range": {Line: 10, Reason: "var.port has no value"}}))
	rules := e.NSGs[0].Rules
	if len(rules) != 2 || rules[0].ID != rgID+"/providers/Microsoft.Network/networkSecurityGroups/n/securityRules/a" {
		t.Fatalf("rules = %+v", rules)
	}
	check(t, "a.SourcePrefixes", rules[0].SourcePrefixes, set([]string{"*"}, "security_rule[0].source_address_prefix"))
	check(t, "a.DestinationPorts", rules[0].DestinationPorts, set([]string{"22", "443"}, "security_rule[0].destination_port_ranges"))
	check(t, "b.Priority", rules[1].Priority, unres[int]("security_rule[1].priority", "var.prio is not known before apply"))
	check(t, "b.DestinationPorts", rules[1].DestinationPorts, unres[[]string]("security_rule[1].destination_port_range", "var.port has no value"))
	check(t, "b.SourcePrefixes", rules[1].SourcePrefixes, set([]string{"10.0.0.0/8"}, "security_rule[1].source_address_prefixes"))
	if rules[1].Loc.Line != 1 {
		t.Errorf("rule without a recorded line should point at the resource: %v", rules[1].Loc)
	}
}

// TestInlineSubnets: azurerm_virtual_network's subnet blocks become
// subnets, with address_prefix (3.x) or address_prefixes (4.x), and the
// NSG or route table they name.
func TestInlineSubnets(t *testing.T) {
	tests := []struct {
		name   string
		subnet obj
		want   estate.Value[[]string]
		rt     estate.Value[estate.ResourceID]
	}{
		{"3.x", obj{"name": str("nodes"), "address_prefix": str("10.0.1.0/24"), "security_group": str(nsgID)},
			set([]string{"10.0.1.0/24"}, `subnet[0].address_prefix`), def[estate.ResourceID]("", "subnet[0].route_table_id")},
		{"4.x", obj{"name": str("nodes"), "address_prefixes": list("10.0.1.0/24"), "security_group": str(nsgID), "route_table_id": str(rtID)},
			set([]string{"10.0.1.0/24"}, `subnet[0].address_prefixes`), set[estate.ResourceID](rtID, "subnet[0].route_table_id")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := adaptOne(t, res("azurerm_virtual_network", "azurerm_virtual_network.hub",
				obj{"name": str("hub"), "resource_group_name": str("rg"), "address_space": list("10.0.0.0/16"), "subnet": blocks(o(tt.subnet))}, nil))
			if len(e.Subnets) != 1 {
				t.Fatalf("subnets = %d", len(e.Subnets))
			}
			s := e.Subnets[0]
			if s.ID != subnetID || s.VNet != vnetID || s.Name != `azurerm_virtual_network.hub.subnet["nodes"]` {
				t.Errorf("subnet meta = %+v, vnet %q", s.Meta, s.VNet)
			}
			check(t, "AddressPrefixes", s.AddressPrefixes, tt.want)
			check(t, "NSGID", s.NSGID, set[estate.ResourceID](nsgID, "subnet[0].security_group"))
			check(t, "RouteTableID", s.RouteTableID, tt.rt)
		})
	}
}

// TestSubnetUnknownBlocks: dynamic subnet blocks over an unknown collection
// are reported, not silently dropped.
func TestSubnetUnknownBlocks(t *testing.T) {
	out := Adapt([]Resource{res("azurerm_virtual_network", "azurerm_virtual_network.hub",
		obj{"name": str("hub"), "resource_group_name": str("rg"), "subnet": unknownBlocks},
		map[string]AttrInfo{"subnet": {Line: 6, Reason: "dynamic block for_each: var.subnets has no value"}})})
	if len(out.Estate.Subnets) != 0 || len(out.Diagnostics) != 1 || out.Diagnostics[0].Line != 6 {
		t.Errorf("subnets %d, diagnostics %v", len(out.Estate.Subnets), out.Diagnostics)
	}
	check(t, "AddressSpace", out.Estate.VirtualNetworks[0].AddressSpace, unres[[]string]("address_space", "address_space is not set"))
}

// TestFirewallIPs: a plan of an existing firewall gives its IP as well as
// the symbol references evaluate to; a virtual hub firewall has its own.
func TestFirewallIPs(t *testing.T) {
	e := adaptOne(t, res("azurerm_firewall", "module.hub.azurerm_firewall.this", obj{"name": str("fw"), "resource_group_name": str("rg"),
		"ip_configuration":   blocks(o(obj{"name": str("c"), "private_ip_address": str("10.0.0.4")})),
		"firewall_policy_id": str(rgID + "/providers/Microsoft.Network/firewallPolicies/p")}, nil))
	f := e.Firewalls[0]
	check(t, "PrivateIPs", f.PrivateIPs, set([]string{"10.0.0.4"}, "ip_configuration"))
	if diff := cmp.Diff([]string{"tfref:module.hub.azurerm_firewall.this.ip_configuration[0].private_ip_address"}, f.PendingIPs); diff != "" {
		t.Errorf("PendingIPs (-want +got):\n%s", diff)
	}
	check(t, "PolicyID", f.PolicyID, set[estate.ResourceID](rgID+"/providers/Microsoft.Network/firewallPolicies/p", "firewall_policy_id"))

	e = adaptOne(t, res("azurerm_firewall", "azurerm_firewall.vwan", obj{"name": str("fw"), "resource_group_name": str("rg"),
		"virtual_hub": blocks(o(obj{"virtual_hub_id": str("x")}))}, nil))
	// Only apply knows the address: PrivateIPs is empty, the symbol pending.
	check(t, "PrivateIPs", e.Firewalls[0].PrivateIPs, def([]string(nil), "virtual_hub"))
	if diff := cmp.Diff([]string{"tfref:azurerm_firewall.vwan.virtual_hub[0].private_ip_address"}, e.Firewalls[0].PendingIPs); diff != "" {
		t.Errorf("PendingIPs (-want +got):\n%s", diff)
	}
}
