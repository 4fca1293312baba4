package armtemplate

import (
	"os"
	"testing"

	"github.com/aksguard/aksguard/source/armjson"
)

// FuzzEval evaluates arbitrary expression strings: evaluation must end, give
// a value at the expression's line, and never panic.
func FuzzEval(f *testing.F) {
	for _, s := range []string{
		"[parameters('name')]",
		"[concat(variables('disks'), createArray(copyIndex()))]",
		"[if(reference('x').on, union(parameters('config'), createObject('a', 1)), json('{}'))]",
		"[format('{0:D2}{1,-4}', length(parameters('zones')), skip('abc', 1))]",
		"[map(range(0, 3), lambda('i', ns.double(lambdaVariables('i'))))]",
		"[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v', 's')]",
		"[uniqueString(resourceGroup().id, guid('a'))]",
		"[[escaped]",
		"['unterminated]",
		"[a.b.c(1)]",
		"[variables('byEnv')[parameters('name')].size]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s := newTestScope(t)
		v := evalText(s, in)
		if v == nil || v.Line != 7 {
			t.Fatalf("%q gave %v", in, v)
		}
	})
}

// FuzzRead evaluates arbitrary templates and parameters files, seeded with
// the corpus: never a panic, and every resource has an ID. The largest
// corpus templates are left out of the seeds, as the fuzzer mutates inputs
// of hundreds of kilobytes too slowly to explore; TestCorpusEvaluates runs
// them.
func FuzzRead(f *testing.F) {
	for _, c := range corpusCases(f) {
		data, err := os.ReadFile(c.template)
		if err != nil {
			f.Fatal(err)
		}
		if len(data) > 100<<10 {
			continue
		}
		var params []byte
		if c.params != "" {
			if params, err = os.ReadFile(c.params); err != nil {
				f.Fatal(err)
			}
		}
		f.Add(data, params)
	}
	f.Add([]byte(`{"resources": [{"type": "a.b/c", "name": "[copyIndex()]", "copy": {"name": "x", "count": 3}, "resources": [{"type": "d", "name": "e"}]}]}`), []byte(`{"x": {"value": 1}}`))
	f.Fuzz(func(t *testing.T, data, params []byte) {
		nodes, _ := Evaluate("fuzz.json", data, Options{Parameters: params, ParametersName: "p.json"})
		for _, n := range nodes {
			if id := n.Get("id"); id == nil || id.Kind != armjson.String {
				t.Fatalf("a resource has no ID: %v", n.Interface())
			}
		}
	})
}
