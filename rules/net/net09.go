package net

import (
	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// NET09 flags node pools whose nodes get public IP addresses.
var NET09 = &rules.Rule{
	ID:       "AKS-NET-09",
	Title:    "Node pools have no public IPs",
	Severity: rules.High,
	Section:  rules.Network,
	Practice: "Nodes are not directly reachable from the internet",
	Doc: `A node with its own public IP is reachable from the internet on every port its NSG lets
through (SSH, the kubelet, NodePorts), bypassing the load balancer and any firewall in front of
the cluster.

The rule reports once per node pool: the inline pools of each cluster (agentPoolProfiles,
default_node_pool), the agentPools children and azurerm_kubernetes_cluster_node_pool resources,
including pools whose cluster is not in the inputs. It reads enableNodePublicIP (Terraform v4
node_public_ip_enabled, v3 enable_node_public_ip; default false). A cluster with no pool in the
inputs is reported as unknown.`,
	Fix: rules.Fix{
		CLI: "enableNodePublicIP cannot be changed on an existing pool: az aks nodepool add -g <rg> --cluster-name <cluster> -n <newpool> " +
			"(without --enable-node-public-ip), move the workloads, then az aks nodepool delete -g <rg> --cluster-name <cluster> -n <pool>",
		Terraform: "node_public_ip_enabled = false in default_node_pool and azurerm_kubernetes_cluster_node_pool (azurerm v3: enable_node_public_ip)",
		ARM:       "properties.agentPoolProfiles[].enableNodePublicIP: false (and properties.enableNodePublicIP: false on managedClusters/agentPools)",
	},
	Check: func(p *rules.Pass) {
		for _, c := range p.Estate.Clusters {
			if len(c.NodePools) == 0 {
				p.Unknownf(c, estate.Loc{}, "no node pool of the cluster is in the scanned inputs")
			}
		}
		for _, np := range allPools(p.Estate) {
			rules.Expect(p, np, np.EnableNodePublicIP, false)
		}
	},
}
