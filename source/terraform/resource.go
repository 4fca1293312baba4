package terraform

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source/azurerm"
)

// instKey is one instance of an object with count or for_each: its address
// suffix and the count/each values its expressions see.
type instKey struct {
	key   cty.Value // number for count, string for for_each
	keyed bool      // false for the single instance of an object without either
	extra map[string]cty.Value
}

// expand evaluates count and for_each. ok is false, with the reason, when
// they cannot be known before apply: then no instance can be named.
func (in *instance) expand(count, forEach hcl.Expression, ectx *hcl.EvalContext, what string) (keys []instKey, ok bool, reason string) {
	switch {
	case count != nil:
		v, d := count.Value(ectx)
		if d.HasErrors() {
			in.diagWarn(d, count.Range().Filename)
			return nil, false, "count: " + diagText(d)
		}
		v, _ = v.UnmarkDeep()
		if !v.IsKnown() {
			return nil, false, "count of " + what + " is not known before apply: " + in.reason(exprRefs(count), ectx)
		}
		if v.IsNull() || v.Type() != cty.Number {
			in.warnf(count.Range().Filename, count.Range().Start.Line, "count of %s must be a whole number", what)
			return nil, false, "count of " + what + " is not a number"
		}
		n, acc := v.AsBigFloat().Int64()
		if acc != 0 || n < 0 || n > 1<<16 {
			in.warnf(count.Range().Filename, count.Range().Start.Line, "count of %s must be a whole number between 0 and 65536", what)
			return nil, false, "count of " + what + " is not a valid number"
		}
		for i := range n {
			k := cty.NumberIntVal(i)
			keys = append(keys, instKey{key: k, keyed: true, extra: map[string]cty.Value{
				"count": cty.ObjectVal(map[string]cty.Value{"index": k}),
			}})
		}
		return keys, true, ""
	case forEach != nil:
		v, d := forEach.Value(ectx)
		if d.HasErrors() {
			in.diagWarn(d, forEach.Range().Filename)
			return nil, false, "for_each: " + diagText(d)
		}
		v, _ = v.UnmarkDeep()
		if !v.IsKnown() || (v.Type().IsSetType() && !v.IsWhollyKnown()) {
			return nil, false, "for_each of " + what + " is not known before apply: " + in.reason(exprRefs(forEach), ectx)
		}
		ty := v.Type()
		if v.IsNull() || !(ty.IsMapType() || ty.IsObjectType() || (ty.IsSetType() && ty.ElementType() == cty.String)) {
			in.warnf(forEach.Range().Filename, forEach.Range().Start.Line,
				"for_each of %s must be a map, or a set of strings (use toset() for a list)", what)
			return nil, false, "for_each of " + what + " is not a map or a set of strings"
		}
		for it := v.ElementIterator(); it.Next(); {
			k, ev := it.Element()
			if ty.IsSetType() {
				k = ev
			}
			if !k.IsKnown() || k.IsNull() {
				return nil, false, "for_each of " + what + " has keys not known before apply"
			}
			keys = append(keys, instKey{key: k, keyed: true, extra: map[string]cty.Value{
				"each": cty.ObjectVal(map[string]cty.Value{"key": k, "value": ev}),
			}})
		}
		return keys, true, ""
	}
	return []instKey{{}}, true, ""
}

// collect gathers instance values as references see them: the value for a
// single instance, a tuple with count, an object with for_each.
func collect(count, forEach hcl.Expression, keys []instKey, vals []cty.Value) cty.Value {
	switch {
	case count != nil:
		if len(vals) == 0 {
			return cty.EmptyTupleVal
		}
		return cty.TupleVal(vals)
	case forEach != nil:
		m := make(map[string]cty.Value, len(vals))
		for i, k := range keys {
			m[k.key.AsString()] = vals[i]
		}
		return cty.ObjectVal(m)
	}
	if len(vals) == 0 {
		return cty.DynamicVal
	}
	return vals[0]
}

// emitted says which resource types are handed to the adapter: the azurerm
// and kubernetes providers' (data sources are never: they describe
// resources managed elsewhere).
func emitted(typ string) bool {
	return strings.HasPrefix(typ, "azurerm_") || strings.HasPrefix(typ, "kubernetes_")
}

