package terraform

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/aksguard/aksguard/source"
)

// assignment is a value given to a root module variable from outside the
// configuration: a tfvars file, -var, or the environment.
type assignment struct {
	val cty.Value
	// raw is set for -var and TF_VAR_ values, which are strings that
	// Terraform parses according to the variable's type.
	raw   string
	isRaw bool
	from  string // "terraform.tfvars:3", "-var", "TF_VAR_region"
}

// rootAssignments collects the root variable values in Terraform's order
// of precedence, later ones winning: TF_VAR_ environment variables,
// terraform.tfvars, terraform.tfvars.json, *.auto.tfvars and
// *.auto.tfvars.json in lexical order of their names, then the -var-file
// files and finally the -var values.
func rootAssignments(fsys files, dir string, names []string, opts Options) (map[string]assignment, source.Diagnostics) {
	out := map[string]assignment{}
	var diags source.Diagnostics
	env := append([]string(nil), opts.Env...)
	sort.Strings(env)
	for _, kv := range env {
		k, v, ok := strings.Cut(kv, "=")
		if name, isVar := strings.CutPrefix(k, "TF_VAR_"); ok && isVar && name != "" {
			out[name] = assignment{raw: v, isRaw: true, from: k}
		}
	}
	var auto []string
	present := map[string]bool{}
	for _, n := range names {
		present[n] = true
		if strings.HasSuffix(n, ".auto.tfvars") || strings.HasSuffix(n, ".auto.tfvars.json") {
			auto = append(auto, n)
		}
	}
	sort.Strings(auto)
	files := []string{}
	for _, n := range append([]string{"terraform.tfvars", "terraform.tfvars.json"}, auto...) {
		if present[n] {
			files = append(files, fsys.join(dir, n))
		}
	}
	for _, p := range files {
		diags = append(diags, readVarFile(fsys, p, out)...)
	}
	for _, p := range opts.VarFiles {
		if !fsys.exists(p) {
			diags = append(diags, source.Errorf(p, 0, "variables file given with --var-file does not exist"))
			continue
		}
		diags = append(diags, readVarFile(fsys, p, out)...)
	}
	for _, name := range sortedKeys(opts.Vars) {
		out[name] = assignment{raw: opts.Vars[name], isRaw: true, from: "--var " + name}
	}
	return out, diags
}

// readVarFile reads a tfvars (HCL) or tfvars.json file into out.
func readVarFile(fsys files, name string, out map[string]assignment) source.Diagnostics {
	src, err := fsys.readFile(name)
	if err != nil {
		return source.Diagnostics{source.Errorf(name, 0, "%v", err)}
	}
	var f *hcl.File
	var hd hcl.Diagnostics
	if strings.HasSuffix(name, ".json") {
		f, hd = hcljson.Parse(src, name)
	} else {
		f, hd = hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	}
	if hd.HasErrors() {
		return fromHCL(hd, name, source.Error)
	}
	attrs, hd := f.Body.JustAttributes()
	diags := fromHCL(hd, name, source.Error)
	for _, a := range sortedAttrs(attrs) {
		v, hd := a.Expr.Value(nil)
		if hd.HasErrors() {
			diags = append(diags, fromHCL(hd, name, source.Error)...)
			continue
		}
		out[a.Name] = assignment{val: v, from: fmt.Sprintf("%s:%d", name, a.Range.Start.Line)}
	}
	return diags
}

