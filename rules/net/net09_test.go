package net

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

func TestNET09(t *testing.T) {
	system := aks + "/agentPools/system"
	user := aks + "/agentPools/user"
	orphan := clusterID("elsewhere") + "/agentPools/gpu"
	cases := []ruleCase{
		{name: "inline and linked pools, both names of the attribute",
			e: &estate.Estate{
				Clusters: []*estate.Cluster{{Meta: meta(aks), NodePools: []*estate.NodePool{
					{Meta: meta(system), EnableNodePublicIP: set(true, "default_node_pool.node_public_ip_enabled")},
				}}},
				NodePools: []*estate.NodePool{
					{Meta: meta(user), Cluster: aks, EnableNodePublicIP: set(false, "enable_node_public_ip")},
					{Meta: meta(orphan), Cluster: clusterID("elsewhere"), EnableNodePublicIP: def(false, "properties.enableNodePublicIP")},
				},
			},
			want: map[estate.ResourceID]want{
				system: {rules.Failed, []string{"default_node_pool.node_public_ip_enabled = true"}},
				user:   {rules.Passed, []string{"enable_node_public_ip = false"}},
				orphan: {rules.Passed, []string{"(default: not set in the input)"}},
			}},
		{name: "unresolved",
			e: &estate.Estate{Clusters: []*estate.Cluster{{Meta: meta(aks), NodePools: []*estate.NodePool{
				{Meta: meta(system), EnableNodePublicIP: unresolved[bool]("node_public_ip_enabled", "var.public has no value")},
			}}}},
			want: map[estate.ResourceID]want{system: {rules.Unknown, []string{"var.public has no value"}}}},
		{name: "a cluster without pools in the inputs",
			e:    &estate.Estate{Clusters: []*estate.Cluster{{Meta: meta(aks)}}},
			want: map[estate.ResourceID]want{aks: {rules.Unknown, []string{"no node pool"}}}},
	}
	runCases(t, NET09, cases)
}
