package tfplan

import (
	"bytes"
	"encoding/json"
	"errors"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"

	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/armjson"
	"github.com/aksguard/aksguard/source/azurerm"
)

// Looks reports whether data is the JSON form of a Terraform plan
// (`terraform show -json plan.out`): an object with format_version and
// planned_values, or with terraform_version and resource_changes.
func Looks(data []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(t) == 0 || t[0] != '{' || !bytes.Contains(t, []byte(`"format_version"`)) {
		return false
	}
	if !bytes.Contains(t, []byte(`"planned_values"`)) && !bytes.Contains(t, []byte(`"resource_changes"`)) {
		return false
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(t, &top) != nil {
		// Broken, but a plan by its marks: Read says what is wrong.
		return true
	}
	_, fv := top["format_version"]
	_, pv := top["planned_values"]
	_, tv := top["terraform_version"]
	_, rc := top["resource_changes"]
	return fv && (pv || (tv && rc))
}

// Read reads a plan in its JSON form and adapts the azurerm and kubernetes
// resources it plans into the estate. name is the input as the user gave it.
func Read(name string, data []byte) source.Result {
	rs, diags := Resources(name, data)
	res := azurerm.Adapt(rs)
	res.Diagnostics = append(diags, res.Diagnostics...)
	return res
}

// Resources returns the planned resource instances of the azurerm and
// kubernetes providers, in address order, with the diagnostics.
func Resources(name string, data []byte) ([]azurerm.Resource, source.Diagnostics) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	tree, err := armjson.Parse(data)
	if err != nil {
		var se *armjson.SyntaxError
		if errors.As(err, &se) {
			return nil, source.Diagnostics{{Severity: source.Error, Input: name, Line: se.Line, Column: se.Column,
				Message: "the Terraform plan is not valid JSON: " + se.Msg}}
		}
		return nil, source.Diagnostics{source.Errorf(name, 0, "the Terraform plan is not valid JSON: %v", err)}
	}
	var p tfjson.Plan
	p.UseJSONNumber(true)
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, source.Diagnostics{source.Errorf(name, 1, "not a Terraform plan this version of aksguard reads: %v", err)}
	}
	pl := &plan{
		name:      name,
		p:         &p,
		instances: map[string]*instance{},
		changes:   map[string]*tfjson.ResourceChange{},
	}
	for _, rc := range p.ResourceChanges {
		if rc != nil && rc.Change != nil {
			pl.changes[rc.Address] = rc
		}
	}
	if p.PlannedValues == nil || p.PlannedValues.RootModule == nil {
		return nil, source.Diagnostics{source.Warnf(name, 1, "the plan has no planned_values: nothing to scan")}
	}
	pl.collect(p.PlannedValues.RootModule, tree.Path("planned_values.root_module"))
	pl.sub = pl.subscription()
	var out []azurerm.Resource
	for _, in := range pl.order {
		if in.data || !emitted(in.typ) {
			continue
		}
		pl.resolve(in)
		out = append(out, azurerm.Resource{
			Address: in.addr, Config: pl.name, Type: in.typ, File: pl.name, Line: lineOf(in.node),
			Values: in.values, Attrs: in.attrs,
		})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Address < out[j].Address })
	return out, pl.diags
}

// emitted says which resource types are handed to the adapter.
func emitted(typ string) bool {
	return strings.HasPrefix(typ, "azurerm_") || strings.HasPrefix(typ, "kubernetes_")
}

// plan is a plan being read.
type plan struct {
	name      string
	p         *tfjson.Plan
	instances map[string]*instance // planned resource instances by address
	order     []*instance
	changes   map[string]*tfjson.ResourceChange
	diags     source.Diagnostics
	// sub is the subscription the plan shows it is made for, or "".
	sub string
}

// instance is one planned resource instance.
type instance struct {
	addr   string
	module string // the module instance address: "", `module.aks["prod"]`
	typ    string
	name   string
	data   bool
	values cty.Value
	node   *armjson.Node // the resource object in planned_values, for lines
	attrs  map[string]azurerm.AttrInfo
	state  uint8 // 0: as planned, 1: being resolved, 2: resolved
}

// collect records the resource instances of a planned module and its
// children. node is the module's object in the plan, for lines.
func (pl *plan) collect(m *tfjson.StateModule, node *armjson.Node) {
	for i, r := range m.Resources {
		if r == nil {
			continue
		}
		var rn *armjson.Node
		if rs := node.Get("resources"); rs != nil && i < len(rs.Items) {
			rn = rs.Items[i]
		}
		in := &instance{
			addr: r.Address, module: m.Address, typ: r.Type, name: r.Name,
			data: r.Mode == tfjson.DataResourceMode, node: rn,
		}
		v := toCty(map[string]any(r.AttributeValues))
		if rc := pl.changes[r.Address]; rc != nil {
			v = withUnknown(v, rc.Change.AfterUnknown)
		}
		in.values = v
		pl.instances[in.addr] = in
		pl.order = append(pl.order, in)
	}
	for i, c := range m.ChildModules {
		if c == nil {
			continue
		}
		var cn *armjson.Node
		if cs := node.Get("child_modules"); cs != nil && i < len(cs.Items) {
			cn = cs.Items[i]
		}
		pl.collect(c, cn)
	}
}

