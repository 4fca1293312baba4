package tfplan

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"

	"github.com/aksguard/aksguard/source/azurerm"
)

// modInst is a module instance seen through the configuration: its
// address, its configuration and the call that made it, so that var
// references can be followed to the caller's arguments.
type modInst struct {
	addr   string // "", `module.aks["prod"]`
	cfg    *tfjson.ConfigModule
	parent *modInst
	call   *tfjson.ModuleCall
}

// moduleInstance returns the module instance at addr, or nil when the
// plan has no configuration for it.
func (pl *plan) moduleInstance(addr string) *modInst {
	if pl.p.Config == nil || pl.p.Config.RootModule == nil {
		return nil
	}
	mi := &modInst{cfg: pl.p.Config.RootModule}
	if addr == "" {
		return mi
	}
	t, d := hclsyntax.ParseTraversalAbs([]byte(addr), "", hcl.InitialPos)
	if d.HasErrors() {
		return nil
	}
	for i := 0; i < len(t); {
		if name(t[i]) != "module" || i+1 >= len(t) {
			return nil
		}
		callName := name(t[i+1])
		call := mi.cfg.ModuleCalls[callName]
		if call == nil || call.Module == nil {
			return nil
		}
		seg := "module." + callName
		i += 2
		if i < len(t) {
			if ix, ok := t[i].(hcl.TraverseIndex); ok {
				seg += indexString(ix.Key)
				i++
			}
		}
		a := seg
		if mi.addr != "" {
			a = mi.addr + "." + seg
		}
		mi = &modInst{addr: a, cfg: call.Module, parent: mi, call: call}
	}
	return mi
}

// configResource finds the configuration of a planned instance.
func (pl *plan) configResource(in *instance) *tfjson.ConfigResource {
	mi := pl.moduleInstance(in.module)
	if mi == nil {
		return nil
	}
	mode := tfjson.ManagedResourceMode
	if in.data {
		mode = tfjson.DataResourceMode
	}
	for _, r := range mi.cfg.Resources {
		if r != nil && r.Type == in.typ && r.Name == in.name && r.Mode == mode {
			return r
		}
	}
	return nil
}

// exprRefs returns the references of an expression that are not merely
// the containers of others: for `azurerm_firewall.hub.ip_configuration[0].private_ip_address`
// Terraform lists the full reference and each shorter prefix of it; only
// the full one is kept.
func exprRefs(e *tfjson.Expression) []string {
	if e == nil || e.ExpressionData == nil {
		return nil
	}
	var out []string
	for _, r := range e.References {
		contained := false
		for _, o := range e.References {
			if len(o) > len(r) && strings.HasPrefix(o, r) && (o[len(r)] == '.' || o[len(r)] == '[') {
				contained = true
				break
			}
		}
		if !contained {
			out = append(out, r)
		}
	}
	return out
}

// maxHops bounds how far references are followed through module inputs
// and outputs.
const maxHops = 32

// resolveExpr returns the value an expression that the plan does not know
// stands for when it is a single reference to an ID or to an attribute of
// the scheme in package azurerm (see doc.go), following module inputs and
// outputs.
func (pl *plan) resolveExpr(e *tfjson.Expression, mi *modInst, hops int) (string, bool) {
	if e == nil || e.ExpressionData == nil || mi == nil || hops > maxHops {
		return "", false
	}
	if s, ok := e.ConstantValue.(string); ok {
		return s, true
	}
	refs := exprRefs(e)
	if len(refs) != 1 {
		return "", false
	}
	return pl.resolveRef(refs[0], mi, hops+1)
}

func (pl *plan) resolveRef(ref string, mi *modInst, hops int) (string, bool) {
	t, d := hclsyntax.ParseTraversalAbs([]byte(ref), "", hcl.InitialPos)
	if d.HasErrors() || len(t) < 2 {
		return "", false
	}
	switch t.RootName() {
	case "var":
		if mi.call == nil {
			return "", false
		}
		return pl.resolveExpr(mi.call.Expressions[name(t[1])], mi.parent, hops)
	case "module":
		call := mi.cfg.ModuleCalls[name(t[1])]
		if call == nil || call.Module == nil {
			return "", false
		}
		seg := "module." + name(t[1])
		rest := t[2:]
		if len(rest) > 0 {
			if ix, ok := rest[0].(hcl.TraverseIndex); ok {
				seg += indexString(ix.Key)
				rest = rest[1:]
			}
		} else {
			return "", false
		}
		if seg == "module."+name(t[1]) && (call.CountExpression != nil || call.ForEachExpression != nil) {
			return "", false
		}
		if len(rest) != 1 {
			return "", false
		}
		out := call.Module.Outputs[name(rest[0])]
		if out == nil {
			return "", false
		}
		addr := seg
		if mi.addr != "" {
			addr = mi.addr + "." + seg
		}
		return pl.resolveExpr(out.Expression, &modInst{addr: addr, cfg: call.Module, parent: mi, call: call}, hops)
	case "local", "each", "count", "path", "self", "terraform":
		return "", false
	}
	// A resource or data source of this module.
	addr := ""
	if mi.addr != "" {
		addr = mi.addr + "."
	}
	steps := t
	if t.RootName() == "data" {
		if len(t) < 3 {
			return "", false
		}
		addr += "data."
		steps = t[1:]
		addr += name(steps[0]) + "." + name(steps[1])
	} else {
		addr += t.RootName() + "." + name(t[1])
	}
	rest := steps[2:]
	if len(rest) > 0 {
		if ix, ok := rest[0].(hcl.TraverseIndex); ok {
			addr += indexString(ix.Key)
			rest = rest[1:]
		}
	}
	in := pl.instances[addr]
	if in == nil || len(rest) == 0 {
		return "", false
	}
	pl.resolve(in)
	path := pathString(rest)
	if v, ok := lookup(in.values, rest); ok {
		return v, true
	}
	// Scoped by the plan, as the adapter scopes them (azurerm.ScopedAddress).
	scoped := azurerm.ScopedAddress(pl.name, in.addr)
	if path == "id" {
		return pl.syntheticID(in.typ, scoped, in.values), true
	}
	return azurerm.SyntheticAttr(in.typ, scoped, in.values, path)
}

