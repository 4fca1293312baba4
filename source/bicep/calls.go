package bicep

import (
	"fmt"
	"sort"
	"strings"

	"github.com/aksguard/aksguard/source/armjson"
)

// Function calls: user-defined functions (func, and those imported), the
// lambda functions, the functions only Bicep has (load*Content, nameof,
// cidrSubnet, ...), and the rest from the ARM function library, which Bicep
// shares with ARM templates.

func (s *scope) call(c *call, env *locals) *armjson.Node {
	if c.target != nil {
		return s.targetCall(c, env)
	}
	if f, ok := s.funcs[c.name]; ok {
		return s.userCall(f, c, env)
	}
	if im, ok := s.imported[c.name]; ok {
		if sc := s.importScope(im); sc != nil {
			if f, ok := sc.funcs[im.name]; ok {
				return s.userCall(f, c, env)
			}
		}
		return s.failf(c.p, "%q is not an imported function", c.name)
	}
	return s.builtin(c, env)
}

// targetCall serves ns.fn(...) (sys, az or an import namespace) and the
// functions of resources (kv.getSecret('x'), acr.listCredentials()), whose
// results exist only at deployment.
func (s *scope) targetCall(c *call, env *locals) *armjson.Node {
	if id, ok := c.target.(*ident); ok && env.find(id.name) == nil && s.params[id.name] == nil && s.vars[id.name] == nil {
		if id.name == "sys" || id.name == "az" {
			return s.builtin(c, env)
		}
		if ns := s.namespace(id.name); ns != nil {
			if f, ok := ns.funcs[c.name]; ok {
				return s.userCall(f, c, env)
			}
			return s.failf(c.p, "%s has no exported function %s()", id.name, c.name)
		}
	}
	if ref, ok := s.symbol(c.target, env); ok && ref.res != nil {
		for _, a := range c.args {
			s.eval(a, env)
		}
		if strings.EqualFold(c.name, "getSecret") {
			return unknownf("a Key Vault secret is resolved at deployment")
		}
		return unknownf("%s() is resolved at deployment", c.name)
	}
	return s.failf(c.p, "%s() cannot be called on this expression", c.name)
}

// builtin calls a function that is not user-defined.
func (s *scope) builtin(c *call, env *locals) *armjson.Node {
	lname := strings.ToLower(c.name)
	if v, ok := s.lambdaCall(lname, c, env); ok {
		return v
	}
	switch lname {
	case "any":
		if len(c.args) != 1 {
			return s.failf(c.p, "any() takes 1 argument, got %d", len(c.args))
		}
		return s.eval(c.args[0], env)
	case "nameof":
		if len(c.args) == 1 {
			switch x := c.args[0].(type) {
			case *ident:
				return str(x.name)
			case *member:
				return str(x.name)
			case *resAccess:
				return str(x.name)
			}
		}
		return s.failf(c.p, "nameof() takes a symbol or a property")
	case "loadtextcontent", "loadjsoncontent", "loadyamlcontent", "loadfileasbase64":
		return s.loadContent(lname, c, env)
	case "readenvironmentvariable":
		return unknownf("readEnvironmentVariable() is read where the parameters are built")
	case "getsecret":
		return unknownf("a Key Vault secret is resolved at deployment")
	case "externalinput":
		return unknownf("externalInput() is resolved when the deployment is built")
	case "deployer":
		return unknownf("deployer() is known at deployment")
	case "fail":
		return unknownf("the template fails at deployment")
	}
	args := make([]*armjson.Node, len(c.args))
	for i, a := range c.args {
		args[i] = s.eval(a, env)
	}
	if f, ok := cidrFuncs[lname]; ok {
		return s.cidr(c, f, args)
	}
	return s.apply(c.p, c.name, args...)
}

// userCall calls a user-defined function: its body sees only its
// parameters, as Bicep allows.
func (s *scope) userCall(f funcRef, c *call, env *locals) *armjson.Node {
	if len(c.args) != len(f.d.params) {
		return s.failf(c.p, "%s() takes %d argument(s), got %d", f.d.name, len(f.d.params), len(c.args))
	}
	var inner *locals
	for i, a := range c.args {
		v := s.eval(a, env)
		if f.s != s {
			v = s.ev.relocate(v, 0)
		}
		inner = inner.bind(f.d.params[i], place(v, c.p.Line))
	}
	if s.ev.calls >= maxCallDeep {
		return s.failf(c.p, "function calls nest more than %d deep", maxCallDeep)
	}
	s.ev.calls++
	defer func() { s.ev.calls-- }()
	v := f.s.eval(f.d.body, inner)
	if f.s != s {
		v = s.ev.relocate(v, 0)
	}
	return v
}

