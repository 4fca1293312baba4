package armtemplate

import (
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/source/armjson"
)

// scope is one template's expression context: its parameters, variables
// and user-defined functions, and the function library of the deployment
// its expressions are evaluated in.
type scope struct {
	ev     *evaluator
	lib    *Library
	params map[string]*slot
	vars   map[string]*slot
	funcs  map[string]*userFunc
	// depth is the nesting of deployments (0 for the file's template);
	// calls is the nesting of user-defined function calls.
	depth, calls int
}

// slot is a parameter or variable, evaluated on first use.
type slot struct {
	name    string
	line    int
	state   uint8 // 0 pending, 1 evaluating, 2 done
	value   *armjson.Node
	compute func() *armjson.Node
}

// resolve returns a slot's value, evaluating it on first use.
func (s *scope) resolve(sl *slot) *armjson.Node {
	switch sl.state {
	case 1:
		s.ev.warn(s.ev.file, sl.line, "%q refers to itself", sl.name)
		return armjson.UnknownNode(0, fmt.Sprintf("%q refers to itself", sl.name))
	case 2:
		return sl.value
	}
	sl.state = 1
	v := sl.compute()
	if v == nil {
		v = armjson.UnknownNode(sl.line, "no value")
	}
	sl.value, sl.state = v, 2
	return v
}

// userFunc is a user-defined function from the template's functions section.
type userFunc struct {
	params []string
	output *armjson.Node
	line   int
}

// newScope builds the scope of a template. values are the parameter values
// given to it (from a parameters file or a parent deployment), by lower-case
// name; valueInput names where they came from, for diagnostics.
func (ev *evaluator) newScope(tmpl *armjson.Node, lib *Library, values map[string]*armjson.Node, valueLines map[string]int, valueInput string, depth int) *scope {
	s := &scope{ev: ev, lib: lib, params: map[string]*slot{}, vars: map[string]*slot{}, funcs: map[string]*userFunc{}, depth: depth}
	if ps := tmpl.Get("parameters"); ps != nil {
		if ps.Kind != armjson.Object {
			ev.errorf(ev.file, ps.Line, "the template's parameters must be an object, not %s", kindName(ps))
		} else {
			for _, f := range ps.Fields {
				s.params[strings.ToLower(f.Key)] = s.paramSlot(f, values[strings.ToLower(f.Key)])
			}
		}
	}
	for k := range values {
		if s.params[k] == nil {
			ev.warn(valueInput, valueLines[k], "parameter %q is not declared in the template; its value is ignored", k)
		}
	}
	if vs := tmpl.Get("variables"); vs != nil {
		if vs.Kind != armjson.Object {
			ev.errorf(ev.file, vs.Line, "the template's variables must be an object, not %s", kindName(vs))
		} else {
			for _, f := range vs.Fields {
				s.addVariable(f)
			}
		}
	}
	s.addFunctions(tmpl.Get("functions"))
	return s
}

func (s *scope) addVariable(f armjson.Field) {
	if strings.EqualFold(f.Key, "copy") && f.Value.Kind == armjson.Array {
		// Variable loops: each item defines the variable it names.
		for _, c := range f.Value.Items {
			name := c.Get("name")
			if name == nil || name.Kind != armjson.String {
				s.ev.warn(s.ev.file, c.Line, "a variable copy loop needs a name")
				continue
			}
			c := c
			s.vars[strings.ToLower(name.Str)] = &slot{name: name.Str, line: c.Line, compute: func() *armjson.Node {
				_, v := s.propertyCopy(c, nil)
				return v
			}}
		}
		return
	}
	v := f.Value
	s.vars[strings.ToLower(f.Key)] = &slot{name: f.Key, line: f.Line, compute: func() *armjson.Node {
		return s.evalValue(v, nil)
	}}
}

// paramSlot makes a parameter's slot: its given value, else its default,
// else Unknown.
func (s *scope) paramSlot(f armjson.Field, given *armjson.Node) *slot {
	decl := f.Value
	sl := &slot{name: f.Key, line: f.Line}
	typ := ""
	if t := decl.Get("type"); t != nil && t.Kind == armjson.String {
		typ = strings.ToLower(t.Str)
	}
	sl.compute = func() *armjson.Node {
		if given != nil {
			return coerce(place(given, f.Line), typ)
		}
		if d := decl.Get("defaultValue"); d != nil {
			return coerce(s.evalValue(d, nil), typ)
		}
		if typ == "securestring" || typ == "secureobject" {
			return armjson.UnknownNode(f.Line, fmt.Sprintf("secure parameter %q is given at deployment", f.Key))
		}
		s.ev.warn(s.ev.file, f.Line, "parameter %q has no default and no value in a parameters file; values built from it are unknown", f.Key)
		return armjson.UnknownNode(f.Line, fmt.Sprintf("parameter %q has no value", f.Key))
	}
	return sl
}

// coerce converts a string parameter value to the declared int or bool, as
// ARM does for values given on the command line.
func coerce(v *armjson.Node, typ string) *armjson.Node {
	if v.Kind != armjson.String {
		return v
	}
	switch typ {
	case "int":
		if i, ok := asInt(v); ok {
			n := integer(i)
			n.Line = v.Line
			return n
		}
	case "bool":
		if b, ok := v.AsBool(); ok {
			return &armjson.Node{Kind: armjson.Bool, Bool: b, Line: v.Line}
		}
	}
	return v
}