// varType returns a variable's type constraint, its optional() defaults and
// whether values given as strings (-var, TF_VAR_) are parsed as HCL: they
// are for every type but the primitive ones, as in Terraform.
func varType(v *variable) (cty.Type, *typeexpr.Defaults, bool, hcl.Diagnostics) {
	if v.typeExpr == nil {
		return cty.DynamicPseudoType, nil, false, nil
	}
	expr := v.typeExpr
	// In .tf.json the type is a string holding the type expression.
	if _, native := expr.(hclsyntax.Expression); !native {
		if s, d := expr.Value(nil); !d.HasErrors() && s.Type() == cty.String && s.IsKnown() && !s.IsNull() {
			e, d := hclsyntax.ParseExpression([]byte(s.AsString()), expr.Range().Filename, expr.Range().Start)
			if d.HasErrors() {
				return cty.DynamicPseudoType, nil, false, d
			}
			expr = e
		}
	}
	// Terraform still accepts the pre-0.12 bare "list" and "map".
	switch hcl.ExprAsKeyword(expr) {
	case "list":
		return cty.List(cty.DynamicPseudoType), nil, true, nil
	case "map":
		return cty.Map(cty.DynamicPseudoType), nil, true, nil
	}
	ty, defs, d := typeexpr.TypeConstraintWithDefaults(expr)
	if d.HasErrors() {
		return cty.DynamicPseudoType, nil, false, d
	}
	return ty, defs, !ty.IsPrimitiveType(), nil
}

// evalVariable gives variable v its value in this module instance: the
// caller's argument (or, at the root, the assignment from outside), else
// the default; with optional() defaults applied and converted to the type
// constraint. A variable left without value is unknown, with the reason.
func (in *instance) evalVariable(v *variable) (cty.Value, string) {
	file := v.decl.DefRange.Filename
	line := v.decl.DefRange.Start.Line
	ty, defs, parseHCL, d := varType(v)
	if d.HasErrors() {
		in.diagWarn(d, file)
	}
	var val cty.Value
	have := false
	reason := ""
	if in.inputs != nil {
		if a, ok := in.inputs[v.name]; ok {
			val, have, reason = a.val, true, a.reason
		}
	} else if a, ok := in.ev.assign[v.name]; ok {
		have = true
		val = a.val
		if a.isRaw {
			val = cty.StringVal(a.raw)
			if parseHCL {
				e, d := hclsyntax.ParseExpression([]byte(a.raw), a.from, hcl.InitialPos)
				if !d.HasErrors() {
					val, d = e.Value(nil)
				}
				if d.HasErrors() {
					in.ev.diags = append(in.ev.diags, source.Errorf(file, line, "variable %q: the value from %s is not valid: %s", v.name, a.from, diagText(d)))
					return cty.UnknownVal(ty), fmt.Sprintf("var.%s: the value from %s is not valid", v.name, a.from)
				}
			}
		}
	}
	if have && val.IsNull() && v.nullable != nil {
		if nv, d := v.nullable.Value(nil); !d.HasErrors() && nv.Type() == cty.Bool && nv.IsKnown() && !nv.IsNull() && nv.False() {
			have = false
		}
	}
	if !have {
		if v.def == nil {
			if in.inputs != nil {
				in.warnf(file, line, "module %s: required variable %q is not set by the module call", strings.TrimSuffix(in.addr, "."), v.name)
				return cty.UnknownVal(ty), fmt.Sprintf("var.%s is not set by the call of %s", v.name, strings.TrimSuffix(in.addr, "."))
			}
			return cty.UnknownVal(ty), fmt.Sprintf("var.%s has no value: it has no default and is not set by a tfvars file, --var or TF_VAR_%s", v.name, v.name)
		}
		var d hcl.Diagnostics
		val, d = v.def.Value(nil)
		if d.HasErrors() {
			in.diagWarn(d, file)
			return cty.UnknownVal(ty), fmt.Sprintf("var.%s: its default is not valid", v.name)
		}
	}
	val, _ = val.UnmarkDeep()
	if defs != nil {
		val = defs.Apply(val)
	}
	cv, err := convert.Convert(val, ty)
	if err != nil {
		in.ev.diags = append(in.ev.diags, source.Errorf(file, line, "variable %q: value is not of type %s: %v", v.name, typeexpr.TypeString(ty), err))
		return cty.UnknownVal(ty), fmt.Sprintf("var.%s: value is not of its type", v.name)
	}
	return cv, reason
}
