package bicep

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/aksguard/aksguard/source/armjson"
)

// eval evaluates an expression. Operators and functions go through the ARM
// function library, as the Bicep compiler turns them into ARM functions
// (a == b into equals(a, b), 'x${y}' into format('x{0}', y), a ?? b into
// coalesce(a, b)), so that a Bicep file and its ARM JSON agree on every
// value. The result may be shared with a variable; nodes it creates have
// line 0 until placed.
func (s *scope) eval(e expr, env *locals) *armjson.Node {
	line := e.at().Line
	if !s.ev.step(line) {
		return armjson.UnknownNode(0, stoppedReason)
	}
	switch x := e.(type) {
	case *strLit:
		return &armjson.Node{Kind: armjson.String, Str: x.v, Line: line}
	case *intLit:
		i, err := strconv.ParseInt(x.text, 10, 64)
		if err != nil {
			return s.failf(x.p, "the integer %s is out of range", x.text)
		}
		return &armjson.Node{Kind: armjson.Number, Num: strconv.FormatInt(i, 10), Line: line}
	case *boolLit:
		return &armjson.Node{Kind: armjson.Bool, Bool: x.v, Line: line}
	case *nullLit:
		return &armjson.Node{Kind: armjson.Null, Line: line}
	case *ident:
		return s.lookup(x, env)
	case *interp:
		return s.interpolate(x, env)
	case *call:
		return s.call(x, env)
	case *member:
		return s.member(x, env)
	case *index:
		return s.index(x, env)
	case *resAccess:
		ref, ok := s.symbol(x, env)
		if !ok {
			return s.failf(x.p, "%s is not a nested resource", x.name)
		}
		return s.refValue(ref, line)
	case *unary:
		v := s.eval(x.x, env)
		if x.op == tBang {
			return s.apply(x.p, "not", v)
		}
		return s.apply(x.p, "sub", integer(0), v)
	case *nonNull:
		return s.eval(x.x, env)
	case *binary:
		return s.binary(x, env)
	case *ternary:
		c := s.eval(x.cond, env)
		if c.Kind == armjson.Bool {
			if c.Bool {
				return s.eval(x.then, env)
			}
			return s.eval(x.alt, env)
		}
		if c.Kind == armjson.Unknown {
			return unknownFrom(c)
		}
		return s.failf(x.p, "the condition of ?: is %s, not a bool", kindName(c))
	case *arrayLit:
		return s.array(x, env)
	case *objectLit:
		return s.object(x, env)
	case *forExpr:
		return s.valueLoop(x, env)
	case *lambda:
		return s.failf(x.p, "a lambda is only an argument of map, filter, reduce, sort, toObject, groupBy or mapValues")
	}
	return s.failf(e.at(), "this expression has no value here")
}

// binary evaluates an operator as the ARM function Bicep compiles it to.
// && and || stop at the first operand that decides, ?? at the first that is
// not null.
func (s *scope) binary(b *binary, env *locals) *armjson.Node {
	x := s.eval(b.x, env)
	switch b.op {
	case tAnd, tOr:
		if x.Kind == armjson.Bool && x.Bool == (b.op == tOr) {
			return boolean(x.Bool)
		}
		name := "and"
		if b.op == tOr {
			name = "or"
		}
		return s.apply(b.p, name, x, s.eval(b.y, env))
	case tDQuest:
		if x.Kind != armjson.Null {
			if x.Kind == armjson.Unknown {
				return unknownFrom(x)
			}
			return x
		}
		return s.eval(b.y, env)
	}
	y := s.eval(b.y, env)
	switch b.op {
	case tEQ:
		return s.apply(b.p, "equals", x, y)
	case tNE:
		return s.apply(b.p, "not", s.apply(b.p, "equals", x, y))
	case tEQI, tNEI:
		eq := s.apply(b.p, "equals", s.lower(b.p, x), s.lower(b.p, y))
		if b.op == tNEI {
			return s.apply(b.p, "not", eq)
		}
		return eq
	case tLT:
		return s.apply(b.p, "less", x, y)
	case tLE:
		return s.apply(b.p, "lessOrEquals", x, y)
	case tGT:
		return s.apply(b.p, "greater", x, y)
	case tGE:
		return s.apply(b.p, "greaterOrEquals", x, y)
	case tPlus:
		return s.apply(b.p, "add", x, y)
	case tMinus:
		return s.apply(b.p, "sub", x, y)
	case tStar:
		return s.apply(b.p, "mul", x, y)
	case tSlash:
		return s.apply(b.p, "div", x, y)
	case tPercent:
		return s.apply(b.p, "mod", x, y)
	}
	return s.failf(b.p, "unsupported operator %s", b.op)
}

