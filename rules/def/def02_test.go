package def

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

func TestDEF02(t *testing.T) {
	unknownTier := plan(at(sub), "Containers", "")
	unknownTier.Tier = unk[string]("var.tier")
	tests := []struct {
		name     string
		plans    []*estate.DefenderPlan
		want     rules.Verdict
		evidence string
	}{
		{"Containers Standard", []*estate.DefenderPlan{plan(at(sub), "Containers", "Standard")}, rules.Passed, "Containers"},
		{"legacy ContainerRegistry Standard", []*estate.DefenderPlan{plan(at(sub), "ContainerRegistry", "Standard")}, rules.Passed, "ContainerRegistry"},
		{"KubernetesService does not scan registries", []*estate.DefenderPlan{plan(at(sub), "KubernetesService", "Standard")}, rules.Failed, "none in the scanned inputs"},
		{"Free", []*estate.DefenderPlan{plan(at(sub), "Containers", "Free")}, rules.Failed, "Free"},
		{"no pricing", nil, rules.Failed, "none in the scanned inputs"},
		{"tier unresolved", []*estate.DefenderPlan{unknownTier}, rules.Unknown, "var.tier"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := &estate.Registry{Meta: meta(acr1)}
			e := &estate.Estate{Registries: []*estate.Registry{r}, DefenderPlans: tc.plans}
			check(t, DEF02, e, rules.DefaultConfig(), []want{{acr1, tc.want, tc.evidence}})
		})
	}
}