// resolve completes a planned instance once: the unknown attributes that
// reference other resources get those resources' stand-ins, an unknown id
// gets the instance's synthetic ID, and every attribute and block gets its
// line in the plan file. Resolving an instance resolves the instances its
// references lead to first, so that IDs built from resolved attributes (a
// node pool's, from its cluster's) agree; a reference cycle keeps the
// planned values.
func (pl *plan) resolve(in *instance) {
	if in.state != 0 {
		return
	}
	in.state = 1
	in.attrs = map[string]azurerm.AttrInfo{}
	var vals *armjson.Node
	if in.node != nil {
		vals = in.node.Get("values")
	}
	cfg := pl.configResource(in)
	mi := pl.moduleInstance(in.module)
	v := pl.attrs(in.values, vals, cfgExprs(cfg), mi, "", lineOf(in.node), in.attrs)
	if _, known := lookup(v, hcl.Traversal{hcl.TraverseAttr{Name: "id"}}); !known && v.Type().IsObjectType() {
		if id := pl.syntheticID(in.typ, azurerm.ScopedAddress(pl.name, in.addr), v); id != "" {
			m := v.AsValueMap()
			if m == nil {
				m = map[string]cty.Value{}
			}
			m["id"] = cty.StringVal(id)
			v = cty.ObjectVal(m)
		}
	}
	in.values = v
	in.state = 2
}

func lineOf(n *armjson.Node) int {
	if n == nil {
		return 0
	}
	return n.Line
}

// attrs walks an object of planned values with the plan's nodes (for
// lines) and the configuration's expressions (for references), records an
// AttrInfo per attribute and block, and returns the object with unknown
// references resolved.
func (pl *plan) attrs(v cty.Value, node *armjson.Node, exprs map[string]*tfjson.Expression, mi *modInst, path string, line int, out map[string]azurerm.AttrInfo) cty.Value {
	if !v.IsKnown() || v.IsNull() || !v.Type().IsObjectType() {
		return v
	}
	m := v.AsValueMap()
	for _, k := range sortedKeys(m) {
		a := m[k]
		p := k
		if path != "" {
			p = path + "." + k
		}
		var an *armjson.Node
		aline := line
		if node != nil {
			for _, f := range node.Fields {
				if f.Key == k {
					an, aline = f.Value, f.Line
				}
			}
		}
		expr := exprs[k]
		// Nested blocks are lists of objects; their configuration, when the
		// plan has it, is a list of blocks of expressions.
		if isBlockList(a) {
			var nested []map[string]*tfjson.Expression
			if expr != nil && expr.ExpressionData != nil && len(expr.NestedBlocks) == a.LengthInt() {
				nested = expr.NestedBlocks
			}
			elems := a.AsValueSlice()
			for i := range elems {
				var en *armjson.Node
				eline := aline
				if an != nil && i < len(an.Items) {
					en, eline = an.Items[i], an.Items[i].Line
				}
				var ex map[string]*tfjson.Expression
				if nested != nil {
					ex = nested[i]
				}
				bp := p + "." + itoa(i)
				out[bp] = azurerm.AttrInfo{Line: eline}
				elems[i] = pl.attrs(elems[i], en, ex, mi, bp, eline, out)
			}
			m[k] = cty.TupleVal(elems)
			out[p] = azurerm.AttrInfo{Line: aline}
			continue
		}
		info := azurerm.AttrInfo{Line: aline}
		if !a.IsWhollyKnown() {
			refs := exprRefs(expr)
			info.Expr = strings.Join(refs, ", ")
			if s, ok := pl.resolveExpr(expr, mi, 0); ok && !a.IsKnown() {
				m[k] = cty.StringVal(s)
			} else if len(refs) > 0 {
				info.Reason = "known only after apply: it depends on " + strings.Join(refs, ", ")
			} else {
				info.Reason = "known only after apply"
			}
		}
		out[p] = info
	}
	return cty.ObjectVal(m)
}

// isBlockList reports whether v is a non-empty list of objects: nested
// blocks in plan JSON.
func isBlockList(v cty.Value) bool {
	if !v.IsKnown() || v.IsNull() || !(v.Type().IsTupleType() || v.Type().IsListType()) || v.LengthInt() == 0 {
		return false
	}
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if !e.IsKnown() || e.IsNull() || !e.Type().IsObjectType() {
			return false
		}
	}
	return true
}

// cfgExprs returns the expressions of a configuration resource, or nil.
func cfgExprs(r *tfjson.ConfigResource) map[string]*tfjson.Expression {
	if r == nil {
		return nil
	}
	return r.Expressions
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