// lower lower-cases strings for =~ and !~; other values compare as they are.
func (s *scope) lower(p Pos, v *armjson.Node) *armjson.Node {
	if v.Kind == armjson.String {
		return s.apply(p, "toLower", v)
	}
	return v
}

// apply calls a library function.
func (s *scope) apply(p Pos, name string, args ...*armjson.Node) *armjson.Node {
	f, ok := s.lib.Lookup(name)
	if !ok {
		return s.failf(p, "unsupported function %s()", name)
	}
	v, err := f(args)
	if err != nil && v != nil {
		s.ev.warn(s.name, p.Line, "%v", err)
		return v
	}
	if err != nil {
		if strings.Contains(err.Error(), "more work to evaluate than allowed") {
			if !s.ev.stopped {
				s.ev.stopped = true
				s.ev.warn(s.name, p.Line, "evaluation stopped: %v; the remaining values are unknown", err)
			}
			return armjson.UnknownNode(0, stoppedReason)
		}
		return s.failf(p, "%v", err)
	}
	return v
}

// braces escapes text for a format() string.
var braces = strings.NewReplacer("{", "{{", "}", "}}")

// interpolate evaluates 'a${x}b' as format('a{0}b', x).
func (s *scope) interpolate(x *interp, env *locals) *armjson.Node {
	var f strings.Builder
	args := []*armjson.Node{nil}
	for i, part := range x.parts {
		f.WriteString(braces.Replace(part))
		if i < len(x.exprs) {
			fmt.Fprintf(&f, "{%d}", i)
			args = append(args, s.eval(x.exprs[i], env))
		}
	}
	args[0] = str(f.String())
	return s.apply(x.p, "format", args...)
}

// get reads a member of an object value; safe (.?) gives null for a
// missing member or a null target.
func (s *scope) get(p Pos, t *armjson.Node, name string, safe bool) *armjson.Node {
	switch {
	case t.Kind == armjson.Unknown:
		return unknownFrom(t)
	case t.Kind == armjson.Object:
		if v := t.Get(name); v != nil {
			return v
		}
		if safe {
			return null()
		}
		return s.failf(p, "the object has no property %q (use .?%s for an optional one)", name, name)
	case t.Kind == armjson.Null && safe:
		return null()
	}
	return s.failf(p, "cannot read property %q of %s", name, kindName(t))
}

func (s *scope) member(m *member, env *locals) *armjson.Node {
	if v, ok := s.symbolMember(m, env); ok {
		return v
	}
	return s.get(m.p, s.eval(m.x, env), m.name, m.safe)
}

func (s *scope) index(x *index, env *locals) *armjson.Node {
	if ref, ok := s.symbol(x, env); ok {
		return s.refValue(ref, x.p.Line)
	}
	t, i := s.eval(x.x, env), s.eval(x.i, env)
	switch {
	case t.Kind == armjson.Unknown:
		return unknownFrom(t)
	case i.Kind == armjson.Unknown:
		return unknownFrom(i)
	case t.Kind == armjson.Null && x.safe:
		return null()
	case t.Kind == armjson.Array:
		n, ok := asInt(i)
		if !ok || i.Kind != armjson.Number {
			return s.failf(x.p, "an array index must be an integer, not %s", kindName(i))
		}
		if n < 0 || n >= len(t.Items) {
			if x.safe {
				return null()
			}
			return s.failf(x.p, "index %d is out of range of an array of %d", n, len(t.Items))
		}
		return t.Items[n]
	case t.Kind == armjson.Object:
		if i.Kind != armjson.String {
			return s.failf(x.p, "an object key must be a string, not %s", kindName(i))
		}
		return s.get(x.p, t, i.Str, x.safe)
	}
	return s.failf(x.p, "cannot index %s", kindName(t))
}