// evalResource expands and evaluates a resource or data block.
func (in *instance) evalResource(r *resource) {
	k := r.key()
	base := in.scope(r.refs, nil)
	what := in.addr + k
	keys, ok, reason := in.expand(r.count, r.forEach, base, what)
	if !ok {
		in.values[k] = cty.DynamicVal
		in.reasons[k] = reason
		if !r.data && emitted(r.typ) {
			in.warnf(r.file, r.decl.DefRange.Start.Line, "%s: instances not scanned: %s", what, reason)
		}
		return
	}
	f := in.mod.files[r.file]
	var byLine map[int][]lineIgnore
	for _, ig := range in.mod.ignores[r.file] {
		if byLine == nil {
			byLine = map[int][]lineIgnore{}
		}
		byLine[ig.line] = append(byLine[ig.line], ig)
	}
	vals := make([]cty.Value, 0, len(keys))
	for _, ik := range keys {
		ectx := base
		if ik.extra != nil {
			ectx = base.NewChild()
			ectx.Variables = ik.extra
		}
		addr := in.addr
		if r.data {
			addr += "data."
		}
		addr += r.typ + "." + r.name
		if ik.keyed {
			addr += indexString(ik.key)
		}
		br := &bodyReader{in: in, file: r.file, src: f.Bytes, attrs: map[string]azurerm.AttrInfo{}, byLine: byLine}
		line := r.decl.DefRange.Start.Line
		for _, ig := range byLine[line] {
			br.ignores = append(br.ignores, estate.InlineIgnore{Rule: ig.rule, Reason: ig.reason, Loc: estate.Loc{File: r.file, Line: line}})
		}
		v := br.read(r.body, ectx, "")
		if _, seen := in.attrReasons[k]; !seen {
			ar := map[string]string{}
			for p, info := range br.attrs {
				if info.Reason != "" {
					ar[p] = info.Reason
				}
			}
			in.attrReasons[k] = ar
		}
		vals = append(vals, in.expose(r, addr, v))
		if !r.data && emitted(r.typ) {
			in.ev.out = append(in.ev.out, azurerm.Resource{
				Address: addr, Config: in.ev.root, Type: r.typ, Values: v, File: r.file, Line: line,
				Attrs: br.attrs, Ignores: br.ignores,
			})
		}
	}
	in.values[k] = collect(r.count, r.forEach, keys, vals)
}

// expose returns an instance's value as references see it: its attributes,
// its ID, and the stand-ins for the computed attributes that references
// reach into (see doc.go); other computed attributes are unknown.
func (in *instance) expose(r *resource, addr string, v cty.Value) cty.Value {
	if !v.Type().IsObjectType() {
		return v
	}
	if !v.Type().HasAttribute("id") {
		if id, ok := in.standIn(r, addr, v, "id"); ok {
			v = withAttr(v, "id", cty.StringVal(id))
		} else {
			v = withAttr(v, "id", cty.UnknownVal(cty.String))
		}
	}
	seen := map[string]bool{}
	orig := v
	for _, p := range in.paths[r.key()] {
		pk := pathKey(p)
		if seen[pk] {
			continue
		}
		seen[pk] = true
		v, _ = ensure(v, p, "", func(path string) (cty.Value, bool) {
			if s, ok := in.standIn(r, addr, orig, path); ok {
				return cty.StringVal(s), true
			}
			return cty.DynamicVal, false
		})
	}
	return v
}

// standIn is the value the scheme of doc.go gives a computed attribute.
// The symbols and address IDs are scoped by the root module, as the
// adapter's are (azurerm.ScopedAddress).
func (in *instance) standIn(r *resource, addr string, v cty.Value, path string) (string, bool) {
	addr = azurerm.ScopedAddress(in.ev.root, addr)
	if r.data {
		switch r.typ {
		case "azurerm_client_config":
			switch path {
			case "subscription_id":
				return azurerm.PlaceholderSubscription, true
			case "tenant_id":
				return placeholderTenant, true
			case "object_id", "client_id":
				return azurerm.SymbolicRef(addr, path), true
			}
			return "", false
		case "azurerm_subscription":
			sub := azurerm.PlaceholderSubscription
			if s, ok := knownString(v, "subscription_id"); ok {
				sub = s
			}
			switch path {
			case "id":
				return "/subscriptions/" + sub, true
			case "subscription_id":
				return sub, true
			case "tenant_id":
				return placeholderTenant, true
			}
			return "", false
		}
	}
	if path == "id" {
		return azurerm.SyntheticID(r.typ, addr, v), true
	}
	return azurerm.SyntheticAttr(r.typ, addr, v, path)
}