// addFunctions reads the functions section: [{namespace, members: {name:
// {parameters: [{name}], output: {value}}}}].
func (s *scope) addFunctions(fs *armjson.Node) {
	if fs == nil || fs.Kind != armjson.Array {
		return
	}
	for _, ns := range fs.Items {
		nsName := ns.Get("namespace")
		members := ns.Get("members")
		if nsName == nil || nsName.Kind != armjson.String || members == nil || members.Kind != armjson.Object {
			s.ev.warn(s.ev.file, ns.Line, "a user-defined function namespace needs a namespace and members")
			continue
		}
		for _, m := range members.Fields {
			uf := &userFunc{output: m.Value.Path("output.value"), line: m.Line}
			if ps := m.Value.Get("parameters"); ps != nil && ps.Kind == armjson.Array {
				for _, p := range ps.Items {
					if n := p.Get("name"); n != nil && n.Kind == armjson.String {
						uf.params = append(uf.params, n.Str)
					}
				}
			}
			s.funcs[strings.ToLower(nsName.Str+"."+m.Key)] = uf
		}
	}
}

// userCall calls a user-defined function: its output is evaluated with its
// parameters bound to the arguments and no variables, as ARM allows.
func (s *scope) userCall(name string, args []*armjson.Node, line int) *armjson.Node {
	uf := s.funcs[name]
	if uf == nil {
		return s.fail(line, fmt.Errorf("unsupported template function %s()", name))
	}
	if uf.output == nil {
		return s.fail(line, fmt.Errorf("user-defined function %s() has no output value", name))
	}
	if len(args) != len(uf.params) {
		return s.fail(line, fmt.Errorf("%s() takes %d argument(s), got %d", name, len(uf.params), len(args)))
	}
	if s.calls >= maxCallDeep {
		return s.fail(line, fmt.Errorf("user-defined functions nest more than %d deep", maxCallDeep))
	}
	inner := &scope{ev: s.ev, lib: s.lib, params: map[string]*slot{}, vars: map[string]*slot{}, funcs: s.funcs, depth: s.depth, calls: s.calls + 1}
	for i, p := range uf.params {
		v := args[i]
		inner.params[strings.ToLower(p)] = &slot{name: p, line: uf.line, state: 2, value: place(v, line)}
	}
	return inner.evalValue(uf.output, nil)
}

// isPropertyCopy reports whether a "copy" member is a property loop: an
// array of {name, count, input}.
func isPropertyCopy(n *armjson.Node) bool {
	if n.Kind != armjson.Array || len(n.Items) == 0 {
		return false
	}
	for _, it := range n.Items {
		if it.Kind != armjson.Object || it.Get("name") == nil || it.Get("count") == nil || it.Get("input") == nil {
			return false
		}
	}
	return true
}

// propertyCopy expands one property (or variable) loop {name, count,
// input} into the named array.
func (s *scope) propertyCopy(c *armjson.Node, lp *loop) (string, *armjson.Node) {
	nameNode := s.evalValue(c.Get("name"), lp)
	if nameNode == nil || nameNode.Kind != armjson.String {
		s.ev.warn(s.ev.file, c.Line, "a copy loop needs a name")
		return "", nil
	}
	name := nameNode.Str
	count, known, reason := s.copyCount(c.Get("count"), lp, c.Line, name)
	out := &armjson.Node{Kind: armjson.Array, Line: c.Line}
	if !known {
		return name, armjson.UnknownNode(c.Line, reason)
	}
	input := c.Get("input")
	if input == nil {
		s.ev.warn(s.ev.file, c.Line, "copy loop %q has no input", name)
		return name, armjson.UnknownNode(c.Line, fmt.Sprintf("copy loop %q has no input", name))
	}
	for i := range count {
		out.Items = append(out.Items, s.evalValue(input, &loop{name: name, index: i, known: true, outer: lp}))
	}
	return name, out
}

// copyCount evaluates a loop's count. known is false when it cannot be
// resolved; counts beyond ARM's limit are cut to it with a warning.
func (s *scope) copyCount(n *armjson.Node, lp *loop, line int, name string) (count int, known bool, reason string) {
	if n == nil {
		s.ev.warn(s.ev.file, line, "copy loop %q has no count", name)
		return 0, false, fmt.Sprintf("copy loop %q has no count", name)
	}
	v := s.evalValue(n, lp)
	if v.Kind == armjson.Unknown {
		s.ev.warn(s.ev.file, n.Line, "the count of copy loop %q cannot be resolved (%s); the values it makes are unknown", name, v.Reason)
		return 0, false, v.Reason
	}
	c, ok := asInt(v)
	if !ok {
		s.ev.warn(s.ev.file, n.Line, "the count of copy loop %q is %s, not an integer", name, kindName(v))
		return 0, false, fmt.Sprintf("the count of copy loop %q is not an integer", name)
	}
	if c < 0 {
		s.ev.warn(s.ev.file, n.Line, "the count of copy loop %q is negative (%d)", name, c)
		return 0, true, ""
	}
	if c > maxCopy {
		s.ev.warn(s.ev.file, n.Line, "copy loop %q counts %d; only the first %d are evaluated", name, c, maxCopy)
		c = maxCopy
	}
	return int(c), true, ""
}
