package armtemplate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aksguard/aksguard/source"
)

// TestHostileTemplatesEnd checks that templates built to run away (loops
// within loops, values that double with every variable) end with a warning
// instead of hanging.
func TestHostileTemplatesEnd(t *testing.T) {
	doubling := `"v0": "[createArray(1, 1)]"`
	for i := 1; i <= 40; i++ {
		doubling += fmt.Sprintf(`, "v%d": "[createArray(variables('v%d'), variables('v%d'))]"`, i, i-1, i-1)
	}
	withDoubling := func(expr string) string {
		return `{"variables": {` + doubling + `}, "resources": [{"type": "a.b/c", "name": "n", "properties": {"x": "` + expr + `"}}]}`
	}
	tests := map[string]string{
		"loop in loop": `{"resources": [{"type": "a.b/c", "name": "[string(copyIndex())]", "copy": {"name": "x", "count": 10000},
			"properties": {"copy": [{"name": "p", "count": 10000, "input": "[copyIndex('p')]"}]}}]}`,
		"serialize a doubled value":   withDoubling("[string(variables('v40'))]"),
		"compare doubled values":      withDoubling("[equals(variables('v40'), variables('v40'))]"),
		"merge doubled values":        withDoubling("[union(variables('v40'), variables('v39'))]"),
		"long strings":                withDoubling("[padLeft('x', 100000000)]"),
		"doubled value in a resource": withDoubling("[variables('v40')]"),
		"doubling in a lambda": `{"resources": [{"type": "a.b/c", "name": "n", "properties": {"x":
			"[reduce(range(0, 60), createArray(), lambda('acc', 'i', createArray(lambdaVariables('acc'), lambdaVariables('acc'))))]"}}]}`,
		"megabyte strings in a loop": `{"resources": [{"type": "a.b/c", "name": "n", "properties": {"x":
			"[reduce(range(0, 10000), padLeft('', 1000000, 'x'), lambda('a', 'i', substring(lambdaVariables('a'), 1)))]"}}]}`,
		"self-reference": `{"variables": {"a": "[variables('b')]", "b": "[variables('a')]"}, "resources": [{"type": "a.b/c", "name": "[variables('a')]"}]}`,
	}
	for name, tmpl := range tests {
		t.Run(name, func(t *testing.T) {
			_, diags := Evaluate("x.json", []byte(tmpl), Options{})
			if len(messages(diags, source.Warning)) == 0 {
				t.Errorf("no warning")
			}
			if errs := messages(diags, source.Error); len(errs) > 0 {
				t.Errorf("errors %q", errs)
			}
		})
	}
}

// TestWarningsAreCapped checks that a template with countless problems does
// not flood the report.
func TestWarningsAreCapped(t *testing.T) {
	var rs []string
	for i := range 500 {
		rs = append(rs, fmt.Sprintf(`{"type": "a.b/c", "name": "[noSuch%d()]"}`, i))
	}
	_, diags := Evaluate("x.json", []byte(`{"resources": [`+strings.Join(rs, ",\n")+`]}`), Options{})
	if n := len(diags); n != maxWarnings+1 {
		t.Errorf("%d diagnostics, want %d and a note", n, maxWarnings)
	}
}
