package azuretest

import (
	"fmt"
	"regexp"
	"strings"
)

// kql is the part of a Kusto query the fake evaluates: the table and the
// where clauses. Each clause is a disjunction of comparisons of a column
// with a string or a list of strings (=~, !~, in~, !in~; all compare
// case-insensitively, as the reader's queries use them). project and order
// by are accepted (rows come whole, ordered by ID).
type kql struct {
	table  string
	wheres [][]atom
}

type atom struct {
	col  string
	op   string
	vals []string
}

var (
	atomRe   = regexp.MustCompile(`^(\w+) (=~|!~|in~|!in~) (.+)$`)
	stringRe = regexp.MustCompile(`'((?:[^'\\]|\\.)*)'`)
)

func parseKQL(q string) (kql, error) {
	lines := strings.Split(strings.TrimSpace(q), "\n")
	k := kql{table: strings.ToLower(strings.TrimSpace(lines[0]))}
	switch k.table {
	case "resources", "authorizationresources", "securityresources", "resourcecontainers":
	default:
		return k, fmt.Errorf("unknown table %q", k.table)
	}
	for _, l := range lines[1:] {
		l = strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(l, "| where "):
			var or []atom
			for _, part := range strings.Split(strings.TrimPrefix(l, "| where "), " or ") {
				m := atomRe.FindStringSubmatch(strings.TrimSpace(part))
				if m == nil {
					return k, fmt.Errorf("the fake cannot evaluate %q", part)
				}
				a := atom{col: strings.ToLower(m[1]), op: m[2]}
				for _, s := range stringRe.FindAllStringSubmatch(m[3], -1) {
					a.vals = append(a.vals, strings.NewReplacer(`\'`, `'`, `\\`, `\`).Replace(s[1]))
				}
				if len(a.vals) == 0 {
					return k, fmt.Errorf("no string in %q", part)
				}
				or = append(or, a)
			}
			k.wheres = append(k.wheres, or)
		case strings.HasPrefix(l, "| project "), l == "| order by id asc":
		default:
			return k, fmt.Errorf("the fake cannot evaluate %q", l)
		}
	}
	return k, nil
}

// keep reports whether a row with these columns (lower-case names) passes
// every where clause.
func (k kql) keep(cols map[string]string) bool {
	for _, or := range k.wheres {
		ok := false
		for _, a := range or {
			if a.match(cols[a.col]) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

func (a atom) match(v string) bool {
	in := false
	for _, x := range a.vals {
		if strings.EqualFold(x, v) {
			in = true
		}
	}
	if a.op == "!~" || a.op == "!in~" {
		return !in
	}
	return in
}
