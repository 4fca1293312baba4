package bicep

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/armjson"
	"github.com/aksguard/aksguard/source/armtemplate"
)

// Parameter values come from a .bicepparam file (param x = expr, evaluated
// in the template's deployment context) or a JSON deployment parameters
// file. Their lines mean nothing in the Bicep file, so values are relocated
// and then placed at the parameter's declaration, as the ARM evaluator does.

func (ev *evaluator) parameters(f *file, dep armtemplate.Deployment, lib *armtemplate.Library, opts Options) given {
	g := given{values: map[string]*armjson.Node{}, lines: map[string]int{}, input: opts.ParametersName}
	if g.input == "" {
		g.input = "parameters"
	}
	if opts.Parameters == nil {
		return g
	}
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(opts.Parameters, []byte("\xef\xbb\xbf")))
	if bytes.HasPrefix(trimmed, []byte("{")) {
		ev.jsonParameters(opts.Parameters, &g)
		return g
	}
	pf := ev.parse(g.input, opts.Parameters)
	if u := usingOf(pf); u != nil && u.path != "" && !isRegistry(u.path) {
		if want := resolvePath(g.input, u.path); !samePath(want, f.name) {
			ev.warn(g.input, u.p.Line, "the parameters file is for %s, not %s; its values are used anyway", u.path, f.name)
		}
	}
	ps := ev.newScope(pf, dep, lib, given{}, 0, marks{})
	for _, d := range pf.decls {
		pd, ok := d.(*paramDecl)
		if !ok {
			continue
		}
		if pd.value == nil {
			ev.warn(g.input, pd.p.Line, "parameter %q has no value", pd.name)
			continue
		}
		g.values[pd.name] = ev.relocate(ps.resolve(ps.params[pd.name]), 0)
		g.lines[pd.name] = pd.p.Line
	}
	return g
}

// samePath compares two slash paths, ignoring a leading "./".
func samePath(a, b string) bool {
	clean := func(p string) string { return strings.TrimPrefix(strings.ReplaceAll(p, "\\", "/"), "./") }
	return clean(a) == clean(b)
}

// jsonParameters reads {"parameters": {"x": {"value": v}}} or, as the Azure
// CLI also accepts, the inner object alone.
func (ev *evaluator) jsonParameters(data []byte, g *given) {
	n, err := armjson.Parse(data)
	if err != nil {
		d := source.Errorf(g.input, 0, "malformed JSON: %v", err)
		var se *armjson.SyntaxError
		if errors.As(err, &se) {
			d.Line, d.Column, d.Message = se.Line, se.Column, "malformed JSON: "+se.Msg
		}
		ev.add(d)
		return
	}
	if n.Kind != armjson.Object {
		ev.add(source.Errorf(g.input, n.Line, "a parameters file must be a JSON object, not %s", kindName(n)))
		return
	}
	ps := n
	if p := n.Get("parameters"); p != nil && (n.Get("$schema") != nil || n.Get("contentVersion") != nil || len(n.Fields) == 1) {
		ps = p
	}
	if ps.Kind != armjson.Object {
		ev.add(source.Errorf(g.input, ps.Line, "the parameters must be an object, not %s", kindName(ps)))
		return
	}
	for _, f := range ps.Fields {
		if strings.HasPrefix(f.Key, "$") || strings.EqualFold(f.Key, "contentVersion") {
			continue
		}
		g.lines[f.Key] = f.Line
		v := f.Value
		switch {
		case v.Kind == armjson.Object && v.Get("value") != nil:
			g.values[f.Key] = ev.relocate(v.Get("value"), 0)
		case v.Kind == armjson.Object && v.Get("reference") != nil:
			g.values[f.Key] = armjson.UnknownNode(0, fmt.Sprintf("parameter %q is a Key Vault reference, resolved at deployment", f.Key))
		default:
			ev.warn(g.input, f.Line, "parameter %q has neither a value nor a reference; it is ignored", f.Key)
		}
	}
}
