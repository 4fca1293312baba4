// Package catalog lists every rule of aksguard, explicitly and in ID order.
package catalog

import "github.com/aksguard/aksguard/rules"

// All returns the catalog in ID order. STUB: filled in once the rule packages land.
func All() []*rules.Rule { return nil }

// ByID returns the rule with the given ID (case-insensitive), or nil.
func ByID(id string) *rules.Rule {
	for _, r := range All() {
		if equalFold(r.ID, id) {
			return r
		}
	}
	return nil
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range len(a) {
		x, y := a[i], b[i]
		if 'a' <= x && x <= 'z' {
			x -= 'a' - 'A'
		}
		if 'a' <= y && y <= 'z' {
			y -= 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
