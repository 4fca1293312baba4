package bicep

import (
	"fmt"
	"path"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/armjson"
	"github.com/aksguard/aksguard/source/armtemplate"
)

// evaluator holds what one Read shares across files (the file read, its
// modules and imports): diagnostics, the work budget, parsed files and the
// resources produced.
type evaluator struct {
	root     string // the file read
	opts     Options
	diags    source.Diagnostics
	seen     map[string]bool
	steps    int
	stopped  bool
	calls    int
	modules  int // module instances loaded
	files    map[string]*file
	imports  map[string]*scope
	out      []armjson.Resource
	maxDiags int
}

// Evaluation limits. A step is one expression node or one node copied; the
// budget is many times what a large real estate needs (a 2,000-line estate
// takes about 30,000), and a step costs about a microsecond.
const (
	maxSteps    = 1 << 21
	maxCopy     = 10000 // loop iterations, as ARM's copy limit
	maxNesting  = 10    // module nesting
	maxModules  = 2000  // module instances in one evaluation (ARM allows 800 deployments per resource group)
	maxCallDeep = 64    // user-defined function and lambda calls
	maxWarnings = 200
)

const stoppedReason = "the Bicep file needs more work to evaluate than allowed"

func newEvaluator(root string, opts Options) *evaluator {
	return &evaluator{root: root, opts: opts, seen: map[string]bool{}, steps: maxSteps, files: map[string]*file{}, imports: map[string]*scope{}, maxDiags: maxWarnings}
}

func (ev *evaluator) warn(input string, line int, format string, a ...any) {
	ev.add(source.Warnf(input, line, format, a...))
}

func (ev *evaluator) errorf(input string, p Pos, format string, a ...any) {
	d := source.Errorf(input, p.Line, format, a...)
	d.Column = p.Col
	ev.add(d)
}

// add records a diagnostic once per input, line and message.
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

// step spends one unit of the budget; once it is spent every further value
// is Unknown.
func (ev *evaluator) step(line int) bool {
	if ev.stopped {
		return false
	}
	ev.steps--
	if ev.steps < 0 {
		ev.stopped = true
		ev.warn(ev.root, line, "evaluation stopped: the Bicep file needs more work than allowed; the remaining values are unknown")
		return false
	}
	return true
}

// scope is one instance of a Bicep file: the file read, or a module (once
// per module instance, with its parameters and deployment target).
type scope struct {
	ev        *evaluator
	f         *file
	name      string
	dep       armtemplate.Deployment
	lib       *armtemplate.Library
	params    map[string]*slot
	vars      map[string]*slot
	outputs   map[string]*slot
	funcs     map[string]funcRef
	resources map[string]*resDecl
	modules   map[string]*modDecl
	// imported maps names bound by import {x as y} to the symbol in the
	// imported file; namespaces maps import * as ns aliases.
	imported map[string]importRef
	nsPaths  map[string]importRef
	depth    int
	// mark holds what a module instance passes to every resource it
	// deploys: its condition or loop that could not be resolved.
	mark marks
	// ignores are the file's inline ignore comments by target line;
	// inherited are those on the module declaration that instantiated the
	// scope, which apply to every resource it deploys.
	ignores   map[int][]lineIgnore
	inherited []estate.InlineIgnore
	// order lists the resource and module declarations in file order.
	order   []any
	emitted bool
}

// slot is a parameter, variable or output, evaluated on first use.
type slot struct {
	name    string
	line    int
	state   uint8 // 0 pending, 1 evaluating, 2 done
	value   *armjson.Node
	compute func() *armjson.Node
}

type funcRef struct {
	d *funcDecl
	s *scope
}

// importRef is a name imported from another file.
type importRef struct {
	path     string
	name     string
	p        Pos
	registry bool
}

// resolve returns a slot's value, evaluating it on first use.
func (s *scope) resolve(sl *slot) *armjson.Node {
	switch sl.state {
	case 1:
		s.ev.warn(s.name, sl.line, "%q refers to itself", sl.name)
		return unknownf("%q refers to itself", sl.name)
	case 2:
		return sl.value
	}
	sl.state = 1
	v := sl.compute()
	if v == nil {
		v = armjson.UnknownNode(sl.line, "no value")
	}
	sl.value, sl.state = place(v, sl.line), 2
	return sl.value
}

// given are the parameter values passed to a file: from a parameters file or
// a module's params, by name, with where they came from for diagnostics.
type given struct {
	values map[string]*armjson.Node
	lines  map[string]int
	input  string
}

