package net

import (
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// NET04 flags large clusters that still use kubenet.
var NET04 = &rules.Rule{
	ID:       "AKS-NET-04",
	Title:    "Large clusters use Azure CNI, not kubenet",
	Severity: rules.Medium,
	Section:  rules.Network,
	Practice: "The network plugin fits the cluster's size",
	Doc: `Kubenet routes pod traffic through a route table with one route per node, is capped at 400
nodes, adds a hop to every pod-to-pod packet, and leaves Azure's network policy and several
features unavailable; it retires on 31 March 2028. Azure CNI (overlay or pod subnet) scales to
large clusters and gives pods first-class network identities.

The rule reads networkProfile.networkPlugin (Terraform network_profile.network_plugin) and sizes
the cluster as the sum, over every node pool (inline, agentPools children and
azurerm_kubernetes_cluster_node_pool), of the larger of count and maxCount when the autoscaler
is on, and of count otherwise.
A cluster above the threshold (config NodeThreshold, default 50) fails with kubenet. Azure CNI
passes at any size, and any plugin passes at or below the threshold (the evidence says the
size). A large cluster with networkPlugin "none" (bring your own CNI) is unknown: the CNI it runs
is not in the inputs. A pool whose count is unresolved makes the size unknown unless the known
pools already exceed the threshold.`,
	Fix: rules.Fix{
		CLI: "az aks update -g <rg> -n <cluster> --network-plugin azure --network-plugin-mode overlay " +
			"(migrates kubenet to Azure CNI Overlay; kubenet retires on 31 March 2028)",
		Terraform: `network_profile { network_plugin = "azure", network_plugin_mode = "overlay" } (kubenet retires on 31 March 2028)`,
		ARM:       `properties.networkProfile.networkPlugin: "azure" with networkPluginMode: "overlay" (kubenet retires on 31 March 2028)`,
	},
	Check: func(p *rules.Pass) {
		limit := p.Config.NodeThreshold
		if limit <= 0 {
			limit = rules.DefaultConfig().NodeThreshold
		}
		for _, c := range p.Estate.Clusters {
			checkPluginSize(p, c, limit)
		}
	},
}

// clusterSize sums the node pools' maximum node counts. known is false when
// some pool's count is unresolved; n is then a lower bound, and why says
// which pool.
func clusterSize(c *estate.Cluster) (n int, known bool, why string, at estate.Loc) {
	known = len(c.NodePools) > 0
	if !known {
		why = "no node pool of the cluster is in the scanned inputs"
	}
	for _, np := range c.NodePools {
		cnt := np.Count
		if estate.Is(np.AutoScaling, true) {
			// The autoscaler may grow the pool to maxCount; a count above it
			// (set before autoscaling was turned on) still counts.
			cnt = np.MaxCount
			if cnt.Known() && np.Count.Known() && np.Count.V > cnt.V {
				cnt = np.Count
			}
		} else if !np.AutoScaling.Known() {
			if known {
				known, why, at = false, fmt.Sprintf("node pool %s: %s", poolName(np), np.AutoScaling.Evidence()), np.AutoScaling.Loc
			}
			if np.Count.Known() {
				n += np.Count.V // at least its current count
			}
			continue
		}
		if !cnt.Known() {
			if known {
				known, why, at = false, fmt.Sprintf("node pool %s: %s", poolName(np), cnt.Evidence()), cnt.Loc
			}
			continue
		}
		n += cnt.V
	}
	return n, known, why, at
}

func checkPluginSize(p *rules.Pass, c *estate.Cluster, limit int) {
	n, sizeKnown, why, whyAt := clusterSize(c)
	size := fmt.Sprintf("up to %d nodes (threshold %d)", n, limit)
	if !sizeKnown {
		size = fmt.Sprintf("at least %d nodes (threshold %d; %s)", n, limit, why)
	}
	small := sizeKnown && n <= limit
	large := n > limit // a lower bound above the threshold is large enough
	plugin := c.NetworkPlugin
	name := strings.ToLower(strings.TrimSpace(plugin.V))
	switch {
	case small:
		p.Passf(c, estate.Loc{}, "the cluster has %s, so any network plugin fits (%s)", size, plugin.Evidence())
	case !plugin.Known():
		p.Unknownf(c, plugin.Loc, "%s; the cluster has %s", plugin.Evidence(), size)
	case name == "azure":
		p.Passf(c, plugin.Loc, "%s scales to the cluster's %s", plugin.Evidence(), size)
	case name == "kubenet" && large:
		p.Failf(c, plugin.Loc, "%s on a cluster with %s: kubenet does not scale past 400 nodes and retires on 31 March 2028", plugin.Evidence(), size)
	case name == "kubenet":
		p.Unknownf(c, whyAt, "%s; the cluster has %s", plugin.Evidence(), size)
	case name == "none":
		p.Unknownf(c, plugin.Loc, "%s (bring your own CNI) on a cluster with %s: the CNI it runs is not in the inputs", plugin.Evidence(), size)
	default:
		p.Unknownf(c, plugin.Loc, "%s on a cluster with %s: not a network plugin this rule knows", plugin.Evidence(), size)
	}
}
