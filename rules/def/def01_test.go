package def

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

func plan(scope estate.Value[estate.ResourceID], name, tier string) *estate.DefenderPlan {
	id := "pricing:" + name
	if scope.Known() && scope.V.IsARM() {
		id = string(scope.V) + "/providers/Microsoft.Security/pricings/" + name
	}
	return &estate.DefenderPlan{Meta: meta(id), Scope: scope, Plan: set(name), Tier: set(tier)}
}

func at(s string) estate.Value[estate.ResourceID] { return set(estate.ResourceID(s)) }

func TestDEF01(t *testing.T) {
	unknownTier := plan(at(sub), "Containers", "")
	unknownTier.Tier = unk[string]("var.tier")
	unknownName := plan(at(sub), "", "Standard")
	unknownName.Plan = unk[string]("var.plan")
	tests := []struct {
		name     string
		profile  estate.Value[bool]
		plans    []*estate.DefenderPlan
		want     rules.Verdict
		evidence string
	}{
		{"profile on", set(true), nil, rules.Passed, "true"},
		{"Containers Standard on the subscription", def(false), []*estate.DefenderPlan{plan(at(sub), "Containers", "Standard")}, rules.Passed, "Containers"},
		{"legacy KubernetesService Standard", def(false), []*estate.DefenderPlan{plan(at(sub), "KubernetesService", "Standard")}, rules.Passed, "KubernetesService"},
		{"plan name case-insensitive", def(false), []*estate.DefenderPlan{plan(at(sub), "containers", "standard")}, rules.Passed, ""},
		{"Free is off", def(false), []*estate.DefenderPlan{plan(at(sub), "Containers", "Free")}, rules.Failed, "Free is off"},
		{"other plans do not count", def(false), []*estate.DefenderPlan{plan(at(sub), "VirtualMachines", "Standard")}, rules.Failed, "none in the scanned inputs"},
		{"another subscription's plan", def(false), []*estate.DefenderPlan{plan(at("/subscriptions/s2"), "Containers", "Standard")}, rules.Failed, "none in the scanned inputs"},
		{"a resource-level Free overrides the subscription", def(false),
			[]*estate.DefenderPlan{plan(at(sub), "Containers", "Standard"), plan(at(aks1), "Containers", "Free")}, rules.Failed, "Free"},
		{"a resource-level Standard", def(false),
			[]*estate.DefenderPlan{plan(at(sub), "Containers", "Free"), plan(at(aks1), "Containers", "Standard")}, rules.Passed, aks1},
		{"nothing anywhere", def(false), nil, rules.Failed, "none in the scanned inputs"},
		{"tier unresolved", def(false), []*estate.DefenderPlan{unknownTier}, rules.Unknown, "var.tier"},
		{"plan name unresolved", def(false), []*estate.DefenderPlan{unknownName}, rules.Unknown, "var.plan"},
		{"profile unresolved and no plan", unk[bool]("var.defender"), nil, rules.Unknown, "var.defender"},
		{"profile unresolved but the plan is on", unk[bool]("var.defender"), []*estate.DefenderPlan{plan(at(sub), "Containers", "Standard")}, rules.Passed, ""},
		{"IaC pricing without scope covers the scan", def(false), []*estate.DefenderPlan{plan(def(estate.ResourceID("")), "Containers", "Standard")}, rules.Passed, "provider's subscription"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &estate.Cluster{Meta: meta(aks1), DefenderEnabled: tc.profile}
			e := &estate.Estate{Clusters: []*estate.Cluster{c}, DefenderPlans: tc.plans}
			check(t, DEF01, e, rules.DefaultConfig(), []want{{aks1, tc.want, tc.evidence}})
		})
	}
}

func TestDEF01IaCCluster(t *testing.T) {
	const addr = "azurerm_kubernetes_cluster.main"
	tests := []struct {
		name  string
		plans []*estate.DefenderPlan
		want  rules.Verdict
	}{
		{"IaC pricing with unresolved scope", []*estate.DefenderPlan{plan(unk[estate.ResourceID]("data.azurerm_subscription.current.id"), "Containers", "Standard")}, rules.Passed},
		{"IaC pricing scoped by address", []*estate.DefenderPlan{plan(at("azurerm_subscription.main"), "Containers", "Standard")}, rules.Passed},
		{"IaC pricing on Free", []*estate.DefenderPlan{plan(def(estate.ResourceID("")), "Containers", "Free")}, rules.Failed},
		// A live subscription's plan may or may not be where the IaC deploys.
		{"ARM subscription pricing", []*estate.DefenderPlan{plan(at(sub), "Containers", "Standard")}, rules.Unknown},
		{"no pricing", nil, rules.Failed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &estate.Cluster{Meta: meta(addr), DefenderEnabled: def(false)}
			e := &estate.Estate{Clusters: []*estate.Cluster{c}, DefenderPlans: tc.plans}
			check(t, DEF01, e, rules.DefaultConfig(), []want{{addr, tc.want, ""}})
		})
	}
}
