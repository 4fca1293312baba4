package bicep

import (
	"regexp"
	"sort"
	"strings"

	"github.com/aksguard/aksguard/estate"
)

// Inline ignores are line comments, as in Terraform files:
//
//	// aksguard:ignore AKS-NET-01 the API server is reached through a jump host
//	resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
//
// An ignore applies to the line below it (after any further comment lines):
// on a resource's first line, or on any line inside its body (a property),
// it applies to that resource, the innermost when resources are nested; on
// a module declaration, to every resource the module deploys. Anywhere else
// it suppresses nothing, which is reported.

// lineIgnore is one rule of an inline ignore comment.
type lineIgnore struct {
	comment int // the comment's own line
	line    int // the line it applies to
	rule    string
	reason  string
	used    *bool
}

var ignoreComment = regexp.MustCompile(`^\s*aksguard:ignore\s+([A-Za-z0-9_,-]+)\s*[:\-–—]?\s*(.*?)\s*$`)

// scanIgnores finds the inline ignores among a file's comments, by the line
// they apply to.
func scanIgnores(cs []comment) map[int][]lineIgnore {
	alone := map[int]bool{}
	for _, c := range cs {
		if c.alone {
			alone[c.pos.Line] = true
		}
	}
	out := map[int][]lineIgnore{}
	for _, c := range cs {
		if !c.alone || !strings.Contains(c.text, "aksguard:ignore") {
			continue
		}
		m := ignoreComment.FindStringSubmatch(c.text)
		if m == nil {
			continue
		}
		target := c.pos.Line + 1
		for alone[target] {
			target++
		}
		used := new(bool)
		for _, rule := range strings.Split(m[1], ",") {
			if rule = strings.TrimSpace(rule); rule != "" {
				out[target] = append(out[target], lineIgnore{comment: c.pos.Line, line: target, rule: strings.ToUpper(rule), reason: m[2], used: used})
			}
		}
	}
	return out
}

// declIgnores returns the ignores that apply to lines first..end, except
// those of nested declarations (spans), and marks them used.
func (s *scope) declIgnores(first, end int, nested [][2]int) []estate.InlineIgnore {
	if len(s.ignores) == 0 {
		return nil
	}
	var lines []int
	for l := range s.ignores {
		if l < first || l > end {
			continue
		}
		inner := false
		for _, n := range nested {
			inner = inner || l >= n[0] && l <= n[1]
		}
		if !inner {
			lines = append(lines, l)
		}
	}
	sort.Ints(lines)
	var out []estate.InlineIgnore
	for _, l := range lines {
		for _, ig := range s.ignores[l] {
			*ig.used = true
			out = append(out, estate.InlineIgnore{Rule: ig.rule, Reason: ig.reason, Loc: estate.Loc{File: s.name, Line: l}})
		}
	}
	return out
}

// danglingIgnores reports the ignores above no resource or module.
func (s *scope) danglingIgnores() {
	var lines []int
	for l := range s.ignores {
		lines = append(lines, l)
	}
	sort.Ints(lines)
	for _, l := range lines {
		for _, ig := range s.ignores[l] {
			if !*ig.used {
				s.ev.warn(s.name, ig.comment, "inline ignore of %s is not on the line above a resource, one of its properties or a module: it suppresses nothing", ig.rule)
			}
		}
	}
}
