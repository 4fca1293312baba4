package armjson

import (
	"strings"

	"github.com/aksguard/aksguard/estate"
)

// vnet adapts Microsoft.Network/virtualNetworks; its inline subnets go to
// Estate.Subnets like separately declared ones.
func (a *adapter) vnet(r *res) {
	p := r.props
	a.out.VirtualNetworks = append(a.out.VirtualNetworks, &estate.VirtualNetwork{
		Meta:         r.meta(),
		AddressSpace: p.strs("addressSpace.addressPrefixes").OrUnknown("addressSpace.addressPrefixes is not in the input"),
	})
	a.children(r, "subnets", "subnets", func(p obj, m estate.Meta) {
		a.out.Subnets = append(a.out.Subnets, subnet(p, m, r.id))
	})
}

// subnetResource adapts a virtualNetworks/subnets child resource.
func (a *adapter) subnetResource(r *res) {
	a.out.Subnets = append(a.out.Subnets, subnet(r.props, r.meta(), parentID(r.id)))
}

func subnet(p obj, m estate.Meta, vnet estate.ResourceID) *estate.Subnet {
	return &estate.Subnet{
		Meta: m,
		VNet: vnet,
		AddressPrefixes: mergeStrs(p.str("addressPrefix"), p.strs("addressPrefixes")).
			OrUnknown("neither addressPrefix nor addressPrefixes is set"),
		// Absent: no NSG or route table is associated.
		NSGID:        p.id("networkSecurityGroup.id").Or(""),
		RouteTableID: p.id("routeTable.id").Or(""),
	}
}

// nsg adapts Microsoft.Network/networkSecurityGroups with its securityRules.
// defaultSecurityRules are not read: estate.Link adds Azure's default rules
// to every NSG, exported or not.
func (a *adapter) nsg(r *res) {
	g := &estate.NSG{Meta: r.meta()}
	a.children(r, "securityRules", "securityRules", func(p obj, m estate.Meta) {
		g.Rules = append(g.Rules, securityRule(p, m, r.id))
	})
	a.out.NSGs = append(a.out.NSGs, g)
}

// securityRuleResource adapts a networkSecurityGroups/securityRules child.
func (a *adapter) securityRuleResource(r *res) {
	a.out.SecurityRules = append(a.out.SecurityRules, securityRule(r.props, r.meta(), parentID(r.id)))
}

func securityRule(p obj, m estate.Meta, nsg estate.ResourceID) *estate.SecurityRule {
	src := mergeStrs(p.str("sourceAddressPrefix"), p.strs("sourceAddressPrefixes"))
	why := "the rule sets no source address prefix"
	if asg := p.at("sourceApplicationSecurityGroups"); asg.present() && !src.present {
		src.loc = asg.loc()
		why = "the source is application security groups, whose members the inputs do not show"
	}
	return &estate.SecurityRule{
		Meta:           m,
		NSG:            nsg,
		Priority:       p.integer("priority").OrUnknown("priority is not set"),
		Direction:      p.str("direction").OrUnknown("direction is not set"),
		Access:         p.str("access").OrUnknown("access is not set"),
		Protocol:       p.str("protocol").OrUnknown("protocol is not set"),
		SourcePrefixes: src.OrUnknown(why),
		DestinationPorts: mergeStrs(p.str("destinationPortRange"), p.strs("destinationPortRanges")).
			OrUnknown("neither destinationPortRange nor destinationPortRanges is set"),
	}
}

// routeTable adapts Microsoft.Network/routeTables with its routes.
func (a *adapter) routeTable(r *res) {
	t := &estate.RouteTable{Meta: r.meta()}
	a.children(r, "routes", "routes", func(p obj, m estate.Meta) {
		t.Routes = append(t.Routes, route(p, m, r.id))
	})
	a.out.RouteTables = append(a.out.RouteTables, t)
}

// routeResource adapts a routeTables/routes child resource.
func (a *adapter) routeResource(r *res) {
	a.out.Routes = append(a.out.Routes, route(r.props, r.meta(), parentID(r.id)))
}