func (s *scope) array(a *arrayLit, env *locals) *armjson.Node {
	out := &armjson.Node{Kind: armjson.Array, Line: a.p.Line, Items: make([]*armjson.Node, 0, len(a.items))}
	for _, it := range a.items {
		sp, ok := it.(*spread)
		if !ok {
			out.Items = append(out.Items, s.eval(it, env))
			continue
		}
		v := s.eval(sp.x, env)
		switch v.Kind {
		case armjson.Array:
			out.Items = append(out.Items, v.Items...)
		case armjson.Unknown:
			return unknownFrom(v)
		default:
			return s.failf(sp.p, "only an array can be spread into an array, not %s", kindName(v))
		}
	}
	return out
}

func (s *scope) object(o *objectLit, env *locals) *armjson.Node {
	out := &armjson.Node{Kind: armjson.Object, Line: o.p.Line, Fields: make([]armjson.Field, 0, len(o.props))}
	for _, p := range o.props {
		if p.spread != nil {
			v := s.eval(p.spread, env)
			switch v.Kind {
			case armjson.Object:
				for _, f := range v.Fields {
					out.Set(f.Key, f.Value)
				}
			case armjson.Unknown:
				return unknownFrom(v)
			default:
				return s.failf(p.p, "only an object can be spread into an object, not %s", kindName(v))
			}
			continue
		}
		key, ok := s.key(p, env)
		if !ok {
			continue
		}
		out.Fields = append(out.Fields, armjson.Field{Key: key, Line: p.p.Line, Value: place(s.eval(p.value, env), p.p.Line)})
	}
	return out
}

// key returns a property's name, evaluating an interpolated one; ok is false
// (with a warning) when it cannot be resolved.
func (s *scope) key(p *prop, env *locals) (string, bool) {
	if p.keyX == nil {
		return p.key, true
	}
	k := s.eval(p.keyX, env)
	if k.Kind != armjson.String {
		s.ev.warn(s.name, p.p.Line, "a property name cannot be resolved (%s); the property is left out", reasonOf(k))
		return "", false
	}
	return k.Str, true
}

// valueLoop evaluates [for x in list: value] into an array.
func (s *scope) valueLoop(f *forExpr, env *locals) *armjson.Node {
	items, reason := s.loopItems(f, env)
	if reason != "" {
		return armjson.UnknownNode(0, reason)
	}
	out := &armjson.Node{Kind: armjson.Array, Line: f.p.Line, Items: make([]*armjson.Node, 0, len(items))}
	for i, it := range items {
		inner := loopEnv(f, env, it, i)
		body := f.body
		if ib, ok := body.(*ifBody); ok {
			c := s.eval(ib.cond, inner)
			if c.Kind == armjson.Unknown {
				return unknownFrom(c)
			}
			if b, ok := c.AsBool(); !ok || !b {
				continue
			}
			body = ib.body
		}
		out.Items = append(out.Items, place(s.eval(body, inner), f.p.Line))
	}
	return out
}

// loopItems evaluates a loop's array. reason is set when it cannot be
// resolved; loops beyond the limit are cut to it with a warning.
func (s *scope) loopItems(f *forExpr, env *locals) ([]*armjson.Node, string) {
	v := s.eval(f.iter, env)
	switch v.Kind {
	case armjson.Unknown:
		return nil, v.Reason
	case armjson.Array:
	default:
		s.ev.warn(s.name, f.p.Line, "a loop needs an array, not %s", kindName(v))
		return nil, fmt.Sprintf("the loop's array is %s", kindName(v))
	}
	items := v.Items
	if len(items) > maxCopy {
		s.ev.warn(s.name, f.p.Line, "the loop has %d items; only the first %d are evaluated", len(items), maxCopy)
		items = items[:maxCopy]
	}
	out := make([]*armjson.Node, len(items))
	for i, it := range items {
		out[i] = place(it, f.p.Line)
	}
	return out, ""
}

// loopEnv binds a loop's item and index.
func loopEnv(f *forExpr, env *locals, item *armjson.Node, i int) *locals {
	env = env.bind(f.item, item)
	if f.index != "" {
		idx := integer(i)
		idx.Line = f.p.Line
		env = env.bind(f.index, idx)
	}
	return env
}
