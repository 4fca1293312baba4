package azurerm

import (
	"github.com/aksguard/aksguard/estate"
)

var (
	nodePoolV3Only = []string{"enable_auto_scaling", "enable_node_public_ip", "enable_host_encryption"}
	nodePoolV4Only = []string{"auto_scaling_enabled", "node_public_ip_enabled", "host_encryption_enabled"}
)

// defaultPool adapts a cluster's default_node_pool block: AKS's system pool.
func (a *adapter) defaultPool(r *resource, cluster estate.ResourceID, n node) *estate.NodePool {
	name := "default"
	if f := n.str("name"); f.present && f.reason == "" && f.v != "" {
		name = f.v
	}
	m := r.childMeta(cluster+"/agentPools/"+estate.ResourceID(name), r.Address+".default_node_pool", n)
	p := pool(n, m)
	p.Cluster = cluster
	// The default pool is always the system pool; it has no mode attribute.
	p.Mode = estate.Defaulted("System", n.loc())
	return p
}

// nodePool adapts azurerm_kubernetes_cluster_node_pool.
func (a *adapter) nodePool(r *resource) {
	r.detect(nodePoolV3Only, nodePoolV4Only)
	root := r.root()
	p := pool(root, r.meta())
	p.Mode = root.str("mode").Or("User")
	cluster := root.id("kubernetes_cluster_id")
	switch {
	case cluster.reason != "":
		r.warnf(cluster.loc.Line, "kubernetes_cluster_id is not known (%s): the pool is audited on its own, not with its cluster", cluster.reason)
	case !cluster.present:
		r.warnf(r.Line, "kubernetes_cluster_id is not set: the pool is audited on its own, not with its cluster")
	default:
		p.Cluster = cluster.v
	}
	a.out.NodePools = append(a.out.NodePools, p)
}

// pool reads what default_node_pool and azurerm_kubernetes_cluster_node_pool
// share. Their names are the same; 4.x renamed three of them.
func pool(n node, m estate.Meta) *estate.NodePool {
	auto := n.boolean("auto_scaling_enabled", "enable_auto_scaling").Or(false)
	p := &estate.NodePool{
		Meta:        m,
		AutoScaling: auto,
		// max_count is only read with the autoscaler on.
		MaxCount:           n.integer("max_count").Or(0),
		SubnetID:           n.id("vnet_subnet_id").Or(""), // absent: an AKS-managed VNet
		EnableNodePublicIP: n.boolean("node_public_ip_enabled", "enable_node_public_ip").Or(false),
		EncryptionAtHost:   n.boolean("host_encryption_enabled", "enable_host_encryption").Or(false),
		OSDiskType:         n.str("os_disk_type").Or("Managed"),
		// azurerm has no SSH access setting: AKS's default applies.
		SSHAccess: estate.Defaulted("LocalUser", n.loc().At(join(n.path, "ssh access (no azurerm setting)"))),
	}
	// node_count has no documented default: the provider leaves it to AKS,
	// which starts an autoscaled pool at min_count and others at one node.
	countDefault := 1
	if estate.Is(auto, true) {
		if lo := n.integer("min_count"); lo.present && lo.reason == "" {
			countDefault = lo.v
		}
	}
	p.Count = n.integer("node_count").Or(countDefault)
	return p
}
