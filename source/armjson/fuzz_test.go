package armjson

import (
	"os"
	"testing"
)

// FuzzRead feeds Read and Looks arbitrary bytes, seeded with the REST API
// examples and the shapes Read knows. Read must never panic, must always
// return an estate, and must name the input in every diagnostic.
func FuzzRead(f *testing.F) {
	for _, file := range corpusFiles(f) {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{restCluster, flatCluster, bareCluster, `[]`, `{"value": [], "nextLink": "x"}`,
		`{"data": {"columns": [{"name": "id"}], "rows": [["/subscriptions/s/providers/Microsoft.Security/pricings/Containers"]]}}`,
		`[[{"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/routeTables/t/routes/r", "properties": null}]]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		Looks(data)
		res := Read("fuzz.json", data)
		if res.Estate == nil {
			t.Fatal("nil estate")
		}
		for _, d := range res.Diagnostics {
			if d.Input != "fuzz.json" || d.Message == "" {
				t.Fatalf("diagnostic without input or message: %+v", d)
			}
		}
	})
}

// TestAdaptSurvivesAnyValue replaces every value of real and test resources,
// one at a time, with a value of every other kind (and an Unknown), and
// adapts the result: whatever a property holds, the adapter must not panic.
func TestAdaptSurvivesAnyValue(t *testing.T) {
	srcs := []string{restCluster, flatCluster}
	for _, file := range corpusFiles(t) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, string(data))
	}
	replacements := []Node{
		{Kind: Null}, {Kind: Bool, Bool: true}, {Kind: Number, Num: "1e400"}, {Kind: String, Str: "x/y"},
		{Kind: Array, Items: []*Node{nil, {Kind: Null}}}, {Kind: Object, Fields: []Field{{Key: "id", Value: &Node{Kind: Number, Num: "1"}}}},
		{Kind: Unknown, Reason: "unresolved"},
	}
	runs := 0
	for _, src := range srcs {
		doc, err := Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		var all []*Node
		var walk func(n *Node)
		walk = func(n *Node) {
			all = append(all, n)
			for _, it := range n.Items {
				walk(it)
			}
			for _, f := range n.Fields {
				walk(f.Value)
			}
		}
		if body := exampleBody(doc); body != nil {
			walk(body) // an example's request parameters are never read
		} else {
			walk(doc)
		}
		for _, n := range all {
			saved := *n
			for _, r := range replacements {
				*n = r
				n.Line = saved.Line
				readNode("mutated.json", doc)
				runs++
			}
			*n = saved
		}
	}
	t.Logf("%d mutated inputs adapted", runs)
}
