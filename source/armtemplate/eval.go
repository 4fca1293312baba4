package armtemplate

import (
	"errors"
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/armjson"
)

// evaluator holds what one evaluation shares across templates (the top-level
// one and its nested deployments): the diagnostics, the work budget, the
// parse cache and the resources produced.
type evaluator struct {
	file     string
	diags    source.Diagnostics
	seen     map[string]bool
	steps    int
	stopped  bool
	cache    map[string]parsed
	out      []*armjson.Node
	maxDiags int
}

type parsed struct {
	e   *expr
	err error
}

// Evaluation limits: a template may not loop more often than ARM allows, nor
// take more steps than a large real template needs many times over (the
// largest in the corpus takes about 2,000; ARM's limit of 800 resources with
// a hundred values each is 80,000). A step costs about a microsecond.
const (
	maxCopy     = 10000
	maxSteps    = 1 << 19
	maxNesting  = 10
	maxCallDeep = 64
	maxWarnings = 200
)

func newEvaluator(file string) *evaluator {
	return &evaluator{file: file, seen: map[string]bool{}, steps: maxSteps, cache: map[string]parsed{}, maxDiags: maxWarnings}
}

// warn records a warning once per input, line and message.
func (ev *evaluator) warn(input string, line int, format string, a ...any) {
	ev.add(source.Warnf(input, line, format, a...))
}

func (ev *evaluator) errorf(input string, line int, format string, a ...any) {
	ev.add(source.Errorf(input, line, format, a...))
}

func (ev *evaluator) add(d source.Diagnostic) {
	key := fmt.Sprintf("%s\x00%d\x00%s", d.Input, d.Line, d.Message)
	if ev.seen[key] {
		return
	}
	ev.seen[key] = true
	if d.Severity == source.Warning && len(ev.diags) >= ev.maxDiags {
		if len(ev.diags) == ev.maxDiags {
			ev.diags = append(ev.diags, source.Warnf(d.Input, 0, "more than %d warnings; the rest are not shown", ev.maxDiags))
		}
		return
	}
	ev.diags = append(ev.diags, d)
}

// step spends one unit of the evaluation budget; once it is spent, every
// further value is Unknown.
func (ev *evaluator) step(line int) bool {
	if ev.stopped {
		return false
	}
	ev.steps--
	if ev.steps < 0 {
		ev.stopped = true
		ev.warn(ev.file, line, "evaluation stopped: the template needs more work than allowed; the remaining values are unknown")
		return false
	}
	return true
}

const stoppedReason = "the template needs more work to evaluate than allowed"

func (ev *evaluator) parse(body string) (*expr, error) {
	if p, ok := ev.cache[body]; ok {
		return p.e, p.err
	}
	e, err := parseExpr(body)
	ev.cache[body] = parsed{e, err}
	return e, err
}

// loop is one level of copy iteration visible to copyIndex().
type loop struct {
	name     string
	index    int
	known    bool   // false when the loop's count is unknown
	reason   string // why the count is unknown
	resource bool   // a resource (or deployment) loop: copyIndex() without a name
	outer    *loop
}

// evalValue evaluates a template JSON value: expression strings are
// evaluated, objects and arrays are rebuilt with their members evaluated,
// and property copy loops are expanded. The result never shares a mutable
// node with the template.
func (s *scope) evalValue(n *armjson.Node, lp *loop) *armjson.Node {
	if n == nil {
		return nil
	}
	if !s.ev.step(n.Line) {
		return armjson.UnknownNode(n.Line, stoppedReason)
	}
	switch n.Kind {
	case armjson.String:
		return s.evalString(n, lp)
	case armjson.Array:
		out := &armjson.Node{Kind: armjson.Array, Line: n.Line, Items: make([]*armjson.Node, 0, len(n.Items))}
		for _, it := range n.Items {
			out.Items = append(out.Items, s.evalValue(it, lp))
		}
		return out
	case armjson.Object:
		out := &armjson.Node{Kind: armjson.Object, Line: n.Line, Fields: make([]armjson.Field, 0, len(n.Fields))}
		for _, f := range n.Fields {
			if strings.EqualFold(f.Key, "copy") && isPropertyCopy(f.Value) {
				for _, c := range f.Value.Items {
					name, v := s.propertyCopy(c, lp)
					if name != "" {
						out.Fields = append(out.Fields, armjson.Field{Key: name, Line: c.Line, Value: v})
					}
				}
				continue
			}
			out.Fields = append(out.Fields, armjson.Field{Key: s.evalKey(f, lp), Line: f.Line, Value: s.evalValue(f.Value, lp)})
		}
		return out
	}
	return n
}

