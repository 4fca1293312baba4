package net

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

func TestNET04(t *testing.T) {
	fixed := func(name string, n int) *estate.NodePool {
		return &estate.NodePool{Meta: meta(aks + "/agentPools/" + estate.ResourceID(name)),
			Count: set(n, "count"), AutoScaling: def(false, "enableAutoScaling")}
	}
	scaled := func(name string, n, max int) *estate.NodePool {
		return &estate.NodePool{Meta: meta(aks + "/agentPools/" + estate.ResourceID(name)),
			Count: set(n, "count"), AutoScaling: set(true, "enableAutoScaling"), MaxCount: set(max, "maxCount")}
	}
	cluster := func(plugin estate.Value[string], pools ...*estate.NodePool) *estate.Estate {
		return &estate.Estate{Clusters: []*estate.Cluster{{Meta: meta(aks), NetworkPlugin: plugin, NodePools: pools}}}
	}
	kubenet := set("kubenet", "network_profile.network_plugin")
	one := func(v rules.Verdict, ev ...string) map[estate.ResourceID]want {
		return map[estate.ResourceID]want{aks: {v, ev}}
	}
	small := rules.Config{NodeThreshold: 5}

	cases := []ruleCase{
		{name: "large kubenet cluster by autoscaler maxima", e: cluster(kubenet, scaled("system", 3, 30), scaled("user", 3, 40)),
			want: one(rules.Failed, "up to 70 nodes (threshold 50)", "31 March 2028")},
		{name: "maxCount, not count, sizes an autoscaled pool", e: cluster(kubenet, scaled("system", 2, 51)),
			want: one(rules.Failed, "up to 51 nodes")},
		{name: "a count above maxCount still counts", e: cluster(kubenet, scaled("system", 60, 10)),
			want: one(rules.Failed, "up to 60 nodes")},
		{name: "small kubenet cluster", e: cluster(kubenet, fixed("system", 3), scaled("user", 1, 10)),
			want: one(rules.Passed, "up to 13 nodes (threshold 50)", `"kubenet"`)},
		{name: "the threshold comes from the configuration", e: cluster(kubenet, fixed("system", 6)), cfg: &small,
			want: one(rules.Failed, "up to 6 nodes (threshold 5)")},
		{name: "large Azure CNI cluster", e: cluster(set("azure", "properties.networkProfile.networkPlugin"), fixed("system", 100)),
			want: one(rules.Passed, `networkPlugin = "azure"`, "up to 100 nodes")},
		{name: "large bring-your-own-CNI cluster", e: cluster(set("none", "network_profile.network_plugin"), fixed("system", 100)),
			want: one(rules.Unknown, "bring your own CNI")},
		{name: "an unresolved count above the threshold already", e: cluster(kubenet, fixed("system", 60),
			&estate.NodePool{Meta: meta(aks + "/agentPools/user"), AutoScaling: def(false, "enableAutoScaling"), Count: unresolved[int]("node_count", "var.nodes has no value")}),
			want: one(rules.Failed, "at least 60 nodes")},
		{name: "an unresolved count below the threshold", e: cluster(kubenet, fixed("system", 3),
			&estate.NodePool{Meta: meta(aks + "/agentPools/user"), AutoScaling: def(false, "enableAutoScaling"), Count: unresolved[int]("node_count", "var.nodes has no value")}),
			want: one(rules.Unknown, "var.nodes has no value")},
		{name: "an unresolved plugin on a large cluster", e: cluster(unresolved[string]("network_profile.network_plugin", "var.plugin has no value"), fixed("system", 80)),
			want: one(rules.Unknown, "var.plugin has no value")},
		{name: "no node pool in the inputs", e: cluster(kubenet), want: one(rules.Unknown, "no node pool")},
	}
	runCases(t, NET04, cases)
}
