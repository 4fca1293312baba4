package net

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

func TestNET01(t *testing.T) {
	const (
		privPath   = "private_cluster_enabled"
		rangesV4   = "api_server_access_profile.authorized_ip_ranges"
		rangesV3   = "api_server_authorized_ip_ranges"
		accessPath = "properties.publicNetworkAccess"
	)
	// public is a cluster with a public endpoint and the given ranges.
	public := func(ranges estate.Value[[]string]) *estate.Estate {
		return &estate.Estate{Clusters: []*estate.Cluster{{
			Meta:                meta(aks),
			PrivateCluster:      def(false, privPath),
			PublicNetworkAccess: def("Enabled", accessPath),
			AuthorizedIPRanges:  ranges,
		}}}
	}
	one := func(v rules.Verdict, ev ...string) map[estate.ResourceID]want {
		return map[estate.ResourceID]want{aks: {v, ev}}
	}
	cases := []ruleCase{
		{name: "private cluster passes whatever its ranges say",
			e: &estate.Estate{Clusters: []*estate.Cluster{{
				Meta: meta(aks), PrivateCluster: set(true, privPath),
				PublicNetworkAccess: def("Enabled", accessPath), AuthorizedIPRanges: set([]string{"0.0.0.0/0"}, rangesV4),
			}}},
			want: one(rules.Passed, "private_cluster_enabled = true", "authorized IP ranges do not apply")},
		{name: "public network access disabled",
			e: &estate.Estate{Clusters: []*estate.Cluster{{
				Meta: meta(aks), PrivateCluster: def(false, privPath),
				PublicNetworkAccess: set("Disabled", accessPath), AuthorizedIPRanges: def([]string(nil), rangesV4),
			}}},
			want: one(rules.Passed, `properties.publicNetworkAccess = "Disabled"`)},
		{name: "no ranges: the whole internet",
			e:    public(def([]string(nil), rangesV4)),
			want: one(rules.Failed, "no authorized IP ranges", "(default: not set in the input)")},
		{name: "0.0.0.0/0 in the v4 block",
			e:    public(set([]string{"203.0.113.0/24", "0.0.0.0/0"}, rangesV4)),
			want: one(rules.Failed, `api_server_access_profile.authorized_ip_ranges = ["203.0.113.0/24", "0.0.0.0/0"]`, `"0.0.0.0/0" admits every address`)},
		{name: "0.0.0.0/0 in the v3 top-level attribute",
			e:    public(set([]string{"0.0.0.0/0"}, rangesV3)),
			want: one(rules.Failed, "api_server_authorized_ip_ranges")},
		{name: "a star", e: public(set([]string{"*"}, rangesV4)), want: one(rules.Failed, `"*" admits every address`)},
		{name: "an IPv6 /0", e: public(set([]string{"10.0.0.0/8", "::/0"}, rangesV4)), want: one(rules.Failed, `"::/0"`)},
		{name: "any other /0", e: public(set([]string{"8.8.8.8/0"}, rangesV4)), want: one(rules.Failed, `"8.8.8.8/0"`)},
		{name: "narrow ranges in the v3 attribute", e: public(set([]string{"203.0.113.0/24", "198.51.100.7"}, rangesV3)),
			want: one(rules.Passed, "api_server_authorized_ip_ranges")},
		{name: "unresolved ranges", e: public(unresolved[[]string](rangesV4, "var.allowed has no value")),
			want: one(rules.Unknown, "var.allowed has no value")},
		{name: "unresolved private flag with narrow ranges still passes",
			e: &estate.Estate{Clusters: []*estate.Cluster{{
				Meta: meta(aks), PrivateCluster: unresolved[bool](privPath, "var.private has no value"),
				PublicNetworkAccess: def("Enabled", accessPath), AuthorizedIPRanges: set([]string{"203.0.113.0/24"}, rangesV4),
			}}},
			want: one(rules.Passed)},
		{name: "unresolved private flag with open ranges is unknown",
			e: &estate.Estate{Clusters: []*estate.Cluster{{
				Meta: meta(aks), PrivateCluster: unresolved[bool](privPath, "var.private has no value"),
				PublicNetworkAccess: def("Enabled", accessPath), AuthorizedIPRanges: set([]string{"0.0.0.0/0"}, rangesV4),
			}}},
			want: one(rules.Unknown, "var.private has no value", `"0.0.0.0/0" admits every address`)},
		{name: "every cluster gets a finding",
			e: &estate.Estate{Clusters: []*estate.Cluster{
				{Meta: meta(aks), PrivateCluster: set(true, privPath)},
				{Meta: meta(clusterID("open")), PrivateCluster: def(false, privPath), PublicNetworkAccess: def("Enabled", accessPath), AuthorizedIPRanges: set([]string{"*"}, rangesV4)},
			}},
			want: map[estate.ResourceID]want{aks: {verdict: rules.Passed}, clusterID("open"): {verdict: rules.Failed}}},
	}
	runCases(t, NET01, cases)
}
