package config

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// keySchema lists the keys a mapping may hold, and the schema of each value
// that is itself checked (a mapping, or a list of mappings).
type keySchema map[string]*keySchema

var (
	thresholdKeys = keySchema{"nodeCount": nil, "adminPrincipals": nil}
	ignoreKeys    = keySchema{"rule": nil, "resource": nil, "reason": nil, "expires": nil}
	schema        = keySchema{
		"trustedRegistries":   nil,
		"thresholds":          &thresholdKeys,
		"profile":             nil,
		"reviewedAdminGroups": nil,
		"ignores":             &ignoreKeys,
	}
)

// checkKeys reports unknown and repeated keys with their lines. Keys match
// exactly: YAML is case-sensitive, and a key that differs only in case is
// a mistake worth naming ("nodecount": did you mean "nodeCount"?).
func checkKeys(file string, n *yaml.Node, s keySchema, path string) []error {
	if path == "" && n.Kind != yaml.MappingNode {
		return []error{&Error{File: file, Line: n.Line, Msg: "want a mapping of settings (trustedRegistries, thresholds, profile, reviewedAdminGroups, ignores)"}}
	}
	if n.Kind == yaml.SequenceNode {
		var errs []error
		for i, it := range n.Content {
			errs = append(errs, checkKeys(file, it, s, fmt.Sprintf("%s[%d]", path, i))...)
		}
		return errs
	}
	if n.Kind != yaml.MappingNode {
		return nil // the decoder reports the type mismatch
	}
	var errs []error
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		where := k.Value
		if path != "" {
			where = path + "." + k.Value
		}
		if first, dup := seen[k.Value]; dup {
			errs = append(errs, &Error{File: file, Line: k.Line, Msg: fmt.Sprintf("%s is set twice (first on line %d)", where, first)})
			continue
		}
		seen[k.Value] = k.Line
		sub, known := s[k.Value]
		if !known {
			msg := fmt.Sprintf("unknown key %s", where)
			if hint := closest(k.Value, s); hint != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", hint)
			} else {
				msg += " (known: " + strings.Join(keysOf(s), ", ") + ")"
			}
			errs = append(errs, &Error{File: file, Line: k.Line, Msg: msg})
			continue
		}
		if sub != nil {
			errs = append(errs, checkKeys(file, v, *sub, where)...)
		}
	}
	return errs
}

func keysOf(s keySchema) []string {
	var out []string
	for _, k := range []string{"trustedRegistries", "thresholds", "profile", "reviewedAdminGroups", "ignores", "nodeCount", "adminPrincipals", "rule", "resource", "reason", "expires"} {
		if _, ok := s[k]; ok {
			out = append(out, k)
		}
	}
	return out
}

// closest returns the known key that k most likely misspells: the same
// letters in another case, or one a few edits away.
func closest(k string, s keySchema) string {
	lk := strings.ToLower(strings.NewReplacer("_", "", "-", "").Replace(k))
	best, bestD := "", 4
	for _, c := range keysOf(s) {
		if d := distance(lk, strings.ToLower(c)); d < bestD && d < len(c)/2 {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
