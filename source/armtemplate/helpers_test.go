package armtemplate

import (
	"sort"
	"strings"
	"testing"

	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/armjson"
)

// testTemplate declares the parameters and variables expression tests use.
const testTemplate = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": {
    "name": {"type": "string", "defaultValue": "Web"},
    "count": {"type": "int", "defaultValue": 3},
    "zones": {"type": "array", "defaultValue": ["1", "2", "3"]},
    "config": {"type": "object", "defaultValue": {"sku": "Premium", "net": {"plugin": "azure", "policy": null}}},
    "blank": {"type": "string", "defaultValue": ""},
    "missing": {"type": "string"},
    "secret": {"type": "securestring"}
  },
  "variables": {
    "greeting": "[concat('hello ', parameters('name'))]",
    "loopy": "[variables('loopy')]",
    "byEnv": {"prod": {"size": "large"}, "dev": {"size": "small"}},
    "copy": [{"name": "disks", "count": 2, "input": "[concat('disk', copyIndex('disks', 1))]"}]
  },
  "functions": [{"namespace": "ns", "members": {"double": {
    "parameters": [{"name": "x", "type": "int"}],
    "output": {"type": "int", "value": "[mul(parameters('x'), 2)]"}}}}]
}`

// newTestScope returns the scope of testTemplate, evaluated with the
// placeholder deployment context.
func newTestScope(t testing.TB) *scope {
	t.Helper()
	tmpl, err := armjson.Parse([]byte(testTemplate))
	if err != nil {
		t.Fatal(err)
	}
	ev := newEvaluator("test.json")
	return ev.newScope(tmpl, NewLibrary(deploymentFor("test.json", tmpl, Options{})), nil, nil, "p", 0)
}

// evalText evaluates one JSON string value (an expression or a literal) at
// line 7 in s.
func evalText(s *scope, text string) *armjson.Node {
	return s.evalValue(&armjson.Node{Kind: armjson.String, Str: text, Line: 7}, nil)
}

// render writes a value as compact JSON with keys in order, Unknown as "?".
func render(n *armjson.Node) string {
	var b strings.Builder
	renderTo(&b, n)
	return b.String()
}

func renderTo(b *strings.Builder, n *armjson.Node) {
	switch n.Kind {
	case armjson.Unknown:
		b.WriteString("?")
	case armjson.Array:
		b.WriteByte('[')
		for i, it := range n.Items {
			if i > 0 {
				b.WriteByte(',')
			}
			renderTo(b, it)
		}
		b.WriteByte(']')
	case armjson.Object:
		b.WriteByte('{')
		for i, f := range n.Fields {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, f.Key)
			b.WriteByte(':')
			renderTo(b, f.Value)
		}
		b.WriteByte('}')
	case armjson.String:
		writeJSONString(b, n.Str)
	case armjson.Number:
		b.WriteString(n.Num)
	case armjson.Bool:
		if n.Bool {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	default:
		b.WriteString("null")
	}
}

// byID indexes evaluated resources by lower-case ID.
func byID(t testing.TB, nodes []*armjson.Node) map[string]*armjson.Node {
	t.Helper()
	m := map[string]*armjson.Node{}
	for _, n := range nodes {
		id := n.Get("id")
		if id == nil || id.Kind != armjson.String {
			t.Fatalf("resource at line %d has no id", n.Line)
		}
		key := strings.ToLower(id.Str)
		if m[key] != nil {
			t.Errorf("two resources have the ID %s", id.Str)
		}
		m[key] = n
	}
	return m
}

func ids(nodes []*armjson.Node) []string {
	var out []string
	for _, n := range nodes {
		out = append(out, n.Get("id").Str)
	}
	sort.Strings(out)
	return out
}

// messages returns the diagnostics of one severity as "line: message".
func messages(ds source.Diagnostics, sev source.Severity) []string {
	var out []string
	for _, d := range ds {
		if d.Severity == sev {
			out = append(out, d.Error())
		}
	}
	return out
}

const rgID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
