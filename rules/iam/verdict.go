package iam

import (
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// none is the evidence for an absent companion: the rule decided without it.
const none = "none in the scanned inputs"

// note is one reason behind a verdict, with where it was found.
type note struct {
	at   estate.Loc
	text string
}

// outcome gathers the reasons of a rule that weighs several facts about one
// resource, and reports a single finding: fail if any fact fails, else
// unknown if any is unknown, else pass. A failure's evidence also names
// what stayed unknown, so a user fixing it sees what else to check.
type outcome struct {
	fails, unknowns, passes []note
}

func (o *outcome) fail(at estate.Loc, format string, a ...any) {
	o.fails = append(o.fails, note{at, fmt.Sprintf(format, a...)})
}

func (o *outcome) unknown(at estate.Loc, format string, a ...any) {
	o.unknowns = append(o.unknowns, note{at, fmt.Sprintf(format, a...)})
}

func (o *outcome) pass(at estate.Loc, format string, a ...any) {
	o.passes = append(o.passes, note{at, fmt.Sprintf(format, a...)})
}

// want weighs a single value against the wanted one, as rules.Expect does,
// with the value's own evidence.
func want[T comparable](o *outcome, v estate.Value[T], good T) {
	switch {
	case !v.Known():
		o.unknown(v.Loc, "%s", v.Evidence())
	case v.V == good:
		o.pass(v.Loc, "%s", v.Evidence())
	default:
		o.fail(v.Loc, "%s", v.Evidence())
	}
}

func (o *outcome) report(p *rules.Pass, res estate.Resource) {
	switch {
	case len(o.fails) > 0:
		ev := join(o.fails)
		if len(o.unknowns) > 0 {
			ev += "; also not determined: " + join(o.unknowns)
		}
		p.Report(res, rules.Failed, o.fails[0].at, ev)
	case len(o.unknowns) > 0:
		p.Report(res, rules.Unknown, o.unknowns[0].at, join(o.unknowns))
	default:
		var at estate.Loc
		if len(o.passes) > 0 {
			at = o.passes[0].at
		}
		p.Report(res, rules.Passed, at, join(o.passes))
	}
}

func join(ns []note) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = n.text
	}
	return strings.Join(s, "; ")
}

// describe names a role assignment in evidence: which role (as the input
// names it), at which scope, to which principal, with the property paths.
func describe(a *estate.RoleAssignment, r Role) string {
	name := a.Name
	if name == "" {
		name = string(a.ID)
	}
	roleEv := a.RoleName.Evidence()
	if !(a.RoleName.Known() && a.RoleName.V != "") {
		roleEv = a.RoleDefinitionID.Evidence()
	}
	role := r.Name
	if role == "" {
		role = "an unclassified role"
	}
	who := a.PrincipalID.Evidence()
	if t := a.PrincipalType; t.Known() && t.V != "" {
		who += " (" + t.V + ")"
	}
	return fmt.Sprintf("role assignment %q grants %s (%s) at %s to %s", name, role, roleEv, a.Scope.Evidence(), who)
}

// atOf is where a finding about an assignment points: the assignment's
// declaration, at its role property.
func atOf(a *estate.RoleAssignment) estate.Loc {
	at := a.Loc
	if a.RoleName.Known() && a.RoleName.V != "" {
		at.Path = a.RoleName.Loc.Path
	} else {
		at.Path = a.RoleDefinitionID.Loc.Path
	}
	return at
}

// isSubscriptionOrAbove reports whether an ARM scope is a subscription, a
// management group or the tenant root: scopes that cover far more than one
// cluster or registry.
func isSubscriptionOrAbove(scope estate.ResourceID) bool {
	k := scope.Key()
	if k == "" || k == "/" {
		return k == "/"
	}
	if strings.HasPrefix(k, "/providers/microsoft.management/managementgroups/") {
		return true
	}
	parts := strings.Split(strings.Trim(k, "/"), "/")
	return len(parts) == 2 && parts[0] == "subscriptions"
}

// unscoped returns the role assignments whose scope the inputs leave
// unresolved: any of them may cover any resource.
func unscoped(e *estate.Estate) []*estate.RoleAssignment {
	var out []*estate.RoleAssignment
	for _, a := range e.RoleAssignments {
		if !a.Scope.Known() {
			out = append(out, a)
		}
	}
	return out
}
