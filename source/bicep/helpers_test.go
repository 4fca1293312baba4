package bicep

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/armjson"
	"github.com/aksguard/aksguard/source/armtemplate"
)

// render turns an evaluated value into compact JSON for comparison; an
// Unknown node is the string "?" followed by its reason.
func render(n *armjson.Node) string {
	b, err := json.Marshal(plain(n))
	if err != nil {
		return "!" + err.Error()
	}
	return string(b)
}

func plain(n *armjson.Node) any {
	if n == nil {
		return "<nil>"
	}
	switch n.Kind {
	case armjson.Unknown:
		return "?" + n.Reason
	case armjson.Number:
		return json.Number(n.Num)
	case armjson.Array:
		out := []any{}
		for _, it := range n.Items {
			out = append(out, plain(it))
		}
		return out
	case armjson.Object:
		out := map[string]any{}
		for _, f := range n.Fields {
			out[f.Key] = plain(f.Value)
		}
		return out
	}
	return n.Interface()
}

// evalVar evaluates the variable name of a Bicep file held in fsys at
// main.bicep (fsys may hold the files it refers to).
func evalVar(t *testing.T, fsys fstest.MapFS, name string) (*armjson.Node, source.Diagnostics) {
	t.Helper()
	opts := Options{FS: fsys}
	ev := newEvaluator("main.bicep", opts)
	f := ev.parse("main.bicep", fsys["main.bicep"].Data)
	dep := deploymentFor(f, opts)
	lib := armtemplate.NewLibrary(dep)
	s := ev.newScope(f, dep, lib, ev.parameters(f, dep, lib, opts), 0, marks{})
	sl := s.vars[name]
	if sl == nil {
		t.Fatalf("no variable %q; diagnostics: %v", name, ev.diags)
	}
	return s.resolve(sl), ev.diags
}

// files builds a MapFS from alternating names and contents.
func files(kv ...string) fstest.MapFS {
	m := fstest.MapFS{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = &fstest.MapFile{Data: []byte(strings.TrimLeft(kv[i+1], "\n"))}
	}
	return m
}

func diagStrings(ds source.Diagnostics) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Severity.String()+" "+d.Error())
	}
	return out
}
