package azurerm

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/zclconf/go-cty/cty"

	"github.com/aksguard/aksguard/estate"
)

const testFile = "main.tf"

// Builders of attribute trees as the Terraform readers give them.
type obj = map[string]cty.Value

func o(m obj) cty.Value                { return cty.ObjectVal(m) }
func blocks(bs ...cty.Value) cty.Value { return cty.TupleVal(bs) }
func str(s string) cty.Value           { return cty.StringVal(s) }
func boolean(b bool) cty.Value         { return cty.BoolVal(b) }
func num(n int) cty.Value              { return cty.NumberIntVal(int64(n)) }
func list(ss ...string) cty.Value {
	if len(ss) == 0 {
		return cty.ListValEmpty(cty.String)
	}
	vs := make([]cty.Value, len(ss))
	for i, s := range ss {
		vs[i] = cty.StringVal(s)
	}
	return cty.ListVal(vs)
}

// unknown is a value known only after apply; unknownBlocks is what a
// dynamic block over an unknown collection gives.
var (
	unknown       = cty.UnknownVal(cty.String)
	unknownBlocks = cty.DynamicVal
)

// res builds a resource at line 1 of main.tf.
func res(typ, addr string, v obj, attrs map[string]AttrInfo) Resource {
	return Resource{Address: addr, Type: typ, Values: o(v), File: testFile, Line: 1, Attrs: attrs}
}

func adaptOne(t *testing.T, r Resource) *estate.Estate {
	t.Helper()
	out := Adapt([]Resource{r})
	if len(out.Diagnostics) > 0 {
		t.Logf("diagnostics: %v", out.Diagnostics)
	}
	return out.Estate
}

// Expected values; locations are compared by path (lines have their own tests).
func set[T any](v T, path string) estate.Value[T] {
	return estate.Set(v, estate.Loc{Path: path})
}

func def[T any](v T, path string) estate.Value[T] {
	return estate.Defaulted(v, estate.Loc{Path: path})
}

func unres[T any](path, reason string) estate.Value[T] {
	return estate.Unresolved[T](estate.Loc{Path: path}, reason)
}

var ignoreLines = cmpopts.IgnoreFields(estate.Loc{}, "File", "Line")

// check compares one value of a table test.
func check[T any](t *testing.T, what string, got, want estate.Value[T]) {
	t.Helper()
	if diff := cmp.Diff(want, got, ignoreLines, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("%s (-want +got):\n%s", what, diff)
	}
}
