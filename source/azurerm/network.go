package azurerm

import (
	"fmt"

	"github.com/aksguard/aksguard/estate"
)

// virtualNetwork adapts azurerm_virtual_network and its inline subnet blocks.
func (a *adapter) virtualNetwork(r *resource) {
	root := r.root()
	v := &estate.VirtualNetwork{Meta: r.meta(), AddressSpace: root.strs("address_space").OrUnknown("address_space is not set")}
	a.out.VirtualNetworks = append(a.out.VirtualNetworks, v)
	subnets, at, why := root.blocks("subnet")
	if why != "" {
		r.warnf(at.line, "the subnet blocks are not known (%s): the inline subnets are not audited", why)
	}
	for _, s := range subnets {
		name := nameOf(s)
		a.out.Subnets = append(a.out.Subnets, &estate.Subnet{
			Meta:            r.childMeta(v.ID+"/subnets/"+estate.ResourceID(name), fmt.Sprintf("%s.subnet[%q]", r.Address, name), s),
			VNet:            v.ID,
			AddressPrefixes: addressPrefixes(s),
			NSGID:           s.id("security_group").Or(""),
			// route_table_id is 4.x only; 3.x associates route tables with
			// azurerm_subnet_route_table_association, which Link applies.
			RouteTableID: s.id("route_table_id").Or(""),
		})
	}
}

// subnet adapts azurerm_subnet. Its NSG and route table come from the
// association resources.
func (a *adapter) subnet(r *resource) {
	root := r.root()
	none := root.loc().At("no association in this resource (see azurerm_subnet_*_association)")
	a.out.Subnets = append(a.out.Subnets, &estate.Subnet{
		Meta:            r.meta(),
		VNet:            parentID(root, "virtual_network_name", "Microsoft.Network/virtualNetworks"),
		AddressPrefixes: addressPrefixes(root),
		NSGID:           estate.Defaulted[estate.ResourceID]("", none),
		RouteTableID:    estate.Defaulted[estate.ResourceID]("", none),
	})
}

// addressPrefixes reads address_prefixes, or the single address_prefix of
// older configurations (inline subnets before 4.0).
func addressPrefixes(n node) estate.Value[[]string] {
	list := n.strs("address_prefixes")
	if list.present || list.reason != "" {
		return list.Or(nil)
	}
	if one := n.str("address_prefix"); one.present || one.reason != "" {
		return conv(one, func(s string) []string { return []string{s} }).Or(nil)
	}
	return list.OrUnknown("address_prefixes is not set")
}

// nsg adapts azurerm_network_security_group and its inline security_rule
// blocks.
func (a *adapter) nsg(r *resource) {
	root := r.root()
	g := &estate.NSG{Meta: r.meta()}
	rules, at, why := root.blocks("security_rule")
	if why != "" {
		r.warnf(at.line, "the security_rule blocks are not known (%s): the inline rules are not audited", why)
	}
	for _, s := range rules {
		name := nameOf(s)
		m := r.childMeta(g.ID+"/securityRules/"+estate.ResourceID(name), fmt.Sprintf("%s.security_rule[%q]", r.Address, name), s)
		g.Rules = append(g.Rules, securityRule(s, m, g.ID))
	}
	a.out.NSGs = append(a.out.NSGs, g)
}

// securityRule adapts azurerm_network_security_rule.
func (a *adapter) securityRule(r *resource) {
	root := r.root()
	nsg := parentID(root, "network_security_group_name", "Microsoft.Network/networkSecurityGroups")
	if nsg == "" {
		r.warnf(r.Line, "network_security_group_name or resource_group_name is not known: the rule is not attached to its NSG")
	}
	a.out.SecurityRules = append(a.out.SecurityRules, securityRule(root, r.meta(), nsg))
}

// securityRule reads what inline rules and azurerm_network_security_rule share.
func securityRule(n node, m estate.Meta, nsg estate.ResourceID) *estate.SecurityRule {
	return &estate.SecurityRule{
		Meta:             m,
		NSG:              nsg,
		Priority:         n.integer("priority").OrUnknown("priority is not set"),
		Direction:        n.str("direction").OrUnknown("direction is not set"),
		Access:           n.str("access").OrUnknown("access is not set"),
		Protocol:         n.str("protocol").OrUnknown("protocol is not set"),
		SourcePrefixes:   merged(n.str("source_address_prefix"), n.strs("source_address_prefixes")),
		DestinationPorts: merged(n.str("destination_port_range"), n.strs("destination_port_ranges")),
	}
}

// merged joins a single-valued attribute and its plural form, as Azure does.
// Neither set gives an empty list: the rule matches no prefix (or port).
func merged(one field[string], many field[[]string]) estate.Value[[]string] {
	for _, f := range []field[[]string]{conv(one, func(s string) []string { return []string{s} }), many} {
		if f.reason != "" {
			return estate.Unresolved[[]string](f.loc, f.reason)
		}
	}
	var out []string
	at := one.loc
	if many.present {
		out = append(out, many.v...)
		at = many.loc
	}
	if one.present && one.v != "" {
		out = append([]string{one.v}, out...)
		at = one.loc
	}
	if !one.present && !many.present {
		return estate.Defaulted([]string(nil), at)
	}
	return estate.Set(out, at)
}

