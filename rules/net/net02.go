package net

import (
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// NET02 checks that a cluster's egress is forced through an Azure Firewall.
var NET02 = &rules.Rule{
	ID:       "AKS-NET-02",
	Title:    "Egress goes through Azure Firewall",
	Severity: rules.High,
	Section:  rules.Network,
	Practice: "Egress traffic is filtered by a firewall",
	Doc: `Without a firewall on the way out, a compromised pod can send data anywhere and pull
tooling from anywhere. AKS routes egress through a firewall only when the cluster's outbound type
is userDefinedRouting and the node subnets' route tables send the default route to it.

For each cluster the rule reads networkProfile.outboundType (Terraform
network_profile.outbound_type), then follows every node pool (inline, agentPools children and
azurerm_kubernetes_cluster_node_pool) to its subnet (vnetSubnetID), the subnet's route table
(inline or through a route-table association) and its 0.0.0.0/0 route: the next hop must be
VirtualAppliance and its IP an Azure Firewall's private IP.

A pool without vnetSubnetID runs in an AKS-managed virtual network, whose routing the user does
not own: it fails. A subnet with no route table, or a route table without a 0.0.0.0/0 route,
fails (Azure's system route sends that traffic to the internet). A subnet, route table or
firewall that the inputs name but do not hold makes the verdict unknown. When the next hop IP
matches no firewall: if the inputs hold no Azure Firewall at all, the appliance may be a firewall
deployed elsewhere and the verdict is unknown; so it is when a firewall of the inputs has no
private IP there (Azure assigns it at deployment, so templates leave it out); if every firewall's
private IPs are known and none is that IP, the appliance is something else and the rule fails.`,
	Fix: rules.Fix{
		CLI: "az aks update -g <rg> -n <cluster> --outbound-type userDefinedRouting; " +
			"az network route-table route create -g <rg> --route-table-name <rt> -n default-egress --address-prefix 0.0.0.0/0 " +
			"--next-hop-type VirtualAppliance --next-hop-ip-address <firewall-private-ip>; " +
			"az network vnet subnet update -g <rg> --vnet-name <vnet> -n <node-subnet> --route-table <rt>",
		Terraform: `network_profile { outbound_type = "userDefinedRouting" }; an azurerm_route_table route with address_prefix = "0.0.0.0/0", ` +
			`next_hop_type = "VirtualAppliance", next_hop_in_ip_address = azurerm_firewall.<fw>.ip_configuration[0].private_ip_address; ` +
			`azurerm_subnet_route_table_association for each node subnet (vnet_subnet_id)`,
		ARM: `properties.networkProfile.outboundType: "userDefinedRouting"; each node subnet's properties.routeTable.id names a ` +
			`Microsoft.Network/routeTables whose route 0.0.0.0/0 has nextHopType "VirtualAppliance" and nextHopIpAddress = the firewall's private IP`,
	},
	Check: func(p *rules.Pass) {
		for _, c := range p.Estate.Clusters {
			checkEgress(p, c)
		}
	},
}

func checkEgress(p *rules.Pass, c *estate.Cluster) {
	ot := c.OutboundType
	switch {
	case !ot.Known():
		p.Unknownf(c, ot.Loc, "%s", ot.Evidence())
		return
	case !strings.EqualFold(ot.V, "userDefinedRouting"):
		p.Failf(c, ot.Loc, "%s: egress does not follow the subnets' routes, so it cannot be forced through a firewall", ot.Evidence())
		return
	}
	if len(c.NodePools) == 0 {
		p.Unknownf(c, ot.Loc, "%s, but no node pool of the cluster is in the scanned inputs, so its subnets' routes are unknown", ot.Evidence())
		return
	}
	var o outcome
	o.pass(ot.Loc, "%s", ot.Evidence()) // shown when every subnet passes too
	seen := make(map[string]bool)
	for _, np := range c.NodePools {
		name := poolName(np)
		switch {
		case !np.SubnetID.Known():
			o.unknown(np.SubnetID.Loc, "node pool %s: %s", name, np.SubnetID.Evidence())
		case np.SubnetID.V == "":
			o.fail(np.SubnetID.Loc, "node pool %s has no vnetSubnetID: it runs in an AKS-managed virtual network whose routes cannot send egress to a firewall", name)
		case np.Subnet == nil:
			o.unknown(np.SubnetID.Loc, "node pool %s: its subnet %s is not in the scanned inputs", name, np.SubnetID.V)
		case !seen[np.Subnet.ID.Key()]:
			seen[np.Subnet.ID.Key()] = true
			checkSubnetEgress(p.Estate, np.Subnet, &o)
		}
	}
	o.report(p, c, "")
}

// checkSubnetEgress follows one node subnet to its default route.
func checkSubnetEgress(e *estate.Estate, s *estate.Subnet, o *outcome) {
	sn := resName(&s.Meta)
	rt := s.RouteTableID
	switch {
	case !rt.Known():
		o.unknown(rt.Loc, "subnet %s: %s", sn, rt.Evidence())
		return
	case rt.V == "":
		o.fail(locOr(rt.Loc, s.Loc), "subnet %s has no route table (%s), so egress follows Azure's default route to the internet", sn, noneInInputs)
		return
	case s.RouteTable == nil:
		o.unknown(rt.Loc, "subnet %s: its route table %s is not in the scanned inputs", sn, rt.V)
		return
	}
	t := s.RouteTable
	tn := resName(&t.Meta)
	var def *estate.Route
	var undecided *estate.Route
	for _, r := range t.Routes {
		if !r.AddressPrefix.Known() {
			if undecided == nil {
				undecided = r
			}
			continue
		}
		if pfx, ok := parsePrefix(r.AddressPrefix.V); ok && pfx.Bits() == 0 && pfx.Addr().Is4() {
			def = r
			break
		}
	}
	switch {
	case def == nil && undecided != nil:
		o.unknown(undecided.AddressPrefix.Loc, "subnet %s: route table %s: %s", sn, tn, undecided.AddressPrefix.Evidence())
		return
	case def == nil:
		o.fail(t.Loc, "subnet %s: route table %s has no 0.0.0.0/0 route, so egress follows Azure's default route to the internet", sn, tn)
		return
	}
	hop := def.NextHopType
	switch {
	case !hop.Known():
		o.unknown(hop.Loc, "subnet %s: route table %s: %s", sn, tn, hop.Evidence())
		return
	case !strings.EqualFold(hop.V, "VirtualAppliance"):
		o.fail(hop.Loc, "subnet %s: route table %s sends 0.0.0.0/0 to %s, not to a firewall", sn, tn, hop.Evidence())
		return
	}
	ip := def.NextHopIP
	if !ip.Known() {
		o.unknown(ip.Loc, "subnet %s: route table %s: %s", sn, tn, ip.Evidence())
		return
	}
	addr := strings.TrimSpace(ip.V)
	if addr == "" {
		o.fail(locOr(ip.Loc, def.Loc), "subnet %s: route table %s sends 0.0.0.0/0 to a virtual appliance without a next hop IP address (%s)", sn, tn, ip.Evidence())
		return
	}
	if fw := e.FirewallWithPrivateIP(addr); fw != nil {
		o.pass(ip.Loc, "subnet %s: route table %s sends 0.0.0.0/0 to %s, a private IP of Azure Firewall %s", sn, tn, ip.Evidence(), resName(&fw.Meta))
		return
	}
	if len(e.Firewalls) == 0 {
		o.unknown(ip.Loc, "subnet %s: route table %s sends 0.0.0.0/0 to the virtual appliance %s, which is not a firewall in the scanned inputs (they hold no Azure Firewall)", sn, tn, addr)
		return
	}
	for _, fw := range e.Firewalls {
		// Azure assigns a firewall's private IP at deployment, so templates
		// often leave it out: such a firewall may own the address.
		switch {
		case !fw.PrivateIPs.Known():
			o.unknown(ip.Loc, "subnet %s: route table %s sends 0.0.0.0/0 to %s; Azure Firewall %s may own it: %s", sn, tn, addr, resName(&fw.Meta), fw.PrivateIPs.Evidence())
			return
		case len(fw.PrivateIPs.V) == 0:
			o.unknown(ip.Loc, "subnet %s: route table %s sends 0.0.0.0/0 to %s; Azure Firewall %s may own it: the inputs do not give its private IP (Azure assigns it at deployment)", sn, tn, addr, resName(&fw.Meta))
			return
		}
	}
	o.fail(ip.Loc, "subnet %s: route table %s sends 0.0.0.0/0 to the virtual appliance %s, which is no Azure Firewall's private IP in the scanned inputs", sn, tn, addr)
}
