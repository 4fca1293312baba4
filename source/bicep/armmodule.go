package bicep

import (
	"encoding/json"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source/armjson"
	"github.com/aksguard/aksguard/source/armtemplate"
)

// A module may be an ARM JSON template (module x './tmpl.json'). It is
// evaluated by the ARM evaluator at the module's target, with the known
// parameter values written as a parameters file; a value that is not known
// is left out, so the template's default or its own Unknown applies. Its
// resources keep the JSON file as their location; its outputs are Unknown,
// as the ARM evaluator does not compute them.

// armModule evaluates the JSON template at path for module instance mi.
func (s *scope) armModule(mi *modInst, path string) {
	d := mi.decl.d
	data, err := s.ev.readFile(path)
	if err != nil {
		s.ev.errorf(s.name, d.pathPos, "module %s (%s) not scanned: %v", d.name, d.path, err)
		return
	}
	if !armtemplate.IsTemplate(data) {
		s.ev.errorf(s.name, d.pathPos, "module %s (%s) not scanned: it is neither Bicep nor an ARM deployment template", d.name, d.path)
		return
	}
	dep := s.dep
	if sp := mi.body.get("scope"); sp != nil {
		if t, ok := scopeOfID(s.scopeOf(sp, mi.env, "module "+d.name), dep); ok {
			dep = t
		}
	}
	opts := armtemplate.Options{
		SubscriptionID: dep.SubscriptionID, ResourceGroup: dep.ResourceGroup, Location: dep.Location,
		TenantID: dep.TenantID, ManagementGroup: dep.ManagementGroup, DeploymentName: d.name,
		ParametersName: s.name,
	}
	if n, ok := nameString(s.moduleName(mi)); ok {
		opts.DeploymentName = n
	}
	if pp := mi.body.get("params"); pp != nil {
		params := map[string]any{}
		if v := s.eval(pp.value, mi.env); v.Kind == armjson.Object {
			for _, f := range v.Fields {
				if plain, ok := known(f.Value); ok {
					params[f.Key] = map[string]any{"value": plain}
				}
			}
		}
		opts.Parameters, _ = json.Marshal(map[string]any{"parameters": params})
	}
	nodes, diags := armtemplate.Evaluate(path, data, opts)
	s.ev.diags = append(s.ev.diags, diags...)
	ign := append(append([]estate.InlineIgnore(nil), s.inherited...), mi.decl.ignores...)
	for _, n := range nodes {
		s.ev.out = append(s.ev.out, armjson.Resource{Node: n, File: path, Source: estate.SourceARM, Ignores: ign})
	}
}

// known returns a value as plain Go values for JSON, and false when any
// part of it is Unknown.
func known(n *armjson.Node) (any, bool) {
	switch n.Kind {
	case armjson.Unknown:
		return nil, false
	case armjson.Array:
		out := make([]any, len(n.Items))
		for i, it := range n.Items {
			v, ok := known(it)
			if !ok {
				return nil, false
			}
			out[i] = v
		}
		return out, true
	case armjson.Object:
		out := make(map[string]any, len(n.Fields))
		for _, f := range n.Fields {
			v, ok := known(f.Value)
			if !ok {
				return nil, false
			}
			out[f.Key] = v
		}
		return out, true
	case armjson.Number:
		return json.Number(n.Num), true
	}
	return n.Interface(), true
}