// lambdaArg returns the lambda passed as argument i.
func (s *scope) lambdaArg(c *call, i, maxParams int) (*lambda, error) {
	l, ok := c.args[i].(*lambda)
	if !ok {
		return nil, fmt.Errorf("%s() takes a lambda (x => ...) as argument %d", c.name, i+1)
	}
	if len(l.params) > maxParams {
		return nil, fmt.Errorf("the lambda of %s() takes at most %d parameters, not %d", c.name, maxParams, len(l.params))
	}
	return l, nil
}

// applyLambda evaluates a lambda's body with its parameters bound.
func (s *scope) applyLambda(l *lambda, env *locals, args ...*armjson.Node) *armjson.Node {
	if s.ev.calls >= maxCallDeep {
		return s.failf(l.p, "lambdas nest more than %d deep", maxCallDeep)
	}
	s.ev.calls++
	defer func() { s.ev.calls-- }()
	for i, p := range l.params {
		env = env.bind(p, place(args[i], l.p.Line))
	}
	return s.eval(l.body, env)
}

// lambdaCall evaluates map, filter, reduce, sort, toObject, groupBy and
// mapValues; ok is false for any other name.
func (s *scope) lambdaCall(name string, c *call, env *locals) (*armjson.Node, bool) {
	want := map[string][2]int{"map": {2, 2}, "filter": {2, 2}, "reduce": {3, 3}, "sort": {2, 2}, "toobject": {2, 3}, "groupby": {2, 2}, "mapvalues": {2, 2}}[name]
	if want[0] == 0 {
		return nil, false
	}
	if len(c.args) < want[0] || len(c.args) > want[1] {
		return s.failf(c.p, "%s() takes %d arguments, got %d", c.name, want[0], len(c.args)), true
	}
	input := s.eval(c.args[0], env)
	if input.Kind == armjson.Unknown {
		return unknownFrom(input), true
	}
	kind := armjson.Array
	if name == "mapvalues" {
		kind = armjson.Object
	}
	if input.Kind != kind {
		return s.failf(c.p, "%s() takes %s, not %s", c.name, kindName(&armjson.Node{Kind: kind}), kindName(input)), true
	}
	at, params := 1, map[string]int{"map": 2, "filter": 2, "reduce": 3, "sort": 2, "toobject": 1, "groupby": 1, "mapvalues": 1}[name]
	if name == "reduce" {
		at = 2
	}
	fn, err := s.lambdaArg(c, at, params)
	if err != nil {
		return s.failf(c.p, "%v", err), true
	}
	call := func(args ...*armjson.Node) *armjson.Node { return s.applyLambda(fn, env, args...) }
	out := &armjson.Node{Kind: armjson.Array}
	switch name {
	case "map":
		for i, it := range input.Items {
			out.Items = append(out.Items, call(it, integer(i)))
		}
	case "filter":
		for i, it := range input.Items {
			keep := call(it, integer(i))
			if keep.Kind == armjson.Unknown {
				return unknownFrom(keep), true
			}
			if b, ok := keep.AsBool(); ok && b {
				out.Items = append(out.Items, it)
			}
		}
	case "reduce":
		acc := s.eval(c.args[1], env)
		for i, it := range input.Items {
			acc = call(acc, it, integer(i))
		}
		return acc, true
	case "sort":
		return s.sortLambda(input, call), true
	case "mapvalues":
		o := object()
		for _, f := range input.Fields {
			o.Set(f.Key, call(f.Value))
		}
		return o, true
	case "groupby", "toobject":
		var valueFn *lambda
		if len(c.args) == 3 {
			if valueFn, err = s.lambdaArg(c, 2, 1); err != nil {
				return s.failf(c.p, "%v", err), true
			}
		}
		o := object()
		for _, it := range input.Items {
			k := call(it)
			if k.Kind != armjson.String {
				return unknownf("%s() key is not a known string", c.name), true
			}
			switch {
			case name == "groupby":
				g := o.Get(k.Str)
				if g == nil {
					g = &armjson.Node{Kind: armjson.Array}
					o.Set(k.Str, g)
				}
				g.Items = append(g.Items, it)
			case valueFn != nil:
				o.Set(k.Str, s.applyLambda(valueFn, env, it))
			default:
				o.Set(k.Str, it)
			}
		}
		return o, true
	}
	return out, true
}

// sortLambda sorts with a lambda (a, b) => ... that says whether a goes
// before b.
func (s *scope) sortLambda(input *armjson.Node, call func(...*armjson.Node) *armjson.Node) *armjson.Node {
	items := append([]*armjson.Node(nil), input.Items...)
	var bad *armjson.Node
	sort.SliceStable(items, func(i, j int) bool {
		if bad != nil || s.ev.stopped {
			return false
		}
		r := call(items[i], items[j])
		b, ok := r.AsBool()
		if !ok {
			bad = r
		}
		return b
	})
	if bad != nil {
		if bad.Kind == armjson.Unknown {
			return unknownFrom(bad)
		}
		return unknownf("the sort() lambda does not return a bool")
	}
	return &armjson.Node{Kind: armjson.Array, Items: items}
}
