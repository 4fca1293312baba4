package azurerm

import "testing"

// BenchmarkAdapt measures the adapter on a small estate: a cluster, a
// subnet with its NSG, and a diagnostic setting, as one environment of a
// large repository has.
func BenchmarkAdapt(b *testing.B) {
	rs := []Resource{
		res("azurerm_kubernetes_cluster", "azurerm_kubernetes_cluster.aks", minimalCluster(obj{
			"network_profile": blocks(o(obj{"network_plugin": str("azure")})),
		}), map[string]AttrInfo{"name": {Line: 2}, "network_profile.0": {Line: 5}, "network_profile.0.network_plugin": {Line: 6}}),
		res("azurerm_subnet", "azurerm_subnet.nodes", obj{"name": str("nodes"), "resource_group_name": str("rg"),
			"virtual_network_name": str("hub"), "address_prefixes": list("10.0.1.0/24")}, nil),
		res("azurerm_network_security_group", "azurerm_network_security_group.nodes", obj{"name": str("nodes"), "resource_group_name": str("rg"),
			"security_rule": blocks(o(obj{"name": str("ssh"), "priority": num(100), "direction": str("Inbound"), "access": str("Deny"),
				"protocol": str("Tcp"), "source_address_prefix": str("*"), "destination_port_range": str("22")}))}, nil),
		res("azurerm_monitor_diagnostic_setting", "azurerm_monitor_diagnostic_setting.aks", obj{"name": str("audit"),
			"target_resource_id": str(clusterID), "enabled_log": blocks(o(obj{"category": str("kube-audit")}))}, nil),
	}
	b.ReportAllocs()
	for b.Loop() {
		Adapt(rs)
	}
}