// syntheticID is azurerm.SyntheticID in the plan's subscription when the
// plan shows which it is: resources that exist have their real IDs in the
// plan, and the new ones beside them must share their subscription for
// scopes (a lock on the resource group, a Defender plan) to cover them.
func (pl *plan) syntheticID(typ, addr string, v cty.Value) string {
	id := azurerm.SyntheticID(typ, addr, v)
	if pl.sub == "" {
		return id
	}
	const prefix = "/subscriptions/" + azurerm.PlaceholderSubscription
	if rest, ok := strings.CutPrefix(id, prefix); ok {
		return "/subscriptions/" + pl.sub + rest
	}
	return id
}

// subscription returns the subscription the plan is made for: the one
// data.azurerm_client_config or data.azurerm_subscription reports, else the
// one every known ARM ID in the planned values shares; "" when neither
// says.
func (pl *plan) subscription() string {
	for _, in := range pl.order {
		if in.data && (in.typ == "azurerm_client_config" || in.typ == "azurerm_subscription") {
			if s, ok := lookup(in.values, hcl.Traversal{hcl.TraverseAttr{Name: "subscription_id"}}); ok && s != "" {
				return s
			}
		}
	}
	seen := ""
	for _, in := range pl.order {
		id, ok := lookup(in.values, hcl.Traversal{hcl.TraverseAttr{Name: "id"}})
		if !ok || !strings.HasPrefix(strings.ToLower(id), "/subscriptions/") {
			continue
		}
		s, _, _ := strings.Cut(id[len("/subscriptions/"):], "/")
		switch {
		case seen == "":
			seen = s
		case !strings.EqualFold(seen, s):
			return ""
		}
	}
	return seen
}

// lookup returns the known string at the steps of v.
func lookup(v cty.Value, steps hcl.Traversal) (string, bool) {
	for _, s := range steps {
		if !v.IsKnown() || v.IsNull() {
			return "", false
		}
		switch s := s.(type) {
		case hcl.TraverseAttr:
			if !v.Type().IsObjectType() || !v.Type().HasAttribute(s.Name) {
				return "", false
			}
			v = v.GetAttr(s.Name)
		case hcl.TraverseIndex:
			ty := v.Type()
			if !(ty.IsTupleType() || ty.IsListType()) || s.Key.Type() != cty.Number {
				return "", false
			}
			i, acc := s.Key.AsBigFloat().Int64()
			if acc != 0 || i < 0 || i >= int64(v.LengthInt()) {
				return "", false
			}
			v = v.Index(cty.NumberIntVal(i))
		default:
			return "", false
		}
	}
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return "", false
	}
	return v.AsString(), true
}

func name(s hcl.Traverser) string {
	switch s := s.(type) {
	case hcl.TraverseRoot:
		return s.Name
	case hcl.TraverseAttr:
		return s.Name
	}
	return ""
}

// pathString renders steps in traversal syntax: ip_configuration[0].private_ip_address.
func pathString(t hcl.Traversal) string {
	var b strings.Builder
	for _, s := range t {
		switch s := s.(type) {
		case hcl.TraverseAttr:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s.Name)
		case hcl.TraverseIndex:
			b.WriteString(indexString(s.Key))
		}
	}
	return b.String()
}

func indexString(k cty.Value) string {
	if !k.IsKnown() || k.IsNull() {
		return "[?]"
	}
	switch k.Type() {
	case cty.Number:
		return "[" + k.AsBigFloat().Text('f', -1) + "]"
	case cty.String:
		return "[" + strconvQuote(k.AsString()) + "]"
	}
	return "[?]"
}
