package estate

import "strings"

// index holds the joins built once by Link.
type index struct {
	byKey       map[string]Resource
	diagByScope map[string][]*DiagnosticSetting
	raByScope   map[string][]*RoleAssignment
	lockByScope map[string][]*Lock
	defByScope  map[string][]*DefenderPlan
	fwByIP      map[string]*Firewall
	roleDefs    map[string]*RoleDefinition // by full ID key and by bare GUID
}

// DefaultNSGRules are Azure's built-in inbound rules, present under every NSG.
// AllowVnetInBound lets the whole virtual network (peered networks included)
// reach every port.
func DefaultNSGRules(nsg ResourceID) []*SecurityRule {
	mk := func(name string, prio int, access string, src string) *SecurityRule {
		at := Loc{Resource: nsg, Path: "defaultSecurityRules[" + name + "]"}
		return &SecurityRule{
			Meta:             Meta{ID: ResourceID(string(nsg) + "/defaultSecurityRules/" + name), Name: name, Source: SourceAzure, Loc: at},
			NSG:              nsg,
			Priority:         Defaulted(prio, at.At("defaultSecurityRules["+name+"].priority")),
			Direction:        Defaulted("Inbound", at),
			Access:           Defaulted(access, at),
			Protocol:         Defaulted("*", at),
			SourcePrefixes:   Defaulted([]string{src}, at),
			DestinationPorts: Defaulted([]string{"*"}, at),
			Default:          true,
		}
	}
	return []*SecurityRule{
		mk("AllowVnetInBound", 65000, "Allow", "VirtualNetwork"),
		mk("AllowAzureLoadBalancerInBound", 65001, "Allow", "AzureLoadBalancer"),
		mk("DenyAllInBound", 65500, "Deny", "*"),
	}
}

// Link resolves the references between resources once: separately declared
// node pools, NSG rules and routes join their parents; subnet associations
// apply; node pools point at their subnet, subnets at their NSG and route
// table; and the lookups below are indexed. Calling Link again is a no-op.
func (e *Estate) Link() {
	if e.idx != nil {
		return
	}
	ix := &index{
		byKey:       make(map[string]Resource),
		diagByScope: make(map[string][]*DiagnosticSetting),
		raByScope:   make(map[string][]*RoleAssignment),
		lockByScope: make(map[string][]*Lock),
		defByScope:  make(map[string][]*DefenderPlan),
		fwByIP:      make(map[string]*Firewall),
		roleDefs:    make(map[string]*RoleDefinition),
	}
	e.idx = ix
	for _, r := range e.All() {
		if k := r.M().ID.Key(); k != "" {
			if _, dup := ix.byKey[k]; !dup {
				ix.byKey[k] = r
			}
		}
	}

	clusters := make(map[string]*Cluster, len(e.Clusters))
	for _, c := range e.Clusters {
		clusters[c.ID.Key()] = c
	}
	for _, p := range e.NodePools {
		c := clusters[p.Cluster.Key()]
		if c == nil || hasID(c.NodePools, p.ID) {
			continue
		}
		c.NodePools = append(c.NodePools, p)
	}

	nsgs := make(map[string]*NSG, len(e.NSGs))
	for _, n := range e.NSGs {
		nsgs[n.ID.Key()] = n
	}
	for _, r := range e.SecurityRules {
		if n := nsgs[r.NSG.Key()]; n != nil && !hasID(n.Rules, r.ID) {
			n.Rules = append(n.Rules, r)
		}
	}
	for _, n := range e.NSGs {
		n.Rules = append(n.Rules, DefaultNSGRules(n.ID)...)
	}

	rts := make(map[string]*RouteTable, len(e.RouteTables))
	for _, t := range e.RouteTables {
		rts[t.ID.Key()] = t
	}
	for _, r := range e.Routes {
		if t := rts[r.RouteTable.Key()]; t != nil && !hasID(t.Routes, r.ID) {
			t.Routes = append(t.Routes, r)
		}
	}

	subnets := make(map[string]*Subnet, len(e.Subnets))
	for _, s := range e.Subnets {
		subnets[s.ID.Key()] = s
	}
	for _, a := range e.SubnetAssociations {
		s := subnets[a.Subnet.V.Key()]
		if s == nil || !a.Subnet.Known() {
			continue
		}
		// An association resource wins over an inline setting that is absent.
		switch a.Kind {
		case AssociatesNSG:
			if s.NSGID.Origin != Explicit || s.NSGID.V == "" {
				s.NSGID = a.Target
			}
		case AssociatesRouteTable:
			if s.RouteTableID.Origin != Explicit || s.RouteTableID.V == "" {
				s.RouteTableID = a.Target
			}
		}
	}
	for _, s := range e.Subnets {
		if s.NSGID.Known() && s.NSGID.V != "" {
			s.NSG = nsgs[s.NSGID.V.Key()]
		}
		if s.RouteTableID.Known() && s.RouteTableID.V != "" {
			s.RouteTable = rts[s.RouteTableID.V.Key()]
		}
	}
	for _, c := range e.Clusters {
		for _, p := range c.NodePools {
			if p.SubnetID.Known() && p.SubnetID.V != "" {
				p.Subnet = subnets[p.SubnetID.V.Key()]
			}
		}
	}

	for _, d := range e.DiagnosticSettings {
		if d.Target.Known() {
			k := d.Target.V.Key()
			ix.diagByScope[k] = append(ix.diagByScope[k], d)
		}
	}
	for _, a := range e.RoleAssignments {
		if a.Scope.Known() {
			k := a.Scope.V.Key()
			ix.raByScope[k] = append(ix.raByScope[k], a)
		}
	}
	for _, l := range e.Locks {
		if l.Scope.Known() {
			k := l.Scope.V.Key()
			ix.lockByScope[k] = append(ix.lockByScope[k], l)
		}
	}
	for _, p := range e.DefenderPlans {
		if p.Scope.Known() {
			k := p.Scope.V.Key()
			ix.defByScope[k] = append(ix.defByScope[k], p)
		}
	}
	for _, f := range e.Firewalls {
		if f.PrivateIPs.Known() {
			for _, ip := range f.PrivateIPs.V {
				ix.fwByIP[ip] = f
			}
		}
		for _, ip := range f.PendingIPs {
			ix.fwByIP[ip] = f
		}
	}
	for _, d := range e.RoleDefinitions {
		ix.roleDefs[d.ID.Key()] = d
		ix.roleDefs[strings.ToLower(d.ID.Name())] = d
	}
}

