package net

import (
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// NET05 checks that a network policy engine enforces NetworkPolicies.
var NET05 = &rules.Rule{
	ID:       "AKS-NET-05",
	Title:    "A network policy engine is enabled",
	Severity: rules.High,
	Section:  rules.Network,
	Practice: "Network policies are enforced",
	Doc: `Kubernetes NetworkPolicies are only declarations: without an engine in the cluster they
are silently ignored, and every pod can reach every other pod. AKS offers three engines: Azure
Network Policy Manager (azure), Calico (calico) and Cilium (cilium, which comes with Azure CNI
powered by Cilium, networkDataplane cilium).

The rule reads networkProfile.networkPolicy (Terraform network_profile.network_policy) and
networkProfile.networkDataplane (Terraform network_data_plane, v3 ebpf_data_plane). azure, calico
and cilium pass; so does the Cilium data plane when the policy is left out, because AKS then
enforces policies with Cilium. none, an empty value or an absent policy on another data plane
fail.`,
	Fix: rules.Fix{
		CLI: "az aks update -g <rg> -n <cluster> --network-policy azure " +
			"(or, on Azure CNI, --network-dataplane cilium for Azure CNI powered by Cilium)",
		Terraform: `network_profile { network_policy = "azure" } (or "calico"; or network_policy = "cilium" with network_data_plane = "cilium", v3 ebpf_data_plane)`,
		ARM:       `properties.networkProfile.networkPolicy: "azure", "calico", or "cilium" with networkDataplane: "cilium"`,
	},
	Check: func(p *rules.Pass) {
		for _, c := range p.Estate.Clusters {
			checkNetworkPolicy(p, c)
		}
	},
}

func checkNetworkPolicy(p *rules.Pass, c *estate.Cluster) {
	pol, dp := c.NetworkPolicy, c.NetworkDataplane
	if !pol.Known() {
		p.Unknownf(c, pol.Loc, "%s", pol.Evidence())
		return
	}
	ciliumDataplane := dp.Known() && strings.EqualFold(strings.TrimSpace(dp.V), "cilium")
	name := strings.ToLower(strings.TrimSpace(pol.V))
	// Left out of the input (adapters default it to "" or "none"): on the
	// Cilium data plane AKS then enforces policies with Cilium.
	absent := pol.Origin == estate.Default && (name == "" || name == "none")
	switch {
	case name == "azure" || name == "calico":
		p.Passf(c, pol.Loc, "%s", pol.Evidence())
	case name == "cilium" && dp.Known():
		p.Passf(c, pol.Loc, "%s (%s)", pol.Evidence(), dp.Evidence())
	case name == "cilium":
		p.Passf(c, pol.Loc, "%s", pol.Evidence())
	case absent && ciliumDataplane:
		p.Passf(c, dp.Loc, "%s: Azure CNI powered by Cilium enforces network policies (%s)", dp.Evidence(), pol.Evidence())
	case absent && !dp.Known():
		p.Unknownf(c, dp.Loc, "%s; %s: the Cilium data plane would enforce policies", pol.Evidence(), dp.Evidence())
	case name == "" || name == "none":
		p.Failf(c, pol.Loc, "%s: NetworkPolicies are not enforced", pol.Evidence())
	default:
		p.Unknownf(c, pol.Loc, "%s: not a network policy engine this rule knows", pol.Evidence())
	}
}
