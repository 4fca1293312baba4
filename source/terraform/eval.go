package terraform

import (
	"context"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/azurerm"
)

// evaluator reads one root module and the modules it calls.
type evaluator struct {
	ctx     context.Context
	fsys    files
	root    string
	opts    Options
	assign  map[string]assignment
	modules map[string]*module // parsed modules by directory
	// modJSON maps modules.json keys ("aks", "aks.network") to the
	// directories terraform init downloaded them to; nil without the file.
	modJSON map[string]string
	out     []azurerm.Resource
	diags   source.Diagnostics
	funcs   map[string]function.Function
}

// instance is one evaluation of a module: the root, or one instance of a
// module call.
type instance struct {
	ev  *evaluator
	mod *module
	// addr prefixes the addresses of the instance's objects:
	// "" at the root, `module.aks["prod"].` below.
	addr string
	// key is the module path as modules.json names it: "aks.network".
	key   string
	stack []string // directories of the calling modules, to stop recursion
	// inputs are the call's arguments; nil at the root.
	inputs map[string]input
	values map[string]cty.Value
	// reasons says why an unknown node value (or a module output, by
	// "module.x.out") is unknown, as the root cause.
	reasons map[string]string
	// attrReasons are the reasons of unknown resource attributes, by
	// resource key and attribute path.
	attrReasons map[string]map[string]string
	// paths are the instance-relative attribute paths that references
	// reach into, by resource key.
	paths map[string][]hcl.Traversal
	funcs map[string]function.Function
}

type input struct {
	val    cty.Value
	reason string
}

// maxDepth bounds module nesting, against a module that calls itself.
const maxDepth = 32

func (ev *evaluator) newInstance(m *module, addr, key string, stack []string, inputs map[string]input) *instance {
	return &instance{
		ev: ev, mod: m, addr: addr, key: key, stack: stack, inputs: inputs,
		values:      map[string]cty.Value{},
		reasons:     map[string]string{},
		attrReasons: map[string]map[string]string{},
		paths:       map[string][]hcl.Traversal{},
		funcs:       ev.functions(),
	}
}

// run evaluates every object of the instance in dependency order and
// returns its outputs.
func (in *instance) run() {
	m := in.mod
	deps := map[string][]string{}
	nodes := map[string]hcl.Range{}
	addNode := func(key string, rng hcl.Range, refs []ref) {
		nodes[key] = rng
		seen := map[string]bool{}
		for _, rf := range refs {
			k, n := m.nodeKey(rf.trav)
			if k == "" {
				continue
			}
			if r := m.byKey[k]; r != nil {
				if p, ok := instancePath(r, rf, n); ok {
					in.paths[k] = append(in.paths[k], p)
				}
			}
			if !seen[k] {
				seen[k] = true
				deps[key] = append(deps[key], k)
			}
		}
	}
	for name, v := range m.vars {
		addNode("var."+name, v.decl.DefRange, nil)
	}
	for name, l := range m.locals {
		addNode("local."+name, l.attr.Range, l.refs)
	}
	for _, r := range m.resources {
		addNode(r.key(), r.decl.DefRange, r.refs)
	}
	for name, c := range m.calls {
		addNode("module."+name, c.decl.DefRange, c.refs)
	}
	for name, o := range m.outputs {
		addNode("output."+name, o.decl.DefRange, o.refs)
	}
	order, cycles := topoSort(nodes, deps)
	cyclic := map[string]string{}
	for _, c := range cycles {
		msg := "dependency cycle: " + strings.Join(append(c, c[0]), " → ")
		rng := nodes[c[0]]
		in.ev.diags = append(in.ev.diags, source.Errorf(rng.Filename, rng.Start.Line, "%s", msg))
		for _, k := range c {
			cyclic[k] = msg
		}
	}
	for _, k := range order {
		if in.ev.ctx.Err() != nil {
			return
		}
		if msg, ok := cyclic[k]; ok {
			in.values[k] = cty.DynamicVal
			in.reasons[k] = msg
			continue
		}
		in.evalNode(k)
	}
}

func (in *instance) evalNode(k string) {
	m := in.mod
	kind, name, _ := strings.Cut(k, ".")
	switch kind {
	case "var":
		v, reason := in.evalVariable(m.vars[name])
		in.set(k, v, reason)
	case "local":
		l := m.locals[name]
		v, reason := in.evalExpr(l.attr.Expr, in.scope(l.refs, nil), l.refs)
		in.set(k, v, reason)
	case "output":
		o := m.outputs[name]
		if o.attr == nil {
			in.set(k, cty.NullVal(cty.DynamicPseudoType), "")
			return
		}
		v, reason := in.evalExpr(o.attr.Expr, in.scope(o.refs, nil), o.refs)
		in.set(k, v, reason)
	case "module":
		in.evalCall(m.calls[name])
	default:
		in.evalResource(m.byKey[k])
	}
}

