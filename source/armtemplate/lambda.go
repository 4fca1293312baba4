package armtemplate

import (
	"fmt"
	"sort"
	"strings"

	"github.com/aksguard/aksguard/source/armjson"
)

// Lambda functions (filter, map, reduce, sort, toObject, groupBy,
// mapValues) take lambda('x', body) arguments, whose bodies read their
// parameters with lambdaVariables('x'). They are evaluator forms, not
// library functions, because a body is evaluated once per item.

// lambdaEnv binds lambda parameters to values.
type lambdaEnv struct {
	names  []string
	values []*armjson.Node
	outer  *lambdaEnv
}

func (lv *lambdaEnv) get(name string) (*armjson.Node, bool) {
	for e := lv; e != nil; e = e.outer {
		for i, n := range e.names {
			if strings.EqualFold(n, name) {
				return e.values[i], true
			}
		}
	}
	return nil, false
}

// lambda is a parsed lambda('a', 'b', body) argument.
type lambda struct {
	params []string
	body   *expr
}

func (s *scope) parseLambda(e *expr, nparams int, line int) (*lambda, error) {
	if e.kind != exprCall || !strings.EqualFold(e.text, "lambda") {
		return nil, fmt.Errorf("want a lambda() argument")
	}
	if len(e.args) < 2 {
		return nil, fmt.Errorf("lambda() needs a parameter and a body")
	}
	l := &lambda{body: e.args[len(e.args)-1]}
	for _, p := range e.args[:len(e.args)-1] {
		if p.kind != exprString {
			return nil, fmt.Errorf("lambda() parameters must be names in quotes")
		}
		l.params = append(l.params, p.text)
	}
	if len(l.params) > nparams {
		return nil, fmt.Errorf("the lambda takes %d parameters, at most %d are passed", len(l.params), nparams)
	}
	return l, nil
}

// apply evaluates the lambda's body for one set of arguments.
func (s *scope) applyLambda(l *lambda, args []*armjson.Node, line int, lp *loop, lv *lambdaEnv) *armjson.Node {
	return s.eval(l.body, line, lp, &lambdaEnv{names: l.params, values: args[:len(l.params)], outer: lv})
}

// lambdaCall evaluates the lambda forms; ok is false for any other name.
func (s *scope) lambdaCall(name string, e *expr, line int, lp *loop, lv *lambdaEnv) (*armjson.Node, bool) {
	switch name {
	case "lambdavariables":
		if len(e.args) != 1 {
			return s.fail(line, fmt.Errorf("lambdaVariables() takes 1 argument, got %d", len(e.args))), true
		}
		n := s.eval(e.args[0], line, lp, lv)
		if n.Kind != armjson.String {
			return s.fail(line, fmt.Errorf("lambdaVariables() takes a name, not %s", kindName(n))), true
		}
		if v, ok := lv.get(n.Str); ok {
			return v, true
		}
		return s.fail(line, fmt.Errorf("lambdaVariables(%q) is outside a lambda with that parameter", n.Str)), true
	case "lambda":
		return s.fail(line, fmt.Errorf("lambda() is only an argument of filter, map, reduce, sort, toObject, groupBy or mapValues")), true
	case "filter", "map", "reduce", "sort", "toobject", "groupby", "mapvalues":
	default:
		return nil, false
	}
	want := map[string]int{"filter": 2, "map": 2, "sort": 2, "toobject": 2, "groupby": 2, "mapvalues": 2, "reduce": 3}[name]
	if len(e.args) < want || len(e.args) > want+1 || name != "toobject" && len(e.args) != want {
		return s.fail(line, fmt.Errorf("%s() takes %d arguments, got %d", e.text, want, len(e.args))), true
	}
	input := s.eval(e.args[0], line, lp, lv)
	if input.Kind == armjson.Unknown {
		return armjson.UnknownNode(0, input.Reason), true
	}
	wantKind := armjson.Array
	if name == "mapvalues" {
		wantKind = armjson.Object
	}
	if input.Kind != wantKind {
		return s.fail(line, fmt.Errorf("%s() takes %s, not %s", e.text, kindName(&armjson.Node{Kind: wantKind}), kindName(input))), true
	}
	lambdaAt := 1
	if name == "reduce" {
		lambdaAt = 2
	}
	nparams := map[string]int{"filter": 2, "map": 2, "reduce": 3, "sort": 2, "toobject": 1, "groupby": 1, "mapvalues": 1}[name]
	fn, err := s.parseLambda(e.args[lambdaAt], nparams, line)
	if err != nil {
		return s.fail(line, fmt.Errorf("%s(): %v", e.text, err)), true
	}
	call := func(args ...*armjson.Node) *armjson.Node { return s.applyLambda(fn, args, line, lp, lv) }
	switch name {
	case "map":
		out := array()
		for i, it := range input.Items {
			out.Items = append(out.Items, call(it, integer(int64(i))))
		}
		return out, true
	case "filter":
		out := array()
		for i, it := range input.Items {
			keep := call(it, integer(int64(i)))
			if keep.Kind == armjson.Unknown {
				return armjson.UnknownNode(0, keep.Reason), true
			}
			if b, ok := keep.AsBool(); ok && b {
				out.Items = append(out.Items, it)
			}
		}
		return out, true
	case "reduce":
		acc := s.eval(e.args[1], line, lp, lv)
		for i, it := range input.Items {
			acc = call(acc, it, integer(int64(i)))
		}
		return acc, true
	case "sort":
		return s.sortLambda(input, call), true
	case "mapvalues":
		out := object()
		for _, f := range input.Fields {
			out.Set(f.Key, call(f.Value))
		}
		return out, true
	case "groupby":
		out := object()
		for _, it := range input.Items {
			k := call(it)
			if k.Kind != armjson.String {
				return armjson.UnknownNode(0, "groupBy() key is not a known string"), true
			}
			g := out.Get(k.Str)
			if g == nil {
				g = array()
				out.Set(k.Str, g)
			}
			g.Items = append(g.Items, it)
		}
		return out, true
	}
	// toObject(array, keyLambda, [valueLambda])
	var valueFn *lambda
	if len(e.args) == 3 {
		if valueFn, err = s.parseLambda(e.args[2], 1, line); err != nil {
			return s.fail(line, fmt.Errorf("%s(): %v", e.text, err)), true
		}
	}
	out := object()
	for _, it := range input.Items {
		k := call(it)
		if k.Kind != armjson.String {
			return armjson.UnknownNode(0, "toObject() key is not a known string"), true
		}
		v := it
		if valueFn != nil {
			v = s.applyLambda(valueFn, []*armjson.Node{it}, line, lp, lv)
		}
		out.Set(k.Str, v)
	}
	return out, true
}

// sortLambda sorts with a lambda('a', 'b', ...) that says whether a goes
// before b.
func (s *scope) sortLambda(input *armjson.Node, call func(...*armjson.Node) *armjson.Node) *armjson.Node {
	items := append([]*armjson.Node(nil), input.Items...)
	var unknown *armjson.Node
	sort.SliceStable(items, func(i, j int) bool {
		if unknown != nil || s.ev.stopped {
			return false
		}
		r := call(items[i], items[j])
		b, ok := r.AsBool()
		if !ok {
			unknown = r
		}
		return b
	})
	if unknown != nil {
		if unknown.Kind == armjson.Unknown {
			return armjson.UnknownNode(0, unknown.Reason)
		}
		return armjson.UnknownNode(0, "sort() lambda does not return a bool")
	}
	return array(items...)
}
