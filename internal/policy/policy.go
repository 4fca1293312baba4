// Package policy turns the findings of the rules into the outcome of a scan:
// it applies the ignores (from .aksguard.yaml and inline in the inputs),
// reports the ignores that expired or suppress nothing, and decides the exit
// code.
package policy

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"time"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/internal/config"
	"github.com/aksguard/aksguard/report"
	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/source"
)

// Note statuses.
const (
	// StatusExpired: the ignore's date has passed; it suppresses nothing.
	StatusExpired = "expired"
	// StatusStale: the ignore matched no failing, unknown or manual finding;
	// the problem it accepted is gone (or the rule or resource was renamed).
	StatusStale = "stale"
)

// Options are the inputs of Apply besides the findings.
type Options struct {
	// Ignores come from the configuration file, in file order.
	Ignores []config.Ignore
	// Now is the clock expiries are checked against; nil means time.Now.
	Now func() time.Time
}

// Result is the findings with suppressions applied, and what the user
// should know about the ignores.
type Result struct {
	Findings []rules.Finding
	Notes    []report.IgnoreNote
	// Diagnostics are warnings about ignores that cannot be honoured (an
	// inline ignore without a reason).
	Diagnostics source.Diagnostics
}

// Apply suppresses the findings that an ignore covers. Only failing, unknown
// and manual findings are suppressed (a pass needs no ignore). An inline
// ignore on the resource is tried first, then the configured ignores in file
// order; the first that matches is named in SuppressedBy. An expired ignore
// suppresses nothing. The findings given are not modified: the result
// shares their array until an ignore suppresses one, and is then a copy (a
// scan of a big tree has hundreds of thousands of findings, most often
// none suppressed).
func Apply(findings []rules.Finding, e *estate.Estate, opts Options) Result {
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	t := now()
	out := Result{Findings: findings}
	cloned := false
	// suppress marks finding i, copying the findings first.
	suppress := func(i int, by string) *rules.Finding {
		if !cloned {
			out.Findings = slices.Clone(findings)
			cloned = true
		}
		f := &out.Findings[i]
		f.Suppressed = true
		f.SuppressedBy = by
		return f
	}

	ignores := slices.Clone(opts.Ignores)
	expired := make([]bool, len(ignores))
	usedCfg := make([]bool, len(ignores))
	for i := range ignores {
		expired[i] = ignores[i].Expired(t)
	}

	inline := indexInline(e)
	usedInline := map[*estate.InlineIgnore]bool{}
	globs := globCache{}

	for i := range out.Findings {
		f := &out.Findings[i]
		if f.Verdict == rules.Passed {
			continue
		}
		for _, ig := range inline[resourceKey(f.Resource.Type, f.Resource.ID, f.Resource.Name, f.Location.File)] {
			if ig.Reason == "" || !globs.match(ig.Rule, f.Rule) {
				continue
			}
			usedInline[ig] = true
			if !f.Suppressed {
				f = suppress(i, fmt.Sprintf("inline ignore at %s: %s", where(ig.Loc), ig.Reason))
			}
		}
		for j := range ignores {
			ig := &ignores[j]
			if expired[j] || !ig.Matches(f.Rule, f.Resource.ID, f.Resource.Name) {
				continue
			}
			usedCfg[j] = true
			if !f.Suppressed {
				f = suppress(i, fmt.Sprintf("ignore at %s: %s", ig.Where(), ig.Reason))
			}
		}
	}

	for j := range ignores {
		ig := &ignores[j]
		status := ""
		switch {
		case expired[j]:
			status = StatusExpired
		case !usedCfg[j]:
			status = StatusStale
		default:
			continue
		}
		out.Notes = append(out.Notes, report.IgnoreNote{
			Rule: ig.Rule, Resource: ig.Resource, Reason: ig.Reason, Status: status, Where: ig.Where(),
		})
	}
	var inlineNotes []report.IgnoreNote
	for _, r := range resources(e) {
		m := r.M()
		for k := range m.Ignores {
			ig := &m.Ignores[k]
			switch {
			case ig.Reason == "":
				d := source.Warnf(cmp.Or(ig.Loc.File, m.Loc.File, where(m.Loc), string(m.ID)), ig.Loc.Line,
					"inline ignore of %s has no reason: not honoured", ig.Rule)
				out.Diagnostics = append(out.Diagnostics, d)
			case !usedInline[ig]:
				inlineNotes = append(inlineNotes, report.IgnoreNote{
					Rule: ig.Rule, Resource: string(m.ID), Reason: ig.Reason, Status: StatusStale, Where: where(ig.Loc),
				})
			}
		}
	}
	slices.SortStableFunc(inlineNotes, func(a, b report.IgnoreNote) int {
		return cmp.Or(cmp.Compare(a.Where, b.Where), cmp.Compare(a.Rule, b.Rule))
	})
	out.Notes = append(out.Notes, inlineNotes...)
	return out
}

// indexInline maps each resource that carries inline ignores to them.
func indexInline(e *estate.Estate) map[string][]*estate.InlineIgnore {
	idx := map[string][]*estate.InlineIgnore{}
	for _, r := range resources(e) {
		m := r.M()
		if len(m.Ignores) == 0 {
			continue
		}
		k := resourceKey(rules.TypeName(r), string(m.ID), m.Name, m.Loc.File)
		for i := range m.Ignores {
			idx[k] = append(idx[k], &m.Ignores[i])
		}
	}
	return idx
}

// resourceKey identifies a finding's resource: by type and ID, or, for the
// rare resource without an ID, by type, name and file.
func resourceKey(typ, id, name, file string) string {
	if id != "" {
		return typ + "|" + estate.ResourceID(id).Key()
	}
	return typ + "||" + name + "|" + file
}

// resources lists every resource of the estate, including the child
// resources that Estate.All leaves out.
func resources(e *estate.Estate) []estate.Resource {
	if e == nil {
		return nil
	}
	out := e.All()
	for _, r := range e.NodePools {
		out = append(out, r)
	}
	for _, r := range e.SecurityRules {
		out = append(out, r)
	}
	for _, r := range e.Routes {
		out = append(out, r)
	}
	for _, r := range e.SubnetAssociations {
		out = append(out, r)
	}
	for _, r := range e.Keys {
		out = append(out, r)
	}
	return out
}

func where(l estate.Loc) string {
	switch {
	case l.File != "" && l.Line > 0:
		return fmt.Sprintf("%s:%d", l.File, l.Line)
	case l.File != "":
		return l.File
	}
	return string(l.Resource)
}

// globCache compiles each rule pattern of the inline ignores once.
type globCache map[string]*regexp.Regexp

func (c globCache) match(pattern, s string) bool {
	re, ok := c[pattern]
	if !ok {
		re = config.Glob(pattern)
		c[pattern] = re
	}
	return re.MatchString(s)
}
