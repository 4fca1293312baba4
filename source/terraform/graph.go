package terraform

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// topoSort orders nodes so that each comes after what it depends on, and
// returns the dependency cycles it found (each as the nodes on it).
func topoSort(nodes map[string]hcl.Range, deps map[string][]string) ([]string, [][]string) {
	keys := sortedKeys(nodes)
	state := make(map[string]uint8, len(keys))
	var order []string
	var cycles [][]string
	var stack []string
	var visit func(k string)
	visit = func(k string) {
		state[k] = 1
		stack = append(stack, k)
		ds := deps[k]
		sort.Strings(ds)
		for _, d := range ds {
			if _, ok := nodes[d]; !ok {
				continue
			}
			switch state[d] {
			case 0:
				visit(d)
			case 1:
				for i := len(stack) - 1; i >= 0; i-- {
					if stack[i] == d {
						cycles = append(cycles, append([]string(nil), stack[i:]...))
						break
					}
				}
			}
		}
		stack = stack[:len(stack)-1]
		state[k] = 2
		order = append(order, k)
	}
	for _, k := range keys {
		if state[k] == 0 {
			visit(k)
		}
	}
	return order, cycles
}

// travString renders a traversal as written: a.b[0]["k"].
func travString(t hcl.Traversal) string {
	var b strings.Builder
	for i, s := range t {
		switch s := s.(type) {
		case hcl.TraverseRoot:
			b.WriteString(s.Name)
		case hcl.TraverseAttr:
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s.Name)
		case hcl.TraverseIndex:
			b.WriteString(indexString(s.Key))
		case hcl.TraverseSplat:
			b.WriteString("[*]")
		}
	}
	return b.String()
}

// pathKey renders an instance-relative traversal as an AttrInfo key:
// network_profile[0].network_policy → network_profile.0.network_policy.
func pathKey(t hcl.Traversal) string {
	parts := make([]string, 0, len(t))
	for _, s := range t {
		switch s := s.(type) {
		case hcl.TraverseAttr:
			parts = append(parts, s.Name)
		case hcl.TraverseIndex:
			if s.Key.Type() == cty.String && s.Key.IsKnown() {
				parts = append(parts, s.Key.AsString())
			} else if s.Key.Type() == cty.Number && s.Key.IsKnown() {
				parts = append(parts, s.Key.AsBigFloat().Text('f', -1))
			}
		}
	}
	return strings.Join(parts, ".")
}

// indexString renders an instance key as in addresses: [0] or ["k"].
func indexString(k cty.Value) string {
	if !k.IsKnown() || k.IsNull() {
		return "[?]"
	}
	switch k.Type() {
	case cty.Number:
		return "[" + k.AsBigFloat().Text('f', -1) + "]"
	case cty.String:
		return fmt.Sprintf("[%q]", k.AsString())
	}
	return "[?]"
}