func route(p obj, m estate.Meta, table estate.ResourceID) *estate.Route {
	return &estate.Route{
		Meta:          m,
		RouteTable:    table,
		AddressPrefix: p.str("addressPrefix").OrUnknown("addressPrefix is not set"),
		NextHopType:   p.str("nextHopType").OrUnknown("nextHopType is not set"),
		NextHopIP:     p.str("nextHopIpAddress").Or(""),
	}
}

// firewall adapts Microsoft.Network/azureFirewalls: the private IPs that
// routes send traffic to, from its IP configurations (a firewall in a
// virtual network) and hubIPAddresses (a firewall in a virtual WAN hub).
func (a *adapter) firewall(r *res) {
	p := r.props
	var ips []string
	var reason string
	loc := p.at("ipConfigurations").loc()
	found := false
	add := func(f field[string]) {
		switch {
		case f.reason != "" && reason == "":
			reason, loc = f.reason, f.loc
		case f.present && f.reason == "" && f.v != "":
			if !found {
				loc, found = f.loc, true
			}
			ips = append(ips, f.v)
		}
	}
	cfgs, at, why := p.items("ipConfigurations")
	if why != "" {
		reason, loc = why, at.loc()
	}
	for _, c := range cfgs {
		cp, ok := c.props()
		if !ok {
			continue
		}
		add(cp.str("privateIPAddress"))
	}
	add(p.str("hubIPAddresses.privateIPAddress"))
	f := &estate.Firewall{Meta: r.meta(), PolicyID: p.id("firewallPolicy.id").Or("")}
	switch {
	case reason != "":
		f.PrivateIPs = estate.Unresolved[[]string](loc, reason)
	case found:
		f.PrivateIPs = estate.Set(ips, loc)
	default:
		f.PrivateIPs = estate.Defaulted([]string(nil), loc)
	}
	a.out.Firewalls = append(a.out.Firewalls, f)
}

// children adapts the inline child objects of the array at path (subnets,
// securityRules, routes). segment is the child type's ID segment, used to
// name children that carry no ID of their own.
func (a *adapter) children(r *res, path, segment string, add func(p obj, m estate.Meta)) {
	elems, at, why := r.props.items(path)
	if why != "" {
		a.warnUnusable(r, at, why)
	}
	for i, e := range elems {
		switch {
		case e.present() && e.n.Kind == Unknown:
			a.warnUnusable(r, e, unknownReason(e.n))
			continue
		case !e.present() || e.n.Kind != Object:
			a.errorf(r.Resource, e.loc().Line, "%s: %s is not an object", r.id, e.path)
			continue
		}
		p, ok := e.props()
		if !ok {
			a.errorf(r.Resource, e.loc().Line, "%s: %s.properties is not an object", r.id, e.path)
			continue
		}
		id, name := childID(e, r.id, segment, i)
		add(p, r.childMeta(id, name, e))
	}
}

// mergeStrs joins the single and the plural form of a setting that ARM
// splits in two (addressPrefix and addressPrefixes, destinationPortRange and
// destinationPortRanges). Exports write both, one of them empty.
func mergeStrs(one field[string], many field[[]string]) field[[]string] {
	switch {
	case one.reason != "":
		return field[[]string]{present: true, loc: one.loc, reason: one.reason}
	case many.reason != "":
		return field[[]string]{present: true, loc: many.loc, reason: many.reason}
	}
	out := field[[]string]{loc: one.loc}
	if strings.TrimSpace(one.v) != "" {
		out.present, out.v = true, append(out.v, one.v)
	}
	var rest []string
	for _, s := range many.v {
		if strings.TrimSpace(s) != "" {
			rest = append(rest, s)
		}
	}
	if len(rest) > 0 {
		if !out.present {
			out.loc = many.loc
		}
		out.present, out.v = true, append(out.v, rest...)
	}
	return out
}
