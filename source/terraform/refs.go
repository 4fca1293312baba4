package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// ref is a reference an expression makes: the static traversal HCL reports
// (azurerm_subnet.nodes[0].id) and, when the traversal continues after a
// splat or a computed index (azurerm_subnet.nodes[*].id,
// azurerm_subnet.nodes[each.key].id), the steps after it.
type ref struct {
	trav hcl.Traversal
	// tail is the traversal after a non-static instance index, or nil.
	tail hcl.Traversal
}

// exprRefs returns the references of expr. For native syntax it walks the
// expression so that splats and computed indexes keep the attribute they
// lead to; JSON expressions give their variables.
func exprRefs(expr hcl.Expression) []ref {
	if expr == nil {
		return nil
	}
	se, ok := expr.(hclsyntax.Expression)
	if !ok {
		vs := expr.Variables()
		out := make([]ref, len(vs))
		for i, v := range vs {
			out[i] = ref{trav: v}
		}
		return out
	}
	var out []ref
	hclsyntax.VisitAll(se, func(n hclsyntax.Node) hcl.Diagnostics {
		switch e := n.(type) {
		case *hclsyntax.ScopeTraversalExpr:
			out = append(out, ref{trav: e.Traversal})
		case *hclsyntax.SplatExpr:
			if src, ok := e.Source.(*hclsyntax.ScopeTraversalExpr); ok {
				if each, ok := e.Each.(*hclsyntax.RelativeTraversalExpr); ok {
					if _, ok := each.Source.(*hclsyntax.AnonSymbolExpr); ok {
						out = append(out, ref{trav: src.Traversal, tail: each.Traversal})
					}
				}
			}
		case *hclsyntax.RelativeTraversalExpr:
			if ix, ok := e.Source.(*hclsyntax.IndexExpr); ok {
				if src, ok := ix.Collection.(*hclsyntax.ScopeTraversalExpr); ok {
					out = append(out, ref{trav: src.Traversal, tail: e.Traversal})
				}
			}
		}
		return nil
	})
	return out
}

// bodyRefs returns the references of every expression in a resource body,
// nested and dynamic blocks included.
func bodyRefs(body hcl.Body) []ref {
	if nb, ok := body.(*hclsyntax.Body); ok {
		var out []ref
		var walk func(b *hclsyntax.Body)
		walk = func(b *hclsyntax.Body) {
			for _, a := range b.Attributes {
				out = append(out, exprRefs(a.Expr)...)
			}
			for _, blk := range b.Blocks {
				walk(blk.Body)
			}
		}
		walk(nb)
		return out
	}
	attrs, _ := body.JustAttributes()
	var out []ref
	for _, a := range attrs {
		out = append(out, exprRefs(a.Expr)...)
	}
	return out
}

// nodeKey names the module object a reference is to: "var.x", "local.x",
// "module.x", "data.t.n" or "t.n" for a resource of the module; "" for
// references to count, each, path, terraform, self, iterators or unknown
// names. n is the number of traversal steps the key consumes.
func (m *module) nodeKey(t hcl.Traversal) (key string, n int) {
	if len(t) < 2 {
		return "", 0
	}
	root := t.RootName()
	attr, ok := t[1].(hcl.TraverseAttr)
	if !ok {
		return "", 0
	}
	switch root {
	case "var", "local", "module":
		return root + "." + attr.Name, 2
	case "count", "each", "path", "terraform", "self":
		return "", 0
	case "data":
		if len(t) < 3 {
			return "", 0
		}
		name, ok := t[2].(hcl.TraverseAttr)
		if !ok {
			return "", 0
		}
		k := "data." + attr.Name + "." + name.Name
		if m.byKey[k] == nil {
			return "", 0
		}
		return k, 3
	}
	k := root + "." + attr.Name
	if m.byKey[k] == nil {
		return "", 0
	}
	return k, 2
}

// instancePath returns the steps of a reference to resource r that follow
// the instance: for a resource with count or for_each, the steps after its
// index; for others, the steps after its name. ok is false when the
// reference does not reach into an instance.
func instancePath(r *resource, rf ref, n int) (hcl.Traversal, bool) {
	rest := rf.trav[n:]
	if r.count != nil || r.forEach != nil {
		if len(rest) == 0 {
			if rf.tail != nil {
				return rf.tail, true
			}
			return nil, false
		}
		if _, ok := rest[0].(hcl.TraverseIndex); !ok {
			return nil, false
		}
		rest = rest[1:]
	}
	if len(rest) == 0 && rf.tail != nil {
		return rf.tail, true
	}
	return rest, len(rest) > 0
}