func (in *instance) set(k string, v cty.Value, reason string) {
	in.values[k] = v
	if reason != "" && !v.IsWhollyKnown() {
		in.reasons[k] = reason
	}
}

// evalExpr evaluates an expression; errors make the value unknown, with the
// error as the reason, and are reported as warnings.
func (in *instance) evalExpr(expr hcl.Expression, ectx *hcl.EvalContext, refs []ref) (cty.Value, string) {
	v, d := expr.Value(ectx)
	if d.HasErrors() {
		in.diagWarn(d, expr.Range().Filename)
		return cty.DynamicVal, diagText(d)
	}
	if v.ContainsMarked() {
		v, _ = v.UnmarkDeep()
	}
	if v.IsWhollyKnown() {
		return v, ""
	}
	r := in.reason(refs, ectx)
	if r == "" {
		r = unknownFuncReason(expr)
	}
	return v, r
}

// scope builds the evaluation context for an object from the values of
// the objects its references name. extra adds count, each and the like.
func (in *instance) scope(refs []ref, extra map[string]cty.Value) *hcl.EvalContext {
	vars := map[string]cty.Value{}
	ns := map[string]map[string]cty.Value{"var": {}, "local": {}, "module": {}}
	dataNS := map[string]map[string]cty.Value{}
	for _, rf := range refs {
		root := rf.trav.RootName()
		switch root {
		case "path":
			vars["path"] = cty.ObjectVal(map[string]cty.Value{
				"module": cty.StringVal(in.ev.relPath(in.mod.dir)), "root": cty.StringVal("."), "cwd": cty.StringVal("."),
			})
			continue
		case "terraform":
			vars["terraform"] = cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")})
			continue
		}
		k, _ := in.mod.nodeKey(rf.trav)
		if k == "" {
			continue
		}
		v, ok := in.values[k]
		if !ok {
			continue
		}
		parts := strings.Split(k, ".")
		switch {
		case root == "data":
			if dataNS[parts[1]] == nil {
				dataNS[parts[1]] = map[string]cty.Value{}
			}
			dataNS[parts[1]][parts[2]] = v
		default:
			if ns[parts[0]] == nil {
				ns[parts[0]] = map[string]cty.Value{}
			}
			ns[parts[0]][parts[1]] = v
		}
	}
	for root, m := range ns {
		vars[root] = cty.ObjectVal(m)
	}
	data := map[string]cty.Value{}
	for t, m := range dataNS {
		data[t] = cty.ObjectVal(m)
	}
	vars["data"] = cty.ObjectVal(data)
	for k, v := range extra {
		vars[k] = v
	}
	return &hcl.EvalContext{Variables: vars, Functions: in.funcs}
}

// reason explains why an expression with these references is not wholly
// known, naming the root cause: a variable without value, a computed
// attribute, a data source.
func (in *instance) reason(refs []ref, ectx *hcl.EvalContext) string {
	for _, rf := range refs {
		k, n := in.mod.nodeKey(rf.trav)
		if k == "" {
			continue
		}
		v, d := rf.trav.TraverseAbs(ectx)
		if d.HasErrors() || v.IsWhollyKnown() {
			continue
		}
		if r := in.reasons[k]; r != "" {
			return r
		}
		if strings.HasPrefix(k, "module.") && len(rf.trav) > n {
			step := rf.trav[n]
			if _, isIndex := step.(hcl.TraverseIndex); isIndex && len(rf.trav) > n+1 {
				step = rf.trav[n+1]
			}
			if a, ok := step.(hcl.TraverseAttr); ok {
				if r := in.reasons[k+"."+a.Name]; r != "" {
					return r
				}
			}
			continue
		}
		if r := in.mod.byKey[k]; r != nil {
			if p, ok := instancePath(r, rf, n); ok {
				if ar := in.attrReasons[k][pathKey(p)]; ar != "" {
					return ar
				}
			}
			if r.data {
				return travString(rf.trav) + " is read from the provider when Terraform runs"
			}
			return travString(rf.trav) + " is known only after apply"
		}
	}
	return ""
}

func (in *instance) warnf(file string, line int, format string, a ...any) {
	in.ev.diags = append(in.ev.diags, source.Warnf(file, line, format, a...))
}

// diagWarn reports HCL evaluation errors as warnings: the value they
// concern becomes unknown, which the verdicts show.
func (in *instance) diagWarn(d hcl.Diagnostics, file string) {
	in.ev.diags = append(in.ev.diags, fromHCL(d, file, source.Warning)...)
}

// diagText is the first error of d, for a reason.
func diagText(d hcl.Diagnostics) string {
	for _, e := range d {
		if e.Severity == hcl.DiagError {
			if e.Detail != "" {
				return e.Summary + ": " + e.Detail
			}
			return e.Summary
		}
	}
	return d.Error()
}
