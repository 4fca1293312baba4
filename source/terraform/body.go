package terraform

import (
	"sort"
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source/azurerm"
)

// bodyReader evaluates one resource instance's body into the attribute tree
// the azurerm adapter reads: attributes as values, nested blocks as tuples
// of objects, with a location (and, when unresolved, the expression and the
// reason) for every attribute and block.
type bodyReader struct {
	in      *instance
	file    string
	src     []byte
	attrs   map[string]azurerm.AttrInfo
	ignores []estate.InlineIgnore
	// byLine are the file's inline ignores by the line they apply to.
	byLine map[int][]lineIgnore
}

// topLevelSkip are the meta-arguments and meta-blocks of a resource, which
// are Terraform's, not the provider's.
var topLevelSkip = map[string]bool{
	"count": true, "for_each": true, "provider": true, "depends_on": true,
	"lifecycle": true, "provisioner": true, "connection": true,
}

// read evaluates body with ectx. path is the attribute path of the body
// ("" for the resource itself, "network_profile.0" for a nested block).
func (br *bodyReader) read(body hcl.Body, ectx *hcl.EvalContext, path string) cty.Value {
	if nb, ok := body.(*hclsyntax.Body); ok {
		return br.native(nb, ectx, path)
	}
	return br.json(body, ectx, path)
}

func (br *bodyReader) native(b *hclsyntax.Body, ectx *hcl.EvalContext, path string) cty.Value {
	obj := make(map[string]cty.Value, len(b.Attributes)+len(b.Blocks))
	for name, a := range b.Attributes {
		if path == "" && topLevelSkip[name] {
			continue
		}
		p := join(path, name)
		obj[name] = br.attr(a.Expr, a.SrcRange, ectx, p)
	}
	blocks := map[string][]cty.Value{}
	var order []string
	add := func(typ string, v cty.Value, line int) {
		if _, seen := blocks[typ]; !seen {
			order = append(order, typ)
		}
		p := join(path, typ) + "." + strconv.Itoa(len(blocks[typ]))
		br.attrs[p] = azurerm.AttrInfo{Line: line}
		br.ignoresAt(line, p)
		blocks[typ] = append(blocks[typ], v)
	}
	unknownBlocks := map[string]bool{}
	for _, blk := range b.Blocks {
		if path == "" && topLevelSkip[blk.Type] {
			continue
		}
		if blk.Type == "dynamic" && len(blk.Labels) == 1 {
			typ := blk.Labels[0]
			if unknownBlocks[typ] {
				continue
			}
			vals, ok := br.dynamic(blk, ectx, join(path, typ), len(blocks[typ]))
			if !ok {
				unknownBlocks[typ] = true
				if _, seen := blocks[typ]; !seen {
					order = append(order, typ)
					blocks[typ] = nil
				}
				continue
			}
			for _, v := range vals {
				add(typ, v.val, v.line)
			}
			continue
		}
		p := join(path, blk.Type) + "." + strconv.Itoa(len(blocks[blk.Type]))
		add(blk.Type, br.native(blk.Body, ectx, p), blk.TypeRange.Start.Line)
	}
	for _, typ := range order {
		if _, isAttr := obj[typ]; isAttr {
			continue
		}
		if unknownBlocks[typ] {
			obj[typ] = cty.DynamicVal
			continue
		}
		obj[typ] = cty.TupleVal(blocks[typ])
		if len(blocks[typ]) == 0 {
			obj[typ] = cty.EmptyTupleVal
		}
	}
	return cty.ObjectVal(obj)
}

type blockVal struct {
	val  cty.Value
	line int
}

// dynamic expands a dynamic block as Terraform does: one block per element
// of for_each, with the iterator (named by `iterator`, else the block type)
// holding key and value. It reports false when for_each is not known, in
// which case the block type as a whole is unknown. first is the index the
// first generated block gets among the blocks of its type.
func (br *bodyReader) dynamic(blk *hclsyntax.Block, ectx *hcl.EvalContext, path string, first int) ([]blockVal, bool) {
	typ := blk.Labels[0]
	fe, hasFE := blk.Body.Attributes["for_each"]
	var content *hclsyntax.Block
	for _, c := range blk.Body.Blocks {
		if c.Type == "content" {
			content = c
		}
	}
	if !hasFE || content == nil {
		br.in.warnf(br.file, blk.TypeRange.Start.Line, "dynamic %q block needs for_each and a content block", typ)
		return nil, true
	}
	iter := typ
	if it, ok := blk.Body.Attributes["iterator"]; ok {
		if name := hcl.ExprAsKeyword(it.Expr); name != "" {
			iter = name
		}
	}
	coll, diags := fe.Expr.Value(ectx)
	if diags.HasErrors() || !coll.IsWhollyKnown() || coll.IsNull() {
		info := azurerm.AttrInfo{Line: blk.TypeRange.Start.Line, Expr: br.text(fe.Expr.Range())}
		if diags.HasErrors() {
			info.Reason = "dynamic block for_each: " + diagText(diags)
			br.in.diagWarn(diags, br.file)
		} else if coll.IsNull() {
			info.Reason = "dynamic block for_each is null"
		} else {
			info.Reason = "dynamic block for_each: " + br.in.reason(exprRefs(fe.Expr), ectx)
		}
		br.attrs[path] = info
		return nil, false
	}
	coll, _ = coll.Unmark()
	ty := coll.Type()
	if !ty.IsCollectionType() && !ty.IsObjectType() && !ty.IsTupleType() {
		br.in.warnf(br.file, fe.Expr.Range().Start.Line, "dynamic %q block: for_each must be a collection, not %s", typ, ty.FriendlyName())
		return nil, true
	}
	var out []blockVal
	i := first
	for it := coll.ElementIterator(); it.Next(); i++ {
		k, v := it.Element()
		if ty.IsSetType() {
			k = v
		}
		child := ectx.NewChild()
		child.Variables = map[string]cty.Value{iter: cty.ObjectVal(map[string]cty.Value{"key": k, "value": v})}
		p := path + "." + strconv.Itoa(i)
		out = append(out, blockVal{val: br.native(content.Body, child, p), line: content.TypeRange.Start.Line})
	}
	return out, true
}

