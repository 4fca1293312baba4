package logs

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// auditGroups are the category groups that include every audit category of a
// resource: "audit" holds the security-relevant ones, "allLogs" holds all.
var auditGroups = []string{"audit", "allLogs"}

// need is one log category a rule requires: any of its categories (or an
// audit category group) satisfies it.
type need struct {
	label      string   // how evidence names it
	categories []string // alternatives, matched case-insensitively
}

// coverage is how far the inputs show that a need is met.
type coverage int

const (
	notMet coverage = iota
	maybeMet
	met
)

// destination describes where setting d sends its logs, and whether it has a
// destination at all. A destination set by an unresolved expression counts:
// the input names one, only its value is unknown.
func destination(d *estate.DiagnosticSetting) (string, bool) {
	var out []string
	add := func(kind string, known bool, v string, reason string) {
		switch {
		case !known:
			out = append(out, fmt.Sprintf("%s (not determined by the inputs: %s)", kind, orDash(reason)))
		case v != "":
			out = append(out, fmt.Sprintf("%s %s", kind, v))
		}
	}
	add("workspace", d.WorkspaceID.Known(), string(d.WorkspaceID.V), d.WorkspaceID.Reason)
	add("storage account", d.StorageID.Known(), string(d.StorageID.V), d.StorageID.Reason)
	add("event hub", d.EventHubID.Known(), d.EventHubID.V, d.EventHubID.Reason)
	return strings.Join(out, ", "), len(out) > 0
}

func orDash(s string) string {
	if s == "" {
		return "no reason given"
	}
	return s
}

// covers reports whether setting d sends the need's logs (its destination
// aside). An entry whose enabled flag is unknown, or a log list that is
// unknown, may meet it.
func covers(d *estate.DiagnosticSetting, n need) (coverage, string) {
	if !d.Logs.Known() {
		return maybeMet, d.Logs.Evidence()
	}
	best, why := notMet, ""
	for _, l := range d.Logs.V {
		name, ok := matches(l, n)
		if !ok {
			continue
		}
		switch {
		case estate.Is(l.Enabled, true):
			return met, name
		case !l.Enabled.Known():
			best, why = maybeMet, fmt.Sprintf("%s is listed but whether it is enabled is not determined by the inputs: %s", name, orDash(l.Enabled.Reason))
		}
	}
	return best, why
}

// matches reports whether log entry l is one of the need's categories or an
// audit category group, and names it for evidence.
func matches(l estate.LogCategory, n need) (string, bool) {
	for _, c := range n.categories {
		if l.Category != "" && strings.EqualFold(l.Category, c) {
			return "category " + l.Category, true
		}
	}
	for _, g := range auditGroups {
		if l.CategoryGroup != "" && strings.EqualFold(l.CategoryGroup, g) {
			return "category group " + l.CategoryGroup, true
		}
	}
	return "", false
}

// judgeSettings reports one finding on res: pass when the diagnostic settings
// that target it send every need to a destination, fail when one need is
// certainly not sent, unknown otherwise. kind names the resource in evidence
// ("cluster", "registry").
func judgeSettings(p *rules.Pass, res estate.Resource, kind string, needs []need) {
	id := res.M().ID
	settings := p.Estate.DiagnosticSettingsFor(id)
	// A setting whose target is unresolved is indexed under no resource: it
	// may be this resource's, so it can make a missing need unknown.
	var floating []*estate.DiagnosticSetting
	for _, d := range p.Estate.DiagnosticSettings {
		if !d.Target.Known() {
			floating = append(floating, d)
		}
	}

	var passed, missing, unsure []string
	var at estate.Loc
	for _, n := range needs {
		state, why, loc := judgeNeed(settings, floating, n)
		switch state {
		case met:
			if !slices.Contains(passed, why) {
				passed = append(passed, why)
			}
			if at == (estate.Loc{}) {
				at = loc
			}
		case maybeMet:
			unsure = append(unsure, why)
		default:
			missing = append(missing, n.label)
		}
	}

	switch {
	case len(missing) > 0:
		p.Failf(res, estate.Loc{}, "%s", missingEvidence(kind, settings, missing))
	case len(unsure) > 0:
		p.Unknownf(res, estate.Loc{}, "%s", strings.Join(unsure, "; "))
	default:
		p.Passf(res, at, "%s", strings.Join(passed, "; "))
	}
}

// judgeNeed decides one need over the settings that target the resource and
// the settings whose target is unknown.
func judgeNeed(settings, floating []*estate.DiagnosticSetting, n need) (coverage, string, estate.Loc) {
	state, why, at := notMet, "", estate.Loc{}
	for _, d := range settings {
		dest, ok := destination(d)
		if !ok {
			continue // a setting without a destination collects nothing
		}
		c, what := covers(d, n)
		switch c {
		case met:
			return met, fmt.Sprintf("diagnostic setting %q sends %s to %s", d.Name, what, dest), d.Logs.Loc
		case maybeMet:
			if state == notMet {
				state, why = maybeMet, fmt.Sprintf("diagnostic setting %q may send %s: %s", d.Name, n.label, what)
			}
		}
	}
	if state != notMet {
		return state, why, at
	}
	for _, d := range floating {
		if _, ok := destination(d); !ok {
			continue
		}
		if c, _ := covers(d, n); c != notMet {
			return maybeMet, fmt.Sprintf("no diagnostic setting in the inputs targets it with %s, but diagnostic setting %q sends it and its target is not determined by the inputs (%s), so it may be this one",
				n.label, d.Name, orDash(d.Target.Reason)), d.Target.Loc
		}
	}
	return notMet, "", at
}

func missingEvidence(kind string, settings []*estate.DiagnosticSetting, missing []string) string {
	what := strings.Join(missing, " and ")
	if len(settings) == 0 {
		return fmt.Sprintf("no diagnostic setting targets the %s (none in the scanned inputs), so %s is not collected", kind, what)
	}
	names := make([]string, 0, len(settings))
	for _, d := range settings {
		desc := fmt.Sprintf("%q", d.Name)
		if _, ok := destination(d); !ok {
			desc += " (no destination)"
		}
		names = append(names, desc)
	}
	return fmt.Sprintf("diagnostic settings on the %s (%s) do not send %s to a destination", kind, strings.Join(names, ", "), what)
}
