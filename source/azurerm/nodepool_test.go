package azurerm

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
)

func nodePool(t *testing.T, v obj, attrs map[string]AttrInfo) *estate.NodePool {
	t.Helper()
	e := adaptOne(t, res("azurerm_kubernetes_cluster_node_pool", "azurerm_kubernetes_cluster_node_pool.user", v, attrs))
	if len(e.NodePools) != 1 {
		t.Fatalf("node pools = %d, want 1", len(e.NodePools))
	}
	return e.NodePools[0]
}

// TestNodePoolRenames: the three attributes azurerm 4.0 renamed on
// azurerm_kubernetes_cluster_node_pool are read under both names.
func TestNodePoolRenames(t *testing.T) {
	base := func(extra obj) obj {
		v := obj{"name": str("user"), "kubernetes_cluster_id": str(clusterID), "vm_size": str("Standard_D4s_v5")}
		for k, x := range extra {
			v[k] = x
		}
		return v
	}
	tests := []struct {
		name   string
		v3, v4 string
		get    func(p *estate.NodePool) estate.Value[bool]
	}{
		{"host encryption", "enable_host_encryption", "host_encryption_enabled", func(p *estate.NodePool) estate.Value[bool] { return p.EncryptionAtHost }},
		{"node public IP", "enable_node_public_ip", "node_public_ip_enabled", func(p *estate.NodePool) estate.Value[bool] { return p.EnableNodePublicIP }},
		{"autoscaling", "enable_auto_scaling", "auto_scaling_enabled", func(p *estate.NodePool) estate.Value[bool] { return p.AutoScaling }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, "3.x", tt.get(nodePool(t, base(obj{tt.v3: boolean(true)}), nil)), set(true, tt.v3))
			check(t, "4.x", tt.get(nodePool(t, base(obj{tt.v4: boolean(true)}), nil)), set(true, tt.v4))
			check(t, "3.x default", tt.get(nodePool(t, base(obj{"enable_auto_scaling": boolean(false), "enable_host_encryption": boolean(false),
				"enable_node_public_ip": boolean(false)}), nil)), set(false, tt.v3))
			check(t, "absent", tt.get(nodePool(t, base(nil), nil)), def(false, tt.v4+" (azurerm 3.x: "+tt.v3+")"))
		})
	}
}

// TestNodePool: a separate pool joins its cluster by kubernetes_cluster_id
// and is a user pool unless it says otherwise.
func TestNodePool(t *testing.T) {
	p := nodePool(t, obj{
		"name": str("user"), "kubernetes_cluster_id": str(clusterID), "vnet_subnet_id": str("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/nodes"),
		"auto_scaling_enabled": boolean(true), "min_count": num(2), "max_count": num(40), "os_disk_type": str("Ephemeral"),
	}, nil)
	if p.ID != clusterID+"/agentPools/user" || p.Cluster != clusterID {
		t.Errorf("ID %q, cluster %q", p.ID, p.Cluster)
	}
	check(t, "Mode", p.Mode, def("User", "mode"))
	check(t, "Count", p.Count, def(2, "node_count"))
	check(t, "MaxCount", p.MaxCount, set(40, "max_count"))
	check(t, "OSDiskType", p.OSDiskType, set("Ephemeral", "os_disk_type"))
	check(t, "SubnetID", p.SubnetID, set[estate.ResourceID]("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/nodes", "vnet_subnet_id"))

	// Link puts it under the cluster.
	out := Adapt([]Resource{
		res("azurerm_kubernetes_cluster", "azurerm_kubernetes_cluster.aks", minimalCluster(nil), nil),
		res("azurerm_kubernetes_cluster_node_pool", "azurerm_kubernetes_cluster_node_pool.user", obj{"name": str("user"), "kubernetes_cluster_id": str(clusterID)}, nil),
	})
	out.Estate.Link()
	if n := len(out.Estate.Clusters[0].NodePools); n != 2 {
		t.Errorf("cluster pools after Link = %d, want default + user", n)
	}
}

// TestNodePoolUnknownCluster: a pool whose cluster is not known is kept, and
// a warning says why it is not audited with its cluster.
func TestNodePoolUnknownCluster(t *testing.T) {
	out := Adapt([]Resource{res("azurerm_kubernetes_cluster_node_pool", "azurerm_kubernetes_cluster_node_pool.user",
		obj{"name": str("user"), "kubernetes_cluster_id": unknown},
		map[string]AttrInfo{"kubernetes_cluster_id": {Line: 3, Reason: "module.aks.cluster_id is known only after apply"}})})
	if len(out.Estate.NodePools) != 1 || out.Estate.NodePools[0].Cluster != "" {
		t.Fatalf("pools = %+v", out.Estate.NodePools)
	}
	if len(out.Diagnostics) != 1 || out.Diagnostics[0].Line != 3 || out.Diagnostics[0].Input != testFile {
		t.Errorf("diagnostics = %v, want one warning at %s:3", out.Diagnostics, testFile)
	}
}