// json reads a .tf.json resource body. Without the provider's schema a JSON
// object cannot be told from a block; objects under names that are maps in
// the azurerm and kubernetes providers stay objects, the others become
// one-element block lists as in plan JSON.
func (br *bodyReader) json(body hcl.Body, ectx *hcl.EvalContext, path string) cty.Value {
	attrs, diags := body.JustAttributes()
	br.in.diagWarn(diags, br.file)
	obj := map[string]cty.Value{}
	for _, a := range sortedAttrs(attrs) {
		if topLevelSkip[a.Name] {
			continue
		}
		if a.Name == "dynamic" {
			br.in.warnf(br.file, a.Range.Start.Line, "dynamic blocks in .tf.json are not expanded; the blocks they generate are unknown")
			continue
		}
		p := join(path, a.Name)
		v := br.attr(a.Expr, a.Range, ectx, p)
		obj[a.Name] = jsonBlocks(a.Name, v)
	}
	return cty.ObjectVal(obj)
}

// mapAttributes are attribute names whose values are maps or objects, not
// nested blocks, in the providers the adapter reads.
var mapAttributes = map[string]bool{
	"tags": true, "node_labels": true, "labels": true, "annotations": true, "data": true,
	"binary_data": true, "match_labels": true, "manifest": true, "selector": true,
	"string_data": true, "node_selector": true, "limits": true, "requests": true,
	"settings": true, "parameters": true, "configuration_settings": true, "metadata_labels": true,
}

func jsonBlocks(name string, v cty.Value) cty.Value {
	if mapAttributes[name] || !v.IsKnown() || v.IsNull() || !v.Type().IsObjectType() {
		return v
	}
	return cty.TupleVal([]cty.Value{v})
}

// attr evaluates one attribute and records where it is.
func (br *bodyReader) attr(expr hcl.Expression, rng hcl.Range, ectx *hcl.EvalContext, path string) cty.Value {
	v, diags := expr.Value(ectx)
	info := azurerm.AttrInfo{Line: rng.Start.Line}
	if !isLiteral(expr) || diags.HasErrors() {
		info.Expr = br.text(expr.Range())
	}
	switch {
	case diags.HasErrors():
		br.in.diagWarn(diags, br.file)
		v = cty.DynamicVal
		info.Reason = diagText(diags)
	default:
		if v.ContainsMarked() {
			v, _ = v.UnmarkDeep()
		}
		if !v.IsWhollyKnown() {
			info.Expr = br.text(expr.Range())
			info.Reason = br.in.reason(exprRefs(expr), ectx)
			if info.Reason == "" {
				info.Reason = unknownFuncReason(expr)
			}
		}
	}
	br.attrs[path] = info
	br.ignoresAt(rng.Start.Line, path)
	return v
}

// ignoresAt attaches the inline ignores written above line to path.
func (br *bodyReader) ignoresAt(line int, path string) {
	for _, ig := range br.byLine[line] {
		br.ignores = append(br.ignores, estate.InlineIgnore{
			Rule: ig.rule, Reason: ig.reason,
			Loc: estate.Loc{File: br.file, Line: line, Path: path},
		})
	}
}

// text is the source text of r.
func (br *bodyReader) text(r hcl.Range) string {
	if r.Start.Byte < 0 || r.End.Byte > len(br.src) || r.Start.Byte > r.End.Byte {
		return ""
	}
	return string(br.src[r.Start.Byte:r.End.Byte])
}

// isLiteral reports whether expr is a literal whose source text says no
// more than its value: a number, bool, null or plain string, or a list or
// object of those.
func isLiteral(expr hcl.Expression) bool {
	switch e := expr.(type) {
	case *hclsyntax.LiteralValueExpr:
		return true
	case *hclsyntax.TemplateExpr:
		return e.IsStringLiteral()
	case *hclsyntax.TupleConsExpr:
		for _, x := range e.Exprs {
			if !isLiteral(x) {
				return false
			}
		}
		return true
	case *hclsyntax.ObjectConsExpr:
		for _, it := range e.Items {
			if !isLiteral(it.ValueExpr) {
				return false
			}
		}
		return true
	}
	return false
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
