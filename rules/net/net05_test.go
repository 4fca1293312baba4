package net

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

func TestNET05(t *testing.T) {
	const polPath, dpPath = "properties.networkProfile.networkPolicy", "properties.networkProfile.networkDataplane"
	cluster := func(pol, dp estate.Value[string]) *estate.Estate {
		return &estate.Estate{Clusters: []*estate.Cluster{{Meta: meta(aks), NetworkPolicy: pol, NetworkDataplane: dp}}}
	}
	azureDP := def("azure", dpPath)
	ciliumDP := set("cilium", dpPath)
	one := func(v rules.Verdict, ev ...string) map[estate.ResourceID]want {
		return map[estate.ResourceID]want{aks: {v, ev}}
	}
	cases := []ruleCase{
		{name: "azure", e: cluster(set("azure", polPath), azureDP), want: one(rules.Passed, `networkPolicy = "azure"`)},
		{name: "calico", e: cluster(set("Calico", polPath), azureDP), want: one(rules.Passed)},
		{name: "cilium with the Cilium data plane", e: cluster(set("cilium", polPath), ciliumDP), want: one(rules.Passed, `networkDataplane = "cilium"`)},
		{name: "the Cilium data plane with the policy left out", e: cluster(def("", polPath), ciliumDP),
			want: one(rules.Passed, "Azure CNI powered by Cilium enforces network policies")},
		{name: "none", e: cluster(set("none", polPath), azureDP), want: one(rules.Failed, "NetworkPolicies are not enforced")},
		{name: "explicit none on the Cilium data plane", e: cluster(set("none", polPath), ciliumDP), want: one(rules.Failed)},
		{name: "left out", e: cluster(def("", "network_profile.network_policy"), azureDP), want: one(rules.Failed, "(default: not set in the input)")},
		{name: "unresolved", e: cluster(unresolved[string]("network_profile.network_policy", "var.policy has no value"), azureDP),
			want: one(rules.Unknown, "var.policy has no value")},
		{name: "left out with an unresolved data plane", e: cluster(def("", polPath), unresolved[string]("network_profile.network_data_plane", "var.dp has no value")),
			want: one(rules.Unknown, "var.dp has no value")},
	}
	runCases(t, NET05, cases)
}