// evalKey evaluates a property name. ARM evaluates expressions in names too:
// "userAssignedIdentities": {"[resourceId('Microsoft.ManagedIdentity/...', ...)]": {}}
// is how templates attach a user-assigned identity. A name that does not
// evaluate to a known string keeps its text, so the member is not lost.
func (s *scope) evalKey(f armjson.Field, lp *loop) string {
	if _, isExpr, literal := isExpression(f.Key); !isExpr {
		if literal != "" {
			return literal
		}
		return f.Key
	}
	v := s.evalString(&armjson.Node{Kind: armjson.String, Line: f.Line, Str: f.Key}, lp)
	if str, ok := v.AsString(); ok && v.Kind != armjson.Unknown {
		return str
	}
	return f.Key
}

// evalString evaluates a JSON string: an expression, an escaped literal
// ("[[...") or a plain literal.
func (s *scope) evalString(n *armjson.Node, lp *loop) *armjson.Node {
	body, isExpr, literal := isExpression(n.Str)
	if !isExpr {
		if literal == n.Str {
			return n
		}
		return &armjson.Node{Kind: armjson.String, Line: n.Line, Str: literal}
	}
	e, err := s.ev.parse(body)
	if err != nil {
		s.ev.warn(s.ev.file, n.Line, "%v in %q", err, clip(n.Str))
		return armjson.UnknownNode(n.Line, err.Error())
	}
	return place(s.eval(e, n.Line, lp, nil), n.Line)
}

// eval evaluates a parsed expression. The result may be shared with the
// template or a variable; nodes it creates have line 0 until placed.
func (s *scope) eval(e *expr, line int, lp *loop, lv *lambdaEnv) *armjson.Node {
	if !s.ev.step(line) {
		return armjson.UnknownNode(0, stoppedReason)
	}
	switch e.kind {
	case exprString:
		return str(e.text)
	case exprNumber:
		if strings.Contains(e.text, ".") {
			return &armjson.Node{Kind: armjson.Number, Num: e.text}
		}
		if _, ok := asInt(&armjson.Node{Kind: armjson.Number, Num: e.text}); !ok {
			return s.fail(line, fmt.Errorf("the number %s is out of range", e.text))
		}
		return &armjson.Node{Kind: armjson.Number, Num: strings.TrimPrefix(e.text, "+")}
	case exprMember:
		return s.member(s.eval(e.args[0], line, lp, lv), e.text, line)
	case exprIndex:
		return s.index(s.eval(e.args[0], line, lp, lv), s.eval(e.args[1], line, lp, lv), line)
	}
	return s.call(e, line, lp, lv)
}

// fail records an evaluation error as a warning and returns Unknown.
func (s *scope) fail(line int, err error) *armjson.Node {
	s.ev.warn(s.ev.file, line, "%v", err)
	return armjson.UnknownNode(0, err.Error())
}

func (s *scope) member(t *armjson.Node, name string, line int) *armjson.Node {
	switch t.Kind {
	case armjson.Unknown:
		return armjson.UnknownNode(0, t.Reason)
	case armjson.Object:
		if v := t.Get(name); v != nil {
			return v
		}
		return s.fail(line, fmt.Errorf("the object has no property %q", name))
	}
	return s.fail(line, fmt.Errorf("cannot read property %q of %s", name, kindName(t)))
}

func (s *scope) index(t, i *armjson.Node, line int) *armjson.Node {
	switch {
	case t.Kind == armjson.Unknown:
		return armjson.UnknownNode(0, t.Reason)
	case i.Kind == armjson.Unknown:
		return armjson.UnknownNode(0, i.Reason)
	case t.Kind == armjson.Array:
		n, ok := asInt(i)
		if !ok || i.Kind != armjson.Number {
			return s.fail(line, fmt.Errorf("an array index must be an integer, not %s", kindName(i)))
		}
		if n < 0 || n >= int64(len(t.Items)) {
			return s.fail(line, fmt.Errorf("index %d is out of range of an array of %d", n, len(t.Items)))
		}
		return t.Items[n]
	case t.Kind == armjson.Object:
		if i.Kind != armjson.String {
			return s.fail(line, fmt.Errorf("an object key must be a string, not %s", kindName(i)))
		}
		return s.member(t, i.Str, line)
	}
	return s.fail(line, fmt.Errorf("cannot index %s", kindName(t)))
}

