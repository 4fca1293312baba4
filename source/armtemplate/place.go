package armtemplate

import "github.com/aksguard/aksguard/source/armjson"

// place is armjson.Place, under the short name the evaluator uses.
func place(n *armjson.Node, line int) *armjson.Node { return armjson.Place(n, line) }

// relocate copies n with every line set to line: for values from another
// file (a parameters file), whose lines mean nothing in the template.
func relocate(n *armjson.Node, line int) *armjson.Node {
	c := *n
	c.Line = line
	if n.Items != nil {
		c.Items = make([]*armjson.Node, len(n.Items))
		for i, it := range n.Items {
			c.Items[i] = relocate(it, line)
		}
	}
	if n.Fields != nil {
		c.Fields = make([]armjson.Field, len(n.Fields))
		for i, f := range n.Fields {
			c.Fields[i] = armjson.Field{Key: f.Key, Line: line, Value: relocate(f.Value, line)}
		}
	}
	return &c
}

// walkable reports whether a reader can walk n within the evaluation
// budget. Values may share subtrees (a variable used twice), so a value made
// in a few steps can be exponentially large as a tree; the adapter and the
// rules walk trees, so each node visited costs a step.
func (ev *evaluator) walkable(n *armjson.Node) bool {
	if !ev.step(n.Line) {
		return false
	}
	for _, it := range n.Items {
		if !ev.walkable(it) {
			return false
		}
	}
	for _, f := range n.Fields {
		if !ev.walkable(f.Value) {
			return false
		}
	}
	return true
}
