// Package estate is the one model every source fills and every rule reads:
// typed Azure and Kubernetes resources whose values carry their provenance.
//
// Sources build an Estate (several of them, one per input), Merge joins them,
// and Link resolves references once (cluster → node subnets → NSG and route
// table → firewall; resource → diagnostic settings, role assignments, locks)
// so that rules never search for their neighbours.
package estate

// Estate is everything the inputs of one scan hold.
type Estate struct {
	Clusters           []*Cluster
	NodePools          []*NodePool // separately declared pools; Link attaches them to their cluster
	Registries         []*Registry
	VirtualNetworks    []*VirtualNetwork
	Subnets            []*Subnet
	SubnetAssociations []*SubnetAssociation
	NSGs               []*NSG
	SecurityRules      []*SecurityRule // separately declared rules; Link attaches them to their NSG
	RouteTables        []*RouteTable
	Routes             []*Route // separately declared routes; Link attaches them
	Firewalls          []*Firewall
	KeyVaults          []*KeyVault
	Keys               []*KeyVaultKey
	DiskEncryptionSets []*DiskEncryptionSet
	Workspaces         []*Workspace
	DiagnosticSettings []*DiagnosticSetting
	RoleAssignments    []*RoleAssignment
	RoleDefinitions    []*RoleDefinition
	Locks              []*Lock
	DefenderPlans      []*DefenderPlan
	AppGateways        []*AppGateway
	StorageAccounts    []*StorageAccount

	Namespaces      []*Namespace
	Workloads       []*Workload
	NetworkPolicies []*NetworkPolicy
	Ingresses       []*Ingress
	Services        []*Service
	Secrets         []*Secret
	ConfigMaps      []*ConfigMap

	Dockerfiles []*Dockerfile
	ImageScans  []*ImageScan

	// idx is built by Link.
	idx *index
}

// Merge joins estates read from several inputs into one. Resources are merged
// per resource ID (case-insensitively): when two inputs hold the same
// resource, the first one read is kept. Merge does not link; call Link after.
func Merge(parts ...*Estate) *Estate {
	out := &Estate{}
	seen := make(map[string]bool)
	for _, p := range parts {
		if p == nil {
			continue
		}
		out.Clusters = appendNew(out.Clusters, p.Clusters, seen)
		out.NodePools = appendNew(out.NodePools, p.NodePools, seen)
		out.Registries = appendNew(out.Registries, p.Registries, seen)
		out.VirtualNetworks = appendNew(out.VirtualNetworks, p.VirtualNetworks, seen)
		out.Subnets = appendNew(out.Subnets, p.Subnets, seen)
		out.SubnetAssociations = appendNew(out.SubnetAssociations, p.SubnetAssociations, seen)
		out.NSGs = appendNew(out.NSGs, p.NSGs, seen)
		out.SecurityRules = appendNew(out.SecurityRules, p.SecurityRules, seen)
		out.RouteTables = appendNew(out.RouteTables, p.RouteTables, seen)
		out.Routes = appendNew(out.Routes, p.Routes, seen)
		out.Firewalls = appendNew(out.Firewalls, p.Firewalls, seen)
		out.KeyVaults = appendNew(out.KeyVaults, p.KeyVaults, seen)
		out.Keys = appendNew(out.Keys, p.Keys, seen)
		out.DiskEncryptionSets = appendNew(out.DiskEncryptionSets, p.DiskEncryptionSets, seen)
		out.Workspaces = appendNew(out.Workspaces, p.Workspaces, seen)
		out.DiagnosticSettings = appendNew(out.DiagnosticSettings, p.DiagnosticSettings, seen)
		out.RoleAssignments = appendNew(out.RoleAssignments, p.RoleAssignments, seen)
		out.RoleDefinitions = appendNew(out.RoleDefinitions, p.RoleDefinitions, seen)
		out.Locks = appendNew(out.Locks, p.Locks, seen)
		out.DefenderPlans = appendNew(out.DefenderPlans, p.DefenderPlans, seen)
		out.AppGateways = appendNew(out.AppGateways, p.AppGateways, seen)
		out.StorageAccounts = appendNew(out.StorageAccounts, p.StorageAccounts, seen)
		out.Namespaces = appendNew(out.Namespaces, p.Namespaces, seen)
		out.Workloads = appendNew(out.Workloads, p.Workloads, seen)
		out.NetworkPolicies = appendNew(out.NetworkPolicies, p.NetworkPolicies, seen)
		out.Ingresses = appendNew(out.Ingresses, p.Ingresses, seen)
		out.Services = appendNew(out.Services, p.Services, seen)
		out.Secrets = appendNew(out.Secrets, p.Secrets, seen)
		out.ConfigMaps = appendNew(out.ConfigMaps, p.ConfigMaps, seen)
		out.Dockerfiles = appendNew(out.Dockerfiles, p.Dockerfiles, seen)
		out.ImageScans = appendNew(out.ImageScans, p.ImageScans, seen)
	}
	return out
}

func appendNew[T Resource](dst, src []T, seen map[string]bool) []T {
	for _, r := range src {
		// The kind prefix keeps a cluster and its inline default pool apart
		// even if an adapter gave both the same address.
		k := kindKey(r) + "|" + r.M().ID.Key()
		if r.M().ID == "" {
			dst = append(dst, r) // nothing to dedupe on
			continue
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		dst = append(dst, r)
	}
	return dst
}

func kindKey(r Resource) string {
	switch r.(type) {
	case *Cluster:
		return "cluster"
	case *NodePool:
		return "nodepool"
	case *Subnet:
		return "subnet"
	case *SecurityRule:
		return "nsgrule"
	case *Route:
		return "route"
	}
	return ""
}

// All returns every resource of the estate, in a stable order.
func (e *Estate) All() []Resource {
	var out []Resource
	add := func(rs ...Resource) { out = append(out, rs...) }
	for _, r := range e.Clusters {
		add(r)
	}
	for _, r := range e.Registries {
		add(r)
	}
	for _, r := range e.VirtualNetworks {
		add(r)
	}
	for _, r := range e.Subnets {
		add(r)
	}
	for _, r := range e.NSGs {
		add(r)
	}
	for _, r := range e.RouteTables {
		add(r)
	}
	for _, r := range e.Firewalls {
		add(r)
	}
	for _, r := range e.KeyVaults {
		add(r)
	}
	for _, r := range e.DiskEncryptionSets {
		add(r)
	}
	for _, r := range e.Workspaces {
		add(r)
	}
	for _, r := range e.DiagnosticSettings {
		add(r)
	}
	for _, r := range e.RoleAssignments {
		add(r)
	}
	for _, r := range e.RoleDefinitions {
		add(r)
	}
	for _, r := range e.Locks {
		add(r)
	}
	for _, r := range e.DefenderPlans {
		add(r)
	}
	for _, r := range e.AppGateways {
		add(r)
	}
	for _, r := range e.StorageAccounts {
		add(r)
	}
	for _, r := range e.Namespaces {
		add(r)
	}
	for _, r := range e.Workloads {
		add(r)
	}
	for _, r := range e.NetworkPolicies {
		add(r)
	}
	for _, r := range e.Ingresses {
		add(r)
	}
	for _, r := range e.Services {
		add(r)
	}
	for _, r := range e.Secrets {
		add(r)
	}
	for _, r := range e.ConfigMaps {
		add(r)
	}
	for _, r := range e.Dockerfiles {
		add(r)
	}
	for _, r := range e.ImageScans {
		add(r)
	}
	return out
}