// call evaluates a function call. if(), and() and or() evaluate lazily, so
// that a branch ARM would not take raises no warning.
func (s *scope) call(e *expr, line int, lp *loop, lv *lambdaEnv) *armjson.Node {
	name := strings.ToLower(e.text)
	evalArgs := func() []*armjson.Node {
		args := make([]*armjson.Node, len(e.args))
		for i, a := range e.args {
			args[i] = s.eval(a, line, lp, lv)
		}
		return args
	}
	switch name {
	case "if":
		if len(e.args) == 3 {
			c := s.eval(e.args[0], line, lp, lv)
			if b, ok := c.AsBool(); ok && c.Kind == armjson.Bool {
				if b {
					return s.eval(e.args[1], line, lp, lv)
				}
				return s.eval(e.args[2], line, lp, lv)
			}
			return s.apply(e.text, []*armjson.Node{c, s.eval(e.args[1], line, lp, lv), s.eval(e.args[2], line, lp, lv)}, line)
		}
	case "and", "or":
		args := make([]*armjson.Node, 0, len(e.args))
		for _, a := range e.args {
			v := s.eval(a, line, lp, lv)
			args = append(args, v)
			if v.Kind == armjson.Bool && v.Bool == (name == "or") {
				return boolean(v.Bool)
			}
		}
		return s.apply(e.text, args, line)
	case "parameters":
		return s.lookup(e, line, lp, lv, "parameter", s.params)
	case "variables":
		return s.lookup(e, line, lp, lv, "variable", s.vars)
	case "copyindex":
		return s.copyIndex(evalArgs(), line, lp)
	}
	if v, ok := s.lambdaCall(name, e, line, lp, lv); ok {
		return v
	}
	if strings.Contains(name, ".") {
		return s.userCall(name, evalArgs(), line)
	}
	return s.apply(e.text, evalArgs(), line)
}

// apply calls a library function.
func (s *scope) apply(name string, args []*armjson.Node, line int) *armjson.Node {
	f, ok := s.lib.Lookup(name)
	if !ok {
		return s.fail(line, fmt.Errorf("unsupported template function %s()", name))
	}
	v, err := f(args)
	if err != nil && v != nil {
		s.ev.warn(s.ev.file, line, "%v", err)
		return v
	}
	if err != nil {
		if errors.Is(err, errWork) {
			s.ev.warn(s.ev.file, line, "evaluation stopped: %v; the remaining values are unknown", errWork)
			s.ev.stopped = true
			return armjson.UnknownNode(0, stoppedReason)
		}
		return s.fail(line, err)
	}
	return v
}

// lookup serves parameters('x') and variables('x').
func (s *scope) lookup(e *expr, line int, lp *loop, lv *lambdaEnv, what string, slots map[string]*slot) *armjson.Node {
	if len(e.args) != 1 {
		return s.fail(line, fmt.Errorf("%ss() takes 1 argument, got %d", what, len(e.args)))
	}
	n := s.eval(e.args[0], line, lp, lv)
	if n.Kind == armjson.Unknown {
		return armjson.UnknownNode(0, n.Reason)
	}
	if n.Kind != armjson.String {
		return s.fail(line, fmt.Errorf("%ss() takes a name, not %s", what, kindName(n)))
	}
	sl := slots[strings.ToLower(n.Str)]
	if sl == nil {
		return s.fail(line, fmt.Errorf("the template has no %s %q", what, n.Str))
	}
	return s.resolve(sl)
}

// copyIndex serves copyIndex([loopName], [offset]).
func (s *scope) copyIndex(args []*armjson.Node, line int, lp *loop) *armjson.Node {
	if u := firstUnknown(args); u != nil {
		return u
	}
	var name string
	var offset int64
	for i, a := range args {
		switch {
		case i == 0 && a.Kind == armjson.String:
			name = a.Str
		case a.Kind == armjson.Number && i == len(args)-1:
			offset, _ = asInt(a)
		default:
			return s.fail(line, fmt.Errorf("copyIndex() takes a loop name and an offset, got %s", kindName(a)))
		}
	}
	if len(args) > 2 {
		return s.fail(line, fmt.Errorf("copyIndex() takes at most 2 arguments, got %d", len(args)))
	}
	for l := lp; l != nil; l = l.outer {
		if name == "" && !l.resource || name != "" && !strings.EqualFold(name, l.name) {
			continue
		}
		if !l.known {
			return armjson.UnknownNode(0, l.reason)
		}
		return integer(int64(l.index) + offset)
	}
	if name != "" {
		return s.fail(line, fmt.Errorf("copyIndex(%q) is outside a copy loop of that name", name))
	}
	return s.fail(line, fmt.Errorf("copyIndex() is outside a copy loop"))
}

func clip(s string) string {
	if len(s) > 120 {
		return s[:117] + "..."
	}
	return s
}