// lookup finds a given value by name: exactly, else case-insensitively, as
// ARM matches parameter names.
func (g given) lookup(name string) (*armjson.Node, bool) {
	if v, ok := g.values[name]; ok {
		return v, true
	}
	for k, v := range g.values {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return nil, false
}

// param finds a parameter by name, exactly or else case-insensitively.
func (s *scope) param(name string) *slot {
	if sl := s.params[name]; sl != nil {
		return sl
	}
	for k, sl := range s.params {
		if strings.EqualFold(k, name) {
			return sl
		}
	}
	return nil
}

// newScope builds the scope of a parsed file deployed to dep.
func (ev *evaluator) newScope(f *file, dep armtemplate.Deployment, lib *armtemplate.Library, g given, depth int, mark marks) *scope {
	s := &scope{
		ev: ev, f: f, name: f.name, dep: dep, lib: lib, depth: depth, mark: mark,
		params: map[string]*slot{}, vars: map[string]*slot{}, outputs: map[string]*slot{},
		funcs: map[string]funcRef{}, resources: map[string]*resDecl{}, modules: map[string]*modDecl{},
		imported: map[string]importRef{}, nsPaths: map[string]importRef{},
		ignores: scanIgnores(f.comments),
	}
	declared := map[string]bool{}
	for _, d := range f.decls {
		ev.step(d.start().Line)
		switch d := d.(type) {
		case *paramDecl:
			s.params[d.name] = s.paramSlot(d, g)
		case *varDecl:
			v := d.value
			s.vars[d.name] = &slot{name: d.name, line: d.p.Line, compute: func() *armjson.Node { return s.eval(v, nil) }}
		case *outputDecl:
			v := d.value
			s.outputs[d.name] = &slot{name: d.name, line: d.p.Line, compute: func() *armjson.Node { return s.eval(v, nil) }}
		case *funcDecl:
			s.funcs[d.name] = funcRef{d: d, s: s}
		case *resourceDecl:
			rd := s.newResDecl(d, nil)
			s.resources[d.name] = rd
			s.order = append(s.order, rd)
		case *moduleDecl:
			md := &modDecl{d: d, s: s, ignores: s.declIgnores(d.first.Line, d.end.Line, nil)}
			s.modules[d.name] = md
			s.order = append(s.order, md)
		case *importDecl:
			s.addImport(d)
		default:
			continue
		}
		if n := declName(d); n != "" {
			if declared[n] {
				ev.warn(s.name, d.start().Line, "%q is declared more than once; the last declaration wins", n)
			}
			declared[n] = true
		}
	}
	for k := range g.values {
		if s.param(k) == nil {
			ev.warn(g.input, g.lines[k], "parameter %q is not declared in %s; its value is ignored", k, f.name)
		}
	}
	return s
}

func declName(d decl) string {
	switch d := d.(type) {
	case *paramDecl:
		return d.name
	case *varDecl:
		return d.name
	case *resourceDecl:
		return d.name
	case *moduleDecl:
		return d.name
	case *funcDecl:
		return d.name
	}
	return ""
}

// paramSlot makes a parameter's slot: its given value, else its default,
// else Unknown.
func (s *scope) paramSlot(d *paramDecl, g given) *slot {
	sl := &slot{name: d.name, line: d.p.Line}
	v, ok := g.lookup(d.name)
	sl.compute = func() *armjson.Node {
		switch {
		case ok:
			return coerce(place(v, d.p.Line), d.typ.name)
		case d.value != nil:
			return coerce(s.eval(d.value, nil), d.typ.name)
		case d.typ.nullable:
			return null()
		case d.decorated("secure") != nil:
			return armjson.UnknownNode(d.p.Line, fmt.Sprintf("secure parameter %q is given at deployment", d.name))
		}
		s.ev.warn(s.name, d.p.Line, "parameter %q has no default and no value in a parameters file; values built from it are unknown", d.name)
		return armjson.UnknownNode(d.p.Line, fmt.Sprintf("parameter %q has no value", d.name))
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
		if i, ok := v.Int(); ok {
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

// targetScope reads the file's targetScope declaration.
func targetScope(f *file) (armtemplate.ScopeKind, *targetScopeDecl) {
	for _, d := range f.decls {
		ts, ok := d.(*targetScopeDecl)
		if !ok {
			continue
		}
		lit, ok := ts.value.(*strLit)
		if !ok {
			return armtemplate.ResourceGroupScope, ts
		}
		switch strings.ToLower(lit.v) {
		case "subscription":
			return armtemplate.SubscriptionScope, nil
		case "managementgroup":
			return armtemplate.ManagementGroupScope, nil
		case "tenant":
			return armtemplate.TenantScope, nil
		case "resourcegroup":
			return armtemplate.ResourceGroupScope, nil
		}
		return armtemplate.ResourceGroupScope, ts
	}
	return armtemplate.ResourceGroupScope, nil
}

// locals are the names bound inside an expression: loop items and indexes,
// lambda parameters, and the nested resources visible in a resource body.
type locals struct {
	name  string
	value *armjson.Node
	// res is set for a nested resource symbol: the declaration and the
	// parent instance it is nested in.
	res    *resDecl
	parent *resInst
	outer  *locals
}

func (l *locals) bind(name string, v *armjson.Node) *locals {
	return &locals{name: name, value: v, outer: l}
}

func (l *locals) find(name string) *locals {
	for e := l; e != nil; e = e.outer {
		if e.name == name {
			return e
		}
	}
	return nil
}

// lookup resolves a name used as a value.
func (s *scope) lookup(id *ident, env *locals) *armjson.Node {
	if b := env.find(id.name); b != nil && b.res == nil {
		return b.value
	}
	if ref, ok := s.symbol(id, env); ok {
		return s.refValue(ref, id.p.Line)
	}
	if sl := s.params[id.name]; sl != nil {
		return s.resolve(sl)
	}
	if sl := s.vars[id.name]; sl != nil {
		return s.resolve(sl)
	}
	if im, ok := s.imported[id.name]; ok {
		return s.importedValue(im, id.p.Line)
	}
	return s.failf(id.p, "%q is not declared", id.name)
}

// failf records an evaluation problem as a warning and returns Unknown.
func (s *scope) failf(p Pos, format string, a ...any) *armjson.Node {
	msg := fmt.Sprintf(format, a...)
	s.ev.warn(s.name, p.Line, "%s", msg)
	return armjson.UnknownNode(0, msg)
}

// resolvePath resolves a path written in a file (a module, an import) to a
// slash-separated path relative to the file's directory.
func resolvePath(from, rel string) string {
	if path.IsAbs(rel) {
		return path.Clean(rel)
	}
	dir := path.Dir(strings.ReplaceAll(from, "\\", "/"))
	return path.Join(dir, rel)
}
