package bicep

import (
	"fmt"
	"strconv"

	"github.com/aksguard/aksguard/source/armjson"
)

// Every value carries the line it came from, as the ARM evaluator's do:
// the line of the property whose expression produced it, or the line of the
// literal (a variable's object) it was taken from. Values that cross files
// (module parameters and outputs, imported variables, parameter files) are
// relocated, since their own lines mean nothing in the other file.

// place is armjson.Place, under the short name the evaluator uses.
func place(n *armjson.Node, line int) *armjson.Node { return armjson.Place(n, line) }

// relocate copies n with every line set to line.
func (ev *evaluator) relocate(n *armjson.Node, line int) *armjson.Node {
	if !ev.step(line) {
		return armjson.UnknownNode(line, stoppedReason)
	}
	c := *n
	c.Line = line
	if n.Items != nil {
		c.Items = make([]*armjson.Node, len(n.Items))
		for i, it := range n.Items {
			c.Items[i] = ev.relocate(it, line)
		}
	}
	if n.Fields != nil {
		c.Fields = make([]armjson.Field, len(n.Fields))
		for i, f := range n.Fields {
			c.Fields[i] = armjson.Field{Key: f.Key, Line: line, Value: ev.relocate(f.Value, line)}
		}
	}
	return &c
}

// walkable reports whether a reader can walk n within the evaluation
// budget: values may share subtrees, so a value made in a few steps can be
// exponentially large as a tree, and the adapter and the rules walk trees.
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

// Node constructors; every call makes a fresh node with line 0.

func str(s string) *armjson.Node { return &armjson.Node{Kind: armjson.String, Str: s} }

func boolean(b bool) *armjson.Node { return &armjson.Node{Kind: armjson.Bool, Bool: b} }

func null() *armjson.Node { return &armjson.Node{Kind: armjson.Null} }

func integer(i int) *armjson.Node {
	return &armjson.Node{Kind: armjson.Number, Num: strconv.Itoa(i)}
}

func object() *armjson.Node { return &armjson.Node{Kind: armjson.Object} }

func unknownf(format string, a ...any) *armjson.Node {
	return armjson.UnknownNode(0, fmt.Sprintf(format, a...))
}

// unknownFrom returns a fresh Unknown node with the reason of u.
func unknownFrom(u *armjson.Node) *armjson.Node { return armjson.UnknownNode(0, u.Reason) }

// kindName names a node's kind in messages.
func kindName(n *armjson.Node) string {
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case armjson.Null:
		return "null"
	case armjson.Bool:
		return "a bool"
	case armjson.Number:
		return "a number"
	case armjson.String:
		return "a string"
	case armjson.Array:
		return "an array"
	case armjson.Object:
		return "an object"
	}
	return "unknown"
}

// reasonOf says why a value is not usable as a name, type or scope.
func reasonOf(v *armjson.Node) string {
	if v.Kind == armjson.Unknown {
		return v.Reason
	}
	return "it is " + kindName(v)
}

// asInt returns a whole number (or a string holding one) as an int.
func asInt(n *armjson.Node) (int, bool) {
	if n == nil || n.Kind != armjson.Number && n.Kind != armjson.String {
		return 0, false
	}
	return n.Int()
}
