package terraform

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/azurerm"
)

// tree builds an in-memory module tree from file names and contents.
func tree(files map[string]string) fstest.MapFS {
	fs := fstest.MapFS{}
	for name, body := range files {
		fs[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return fs
}

// read evaluates the root module "." of files.
func read(t *testing.T, files map[string]string, opts Options) ([]azurerm.Resource, source.Diagnostics) {
	t.Helper()
	opts.FS = tree(files)
	return Resources(context.Background(), ".", opts)
}

// find returns the resource at address, failing the test when there is none.
func find(t *testing.T, rs []azurerm.Resource, address string) azurerm.Resource {
	t.Helper()
	for _, r := range rs {
		if r.Address == address {
			return r
		}
	}
	var got []string
	for _, r := range rs {
		got = append(got, r.Address)
	}
	t.Fatalf("no resource %s; have %s", address, strings.Join(got, ", "))
	return azurerm.Resource{}
}

// at returns the value at a path like "network_profile.0.network_policy".
func at(v cty.Value, path string) cty.Value {
	if path == "" {
		return v
	}
	for _, step := range strings.Split(path, ".") {
		if !v.IsKnown() || v.IsNull() {
			return v
		}
		ty := v.Type()
		switch {
		case ty.IsObjectType():
			if !ty.HasAttribute(step) {
				return cty.NullVal(cty.DynamicPseudoType)
			}
			v = v.GetAttr(step)
		case ty.IsMapType():
			k := cty.StringVal(step)
			if !v.HasIndex(k).True() {
				return cty.NullVal(cty.DynamicPseudoType)
			}
			v = v.Index(k)
		case ty.IsTupleType() || ty.IsListType():
			i, err := strconv.Atoi(step)
			if err != nil || i >= v.LengthInt() {
				return cty.NullVal(cty.DynamicPseudoType)
			}
			v = v.Index(cty.NumberIntVal(int64(i)))
		default:
			return cty.NullVal(cty.DynamicPseudoType)
		}
	}
	return v
}

// show renders a value for comparison: strings bare, unknown as
// "<unknown>", null as "<null>", everything else as JSON.
func show(v cty.Value) string {
	switch {
	case !v.IsWhollyKnown():
		return "<unknown>"
	case v.IsNull():
		return "<null>"
	case v.Type() == cty.String:
		return v.AsString()
	}
	b, err := ctyjson.Marshal(v, v.Type())
	if err != nil {
		return "<" + err.Error() + ">"
	}
	return string(b)
}

// errorsOf returns the messages of the error diagnostics, as file:line: message.
func errorsOf(ds source.Diagnostics, sev source.Severity) []string {
	var out []string
	for _, d := range ds {
		if d.Severity == sev {
			out = append(out, d.Error())
		}
	}
	return out
}
