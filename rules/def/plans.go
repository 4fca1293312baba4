package def

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// planResult is the verdict of the Defender pricings on one resource.
type planResult struct {
	v        rules.Verdict
	evidence string
	at       estate.Loc
}

// judgePlans decides whether one of the named Defender plans is on (tier
// Standard) for resource id.
//
// Pricings can sit at several scopes: a resource-level pricing overrides the
// subscription's, so the most specific scope that holds a candidate plan
// decides. A pricing whose scope is unresolved, empty or an IaC address
// (azurerm_security_center_subscription_pricing applies to the provider's
// subscription, which the configuration does not name) is taken to apply to
// everything in the estate, after the pricings whose ARM scope covers the
// resource. A resource known only by an IaC address is in a subscription the
// inputs do not name: a Standard plan at an ARM subscription scope may or may
// not cover it, which is unknown. A plan whose name is unresolved is a
// candidate too; it can make the verdict unknown, never a pass.
func judgePlans(e *estate.Estate, id estate.ResourceID, names []string) planResult {
	candidate := func(p *estate.DefenderPlan) bool {
		if !p.Plan.Known() {
			return true
		}
		return slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, p.Plan.V) })
	}
	var scoped []*estate.DefenderPlan
	for _, p := range e.DefenderPlansCovering(id) {
		if candidate(p) {
			scoped = append(scoped, p)
		}
	}
	// Most specific scope first: a longer scope key is deeper in the ARM tree.
	slices.SortStableFunc(scoped, func(a, b *estate.DefenderPlan) int {
		return cmp.Compare(len(b.Scope.V.Key()), len(a.Scope.V.Key()))
	})
	var levels [][]*estate.DefenderPlan
	for _, p := range scoped {
		if n := len(levels); n > 0 && levels[n-1][0].Scope.V.Key() == p.Scope.V.Key() {
			levels[n-1] = append(levels[n-1], p)
			continue
		}
		levels = append(levels, []*estate.DefenderPlan{p})
	}
	var iac, elsewhere []*estate.DefenderPlan
	for _, p := range e.DefenderPlans {
		switch {
		case !candidate(p) || slices.Contains(scoped, p):
		case !p.Scope.Known() || p.Scope.V == "" || !p.Scope.V.IsARM():
			iac = append(iac, p)
		case !id.IsARM():
			elsewhere = append(elsewhere, p)
		}
	}
	if len(iac) > 0 {
		levels = append(levels, iac)
	}
	if len(levels) > 0 {
		return judgeLevel(levels[0], names)
	}
	for _, p := range elsewhere {
		if !p.Tier.Known() || strings.EqualFold(p.Tier.V, "Standard") {
			return planResult{rules.Unknown, fmt.Sprintf("the resource's subscription is not known from the inputs; %s may cover it", describe(p)), p.Tier.Loc}
		}
	}
	return planResult{rules.Failed, fmt.Sprintf("no Defender plan %s covers it (none in the scanned inputs)", strings.Join(names, " or ")), estate.Loc{}}
}

// judgeLevel decides from the candidate plans of one scope.
func judgeLevel(plans []*estate.DefenderPlan, names []string) planResult {
	var unsure, off []string
	var unsureAt, offAt estate.Loc
	for _, p := range plans {
		switch {
		case !p.Plan.Known():
			unsure = append(unsure, fmt.Sprintf("pricing %q: %s", p.Name, p.Plan.Evidence()))
			unsureAt = p.Plan.Loc
		case p.Tier.Known() && strings.EqualFold(p.Tier.V, "Standard"):
			return planResult{rules.Passed, describe(p), p.Tier.Loc}
		case !p.Tier.Known():
			unsure = append(unsure, describe(p))
			unsureAt = p.Tier.Loc
		default:
			off = append(off, describe(p))
			offAt = p.Tier.Loc
		}
	}
	if len(unsure) > 0 {
		return planResult{rules.Unknown, strings.Join(unsure, "; "), unsureAt}
	}
	return planResult{rules.Failed, strings.Join(off, "; ") + " (Free is off; " + strings.Join(names, " or ") + " must be Standard)", offAt}
}

// describe renders a pricing for evidence: its plan, tier and scope.
func describe(p *estate.DefenderPlan) string {
	scope := "an unresolved scope (taken to be the scanned subscription)"
	switch {
	case p.Scope.Known() && p.Scope.V != "" && p.Scope.V.IsARM():
		scope = string(p.Scope.V)
	case p.Scope.Known() && p.Scope.V != "":
		scope = string(p.Scope.V) + " (taken to be the scanned subscription)"
	case p.Scope.Known():
		scope = "the provider's subscription"
	}
	tier := p.Tier.V
	if !p.Tier.Known() {
		tier = "not determined by the inputs: " + p.Tier.Reason
	}
	return fmt.Sprintf("Defender plan %s at %s: tier %s", p.Plan.V, scope, tier)
}