func hasID[T Resource](list []T, id ResourceID) bool {
	for _, x := range list {
		if x.M().ID.Key() == id.Key() {
			return true
		}
	}
	return false
}

func (e *Estate) index() *index {
	e.Link()
	return e.idx
}

// Lookup returns the resource with the given ID, or nil when the inputs do not
// hold it.
func (e *Estate) Lookup(id ResourceID) Resource { return e.index().byKey[id.Key()] }

// DiagnosticSettingsFor returns the diagnostic settings whose target is id.
func (e *Estate) DiagnosticSettingsFor(id ResourceID) []*DiagnosticSetting {
	return e.index().diagByScope[id.Key()]
}

// RoleAssignmentsCovering returns the role assignments whose scope is id or
// one of its ancestors (resource group, subscription, management group).
func (e *Estate) RoleAssignmentsCovering(id ResourceID) []*RoleAssignment {
	return covering(e.index().raByScope, id)
}

// LocksCovering returns the locks at id or one of its ancestors.
func (e *Estate) LocksCovering(id ResourceID) []*Lock { return covering(e.index().lockByScope, id) }

// DefenderPlansCovering returns the Defender pricings at id or above
// (resource-level pricings and subscription pricings).
func (e *Estate) DefenderPlansCovering(id ResourceID) []*DefenderPlan {
	return covering(e.index().defByScope, id)
}

// FirewallWithPrivateIP returns the firewall that owns the private IP, or nil.
func (e *Estate) FirewallWithPrivateIP(ip string) *Firewall { return e.index().fwByIP[ip] }

// RoleDefinition returns the role definition for a full ID or bare GUID, or
// nil when the inputs do not hold it (see BuiltinRole for built-in roles).
func (e *Estate) RoleDefinition(id string) *RoleDefinition {
	k := strings.ToLower(strings.TrimSuffix(id, "/"))
	ix := e.index()
	if d := ix.roleDefs[k]; d != nil {
		return d
	}
	return ix.roleDefs[ResourceID(k).Name()]
}

// covering collects the entries at id and at each ancestor scope of id.
func covering[T any](m map[string][]T, id ResourceID) []T {
	var out []T
	for _, s := range Ancestors(id) {
		out = append(out, m[s]...)
	}
	// Management-group scopes cover every subscription below them.
	for k, v := range m {
		if strings.HasPrefix(k, "/providers/microsoft.management/managementgroups/") {
			out = append(out, v...)
		}
	}
	return out
}

// Ancestors returns the keys of id and of every scope above it, from id up to
// the subscription ("/subscriptions/s/resourcegroups/g/providers/p/t/n",
// "/subscriptions/s/resourcegroups/g", "/subscriptions/s"). A non-ARM ID has
// only itself. ARM IDs alternate segment names and values, so every scope is
// a prefix with an even number of segments (a few of them, such as
// ".../providers/microsoft.containerservice", name no resource, which is harmless).
func Ancestors(id ResourceID) []string {
	k := id.Key()
	if !id.IsARM() {
		return []string{k}
	}
	out := []string{k}
	parts := strings.Split(strings.Trim(k, "/"), "/")
	for n := len(parts) - 1; n >= 2; n-- {
		if n%2 == 0 {
			out = append(out, "/"+strings.Join(parts[:n], "/"))
		}
	}
	return out
}
