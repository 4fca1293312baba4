package net

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// NET07 checks that every application namespace denies ingress by default.
var NET07 = &rules.Rule{
	ID:       "AKS-NET-07",
	Title:    "Every namespace with workloads has a default-deny ingress NetworkPolicy",
	Severity: rules.Medium,
	Section:  rules.Network,
	Practice: "Pods are isolated from each other",
	Doc: `Kubernetes lets every pod reach every other pod until a NetworkPolicy selects it. A
default-deny ingress policy in each namespace (an empty podSelector, "Ingress" in policyTypes
and no ingress rules) turns that around: only traffic that another policy allows gets in, so a
compromised pod cannot probe the rest of the cluster. The policy needs an engine to take effect
(AKS-NET-05).

The rule reports once per namespace that has workloads (Pods, Deployments, StatefulSets,
DaemonSets, ReplicaSets, Jobs, CronJobs; a workload without a namespace is in "default"), on the
Namespace object when the inputs hold one and otherwise on the namespace's first workload. It
passes when a NetworkPolicy in that namespace selects all pods, has Ingress among its effective
policy types and has no ingress rules. Namespaces of the platform and of its add-ons
(kube-system, kube-public, kube-node-lease, gatekeeper-system, calico-system, calico-apiserver,
tigera-operator, azure-arc, aks-istio-system, app-routing-system, aks-command) are not reported.
A policy that is not in the inputs (installed by a chart the scan did not see, or a
CiliumNetworkPolicy / Calico GlobalNetworkPolicy) is absent: the namespace fails, and the
evidence says so.`,
	Fix: rules.Fix{
		Kubernetes: "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny-ingress\n  namespace: <namespace>\n" +
			"spec:\n  podSelector: {}\n  policyTypes: [Ingress]",
		Terraform: `kubernetes_network_policy (or kubernetes_network_policy_v1) { metadata { namespace = "<namespace>" } ` +
			`spec { pod_selector {}, policy_types = ["Ingress"] } } with no ingress block`,
	},
	Check: func(p *rules.Pass) {
		e := p.Estate
		var order []string
		first := make(map[string]*estate.Workload)
		for _, w := range e.Workloads {
			ns := workloadNamespace(w)
			if systemNamespaces[ns] {
				continue
			}
			if first[ns] == nil {
				first[ns] = w
				order = append(order, ns)
			}
		}
		objects := make(map[string]*estate.Namespace)
		for _, n := range e.Namespaces {
			if objects[n.Name] == nil {
				objects[n.Name] = n
			}
		}
		for _, ns := range order {
			var res estate.Resource = first[ns]
			if n := objects[ns]; n != nil {
				res = n
			}
			checkDefaultDeny(p, res, ns, e.NetworkPolicies)
		}
	},
}

// systemNamespaces are the namespaces of the platform and its add-ons, which
// AKS manages and users do not put application workloads in.
var systemNamespaces = map[string]bool{
	"kube-system":        true,
	"kube-public":        true,
	"kube-node-lease":    true,
	"gatekeeper-system":  true,
	"calico-system":      true,
	"calico-apiserver":   true,
	"tigera-operator":    true,
	"azure-arc":          true,
	"aks-istio-system":   true,
	"app-routing-system": true,
	"aks-command":        true,
}

func workloadNamespace(w *estate.Workload) string {
	if w.Namespace == "" {
		return "default"
	}
	return w.Namespace
}

func policyNamespace(np *estate.NetworkPolicy) string {
	if np.Namespace == "" {
		return "default"
	}
	return np.Namespace
}

// isDefaultDenyIngress reports whether a policy denies all ingress to every
// pod of its namespace.
func isDefaultDenyIngress(np *estate.NetworkPolicy) bool {
	return np.SelectsAllPods && np.IngressRules == 0 &&
		slices.ContainsFunc(np.PolicyTypes, func(t string) bool { return strings.EqualFold(t, "Ingress") })
}

func checkDefaultDeny(p *rules.Pass, res estate.Resource, ns string, policies []*estate.NetworkPolicy) {
	var names []string
	for _, np := range policies {
		if policyNamespace(np) != ns {
			continue
		}
		if isDefaultDenyIngress(np) {
			p.Passf(res, np.Loc.At("spec"), "namespace %s: NetworkPolicy %s selects every pod (podSelector: {}) with policyTypes %s and no ingress rules",
				ns, resName(&np.Meta), strings.Join(np.PolicyTypes, ", "))
			return
		}
		names = append(names, resName(&np.Meta))
	}
	if len(names) == 0 {
		p.Failf(res, estate.Loc{}, "namespace %s has workloads and no NetworkPolicy (%s), so every pod accepts traffic from every other pod", ns, noneInInputs)
		return
	}
	p.Failf(res, estate.Loc{}, "namespace %s has workloads and none of its NetworkPolicies (%s) denies all ingress "+
		"(an empty podSelector, Ingress in policyTypes and no ingress rules)", ns, strings.Join(quoteAll(names), ", "))
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}