// nsgAssociation adapts azurerm_subnet_network_security_group_association.
func (a *adapter) nsgAssociation(r *resource) {
	root := r.root()
	a.out.SubnetAssociations = append(a.out.SubnetAssociations, &estate.SubnetAssociation{
		Meta:   r.meta(),
		Kind:   estate.AssociatesNSG,
		Subnet: root.id("subnet_id").OrUnknown("subnet_id is not set"),
		Target: root.id("network_security_group_id").OrUnknown("network_security_group_id is not set"),
	})
}

// routeTableAssociation adapts azurerm_subnet_route_table_association.
func (a *adapter) routeTableAssociation(r *resource) {
	root := r.root()
	a.out.SubnetAssociations = append(a.out.SubnetAssociations, &estate.SubnetAssociation{
		Meta:   r.meta(),
		Kind:   estate.AssociatesRouteTable,
		Subnet: root.id("subnet_id").OrUnknown("subnet_id is not set"),
		Target: root.id("route_table_id").OrUnknown("route_table_id is not set"),
	})
}

// routeTable adapts azurerm_route_table and its inline route blocks.
func (a *adapter) routeTable(r *resource) {
	root := r.root()
	t := &estate.RouteTable{Meta: r.meta()}
	routes, at, why := root.blocks("route")
	if why != "" {
		r.warnf(at.line, "the route blocks are not known (%s): the inline routes are not audited", why)
	}
	for _, s := range routes {
		name := nameOf(s)
		m := r.childMeta(t.ID+"/routes/"+estate.ResourceID(name), fmt.Sprintf("%s.route[%q]", r.Address, name), s)
		t.Routes = append(t.Routes, route(s, m, t.ID))
	}
	a.out.RouteTables = append(a.out.RouteTables, t)
}

// route adapts azurerm_route.
func (a *adapter) route(r *resource) {
	root := r.root()
	table := parentID(root, "route_table_name", "Microsoft.Network/routeTables")
	if table == "" {
		r.warnf(r.Line, "route_table_name or resource_group_name is not known: the route is not attached to its table")
	}
	a.out.Routes = append(a.out.Routes, route(root, r.meta(), table))
}

func route(n node, m estate.Meta, table estate.ResourceID) *estate.Route {
	return &estate.Route{
		Meta:          m,
		RouteTable:    table,
		AddressPrefix: n.str("address_prefix").OrUnknown("address_prefix is not set"),
		NextHopType:   n.str("next_hop_type").OrUnknown("next_hop_type is not set"),
		// Only a VirtualAppliance hop has an address.
		NextHopIP: n.str("next_hop_in_ip_address").Or(""),
	}
}

// firewall adapts azurerm_firewall. Azure assigns its private IPs at
// deployment: each IP configuration contributes the IP the input gives (a
// plan of an existing firewall) to PrivateIPs, and its SymbolicRef, the
// value references to it evaluate to, to PendingIPs, so that a route to
// the firewall finds it while a literal address is not taken for or
// against it.
func (a *adapter) firewall(r *resource) {
	root := r.root()
	f := &estate.Firewall{Meta: r.meta(), PolicyID: root.id("firewall_policy_id").Or("")}
	confs, at, why := root.blocks("ip_configuration")
	var ips []string
	add := func(n node, path string) {
		if ip := n.str("private_ip_address"); ip.present && ip.reason == "" && ip.v != "" {
			ips = append(ips, ip.v)
		}
		f.PendingIPs = append(f.PendingIPs, SymbolicRef(ScopedAddress(r.Config, r.Address), path))
	}
	for i, c := range confs {
		add(c, fmt.Sprintf("ip_configuration[%d].private_ip_address", i))
	}
	// A firewall in a Virtual WAN hub has its private IP there.
	if root.has("virtual_hub") {
		at = root.at("virtual_hub")
		add(at, "virtual_hub[0].private_ip_address")
	}
	switch {
	case why != "":
		f.PrivateIPs = estate.Unresolved[[]string](at.loc(), why)
	case len(ips) == 0:
		// Assigned at deployment: not known before apply, and not the
		// configuration's to set.
		f.PrivateIPs = estate.Defaulted([]string(nil), at.loc())
	default:
		f.PrivateIPs = estate.Set(ips, at.loc())
	}
	a.out.Firewalls = append(a.out.Firewalls, f)
}

// nameOf is the name of an inline block, or its path when not known.
func nameOf(n node) string {
	if f := n.str("name"); f.present && f.reason == "" && f.v != "" {
		return f.v
	}
	return n.path
}

// parentID is the synthetic ID of the parent a child resource names by
// attr (virtual_network_name, ...) in its resource group, or "".
func parentID(n node, attr, armType string) estate.ResourceID {
	name, rg := n.str(attr), n.str("resource_group_name")
	if !name.present || !rg.present || name.reason != "" || rg.reason != "" || name.v == "" || rg.v == "" {
		return ""
	}
	return estate.ResourceID(ResourceGroupID(rg.v) + "/providers/" + armType + "/" + name.v)
}
