package net

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

func TestNET07(t *testing.T) {
	kmeta := func(kind, ns, name string) estate.Meta {
		return estate.Meta{ID: estate.KubeID(kind, ns, name), Name: name, Source: estate.SourceKubernetes, Loc: estate.Loc{File: "app.yaml", Line: 1}}
	}
	deploy := func(ns, name string) *estate.Workload {
		return &estate.Workload{Meta: kmeta("Deployment", ns, name), Kind: "Deployment", Namespace: ns}
	}
	namespace := func(name string) *estate.Namespace { return &estate.Namespace{Meta: kmeta("Namespace", "", name)} }
	policy := func(ns, name string, all bool, types []string, ingress int) *estate.NetworkPolicy {
		return &estate.NetworkPolicy{Meta: kmeta("NetworkPolicy", ns, name), Namespace: ns, SelectsAllPods: all, PolicyTypes: types, IngressRules: ingress}
	}
	denyAll := func(ns string) *estate.NetworkPolicy {
		return policy(ns, "default-deny-ingress", true, []string{"Ingress"}, 0)
	}
	shopNS := estate.KubeID("Namespace", "", "shop")
	apiDeploy := estate.KubeID("Deployment", "api", "backend")

	cases := []ruleCase{
		{name: "default deny on the Namespace object",
			e:    &estate.Estate{Namespaces: []*estate.Namespace{namespace("shop")}, Workloads: []*estate.Workload{deploy("shop", "cart")}, NetworkPolicies: []*estate.NetworkPolicy{denyAll("shop")}},
			want: map[estate.ResourceID]want{shopNS: {rules.Passed, []string{"NetworkPolicy default-deny-ingress selects every pod"}}}},
		{name: "a default deny that also restricts egress",
			e:    &estate.Estate{Namespaces: []*estate.Namespace{namespace("shop")}, Workloads: []*estate.Workload{deploy("shop", "cart")}, NetworkPolicies: []*estate.NetworkPolicy{policy("shop", "deny-all", true, []string{"Ingress", "Egress"}, 0)}},
			want: map[estate.ResourceID]want{shopNS: {verdict: rules.Passed}}},
		{name: "no policy, no Namespace object: reported on the first workload",
			e:    &estate.Estate{Workloads: []*estate.Workload{deploy("api", "backend"), deploy("api", "worker")}},
			want: map[estate.ResourceID]want{apiDeploy: {rules.Failed, []string{"namespace api has workloads and no NetworkPolicy (none in the scanned inputs)"}}}},
		{name: "a policy that selects all pods but allows ingress",
			e:    &estate.Estate{Namespaces: []*estate.Namespace{namespace("shop")}, Workloads: []*estate.Workload{deploy("shop", "cart")}, NetworkPolicies: []*estate.NetworkPolicy{policy("shop", "allow-all", true, []string{"Ingress"}, 1)}},
			want: map[estate.ResourceID]want{shopNS: {rules.Failed, []string{`"allow-all"`}}}},
		{name: "an egress-only policy",
			e:    &estate.Estate{Namespaces: []*estate.Namespace{namespace("shop")}, Workloads: []*estate.Workload{deploy("shop", "cart")}, NetworkPolicies: []*estate.NetworkPolicy{policy("shop", "egress", true, []string{"Egress"}, 0)}},
			want: map[estate.ResourceID]want{shopNS: {verdict: rules.Failed}}},
		{name: "a policy for some pods only",
			e:    &estate.Estate{Namespaces: []*estate.Namespace{namespace("shop")}, Workloads: []*estate.Workload{deploy("shop", "cart")}, NetworkPolicies: []*estate.NetworkPolicy{policy("shop", "db", false, []string{"Ingress"}, 0)}},
			want: map[estate.ResourceID]want{shopNS: {verdict: rules.Failed}}},
		{name: "a default deny in another namespace does not count",
			e:    &estate.Estate{Workloads: []*estate.Workload{deploy("api", "backend")}, NetworkPolicies: []*estate.NetworkPolicy{denyAll("shop")}},
			want: map[estate.ResourceID]want{apiDeploy: {verdict: rules.Failed}}},
		{name: "a workload without namespace is in default",
			e:    &estate.Estate{Workloads: []*estate.Workload{deploy("", "web")}, NetworkPolicies: []*estate.NetworkPolicy{denyAll("default")}},
			want: map[estate.ResourceID]want{estate.KubeID("Deployment", "", "web"): {rules.Passed, []string{"namespace default"}}}},
		{name: "system namespaces and namespaces without workloads are not reported",
			e: &estate.Estate{Namespaces: []*estate.Namespace{namespace("empty"), namespace("kube-system")},
				Workloads: []*estate.Workload{deploy("kube-system", "coredns"), deploy("gatekeeper-system", "audit"), deploy("calico-system", "typha")}},
			want: map[estate.ResourceID]want{}},
	}
	runCases(t, NET07, cases)
}