// placeholderTenant is the tenant ID data.azurerm_client_config and
// data.azurerm_subscription give.
const placeholderTenant = "00000000-0000-0000-0000-000000000000"

// ensure returns v with the attribute at path present, and whether it
// changed v: an attribute the value lacks gets the stand-in for its path (in
// traversal syntax), built up through the blocks that lead to it, or an
// unknown value; an index out of range is left for the evaluation to report.
func ensure(v cty.Value, path hcl.Traversal, done string, stand func(string) (cty.Value, bool)) (cty.Value, bool) {
	if len(path) == 0 || !v.IsKnown() || v.IsNull() {
		return v, false
	}
	switch s := path[0].(type) {
	case hcl.TraverseAttr:
		p := s.Name
		if done != "" {
			p = done + "." + s.Name
		}
		if !v.Type().IsObjectType() {
			return v, false
		}
		if v.Type().HasAttribute(s.Name) {
			nv, changed := ensure(v.GetAttr(s.Name), path[1:], p, stand)
			if !changed {
				return v, false
			}
			return withAttr(v, s.Name, nv), true
		}
		return withAttr(v, s.Name, build(path[1:], p, stand)), true
	case hcl.TraverseIndex:
		ty := v.Type()
		if !(ty.IsTupleType() || ty.IsListType()) || s.Key.Type() != cty.Number || !s.Key.IsKnown() {
			return v, false
		}
		i, acc := s.Key.AsBigFloat().Int64()
		if acc != 0 || i < 0 || i >= int64(v.LengthInt()) {
			return v, false
		}
		elems := v.AsValueSlice()
		nv, changed := ensure(elems[i], path[1:], done+indexString(s.Key), stand)
		if !changed {
			return v, false
		}
		elems[i] = nv
		return cty.TupleVal(elems), true
	}
	return v, false
}

// build makes the value for a missing attribute at done that path reaches
// further into: the stand-in for the full path when the scheme defines one,
// wrapped in the objects and block lists the steps name; else unknown.
func build(path hcl.Traversal, done string, stand func(string) (cty.Value, bool)) cty.Value {
	full := done
	for _, s := range path {
		switch s := s.(type) {
		case hcl.TraverseAttr:
			full += "." + s.Name
		case hcl.TraverseIndex:
			full += indexString(s.Key)
		}
	}
	v, ok := stand(full)
	if !ok {
		return cty.DynamicVal
	}
	for i := len(path) - 1; i >= 0; i-- {
		switch s := path[i].(type) {
		case hcl.TraverseAttr:
			v = cty.ObjectVal(map[string]cty.Value{s.Name: v})
		case hcl.TraverseIndex:
			if s.Key.Type() != cty.Number || !s.Key.IsKnown() {
				return cty.DynamicVal
			}
			n, acc := s.Key.AsBigFloat().Int64()
			if acc != 0 || n < 0 || n > 16 {
				return cty.DynamicVal
			}
			elems := make([]cty.Value, n+1)
			for j := range elems {
				elems[j] = cty.DynamicVal
			}
			elems[n] = v
			v = cty.TupleVal(elems)
		default:
			return cty.DynamicVal
		}
	}
	return v
}

// withAttr returns the object v with attribute name set to a.
func withAttr(v cty.Value, name string, a cty.Value) cty.Value {
	m := v.AsValueMap()
	if m == nil {
		m = map[string]cty.Value{}
	}
	m[name] = a
	return cty.ObjectVal(m)
}

// knownString returns the known string attribute name of the object v.
func knownString(v cty.Value, name string) (string, bool) {
	if !v.IsKnown() || v.IsNull() || !v.Type().IsObjectType() || !v.Type().HasAttribute(name) {
		return "", false
	}
	a := v.GetAttr(name)
	if !a.IsKnown() || a.IsNull() || a.Type() != cty.String {
		return "", false
	}
	return a.AsString(), true
}
