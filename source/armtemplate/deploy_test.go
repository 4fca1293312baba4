package armtemplate

import (
	"strings"
	"testing"

	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/armjson"
	"github.com/google/go-cmp/cmp"
)

func TestNestedDeployments(t *testing.T) {
	tmpl := `{` + schema + `,
  "parameters": {"prefix": {"type": "string", "defaultValue": "app"}},
  "variables": {"vnetName": "[concat(parameters('prefix'), '-vnet')]"},
  "resources": [
    {
      "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "network",
      "properties": {
        "expressionEvaluationOptions": {"scope": "inner"},
        "mode": "Incremental",
        "parameters": {
          "vnetName": {"value": "[variables('vnetName')]"},
          "nsgRules": "[createObject('value', createArray('deny'))]",
          "secret": {"reference": {"keyVault": {"id": "kv"}, "secretName": "s"}}
        },
        "template": {` + schema + `,
          "parameters": {
            "vnetName": {"type": "string"},
            "nsgRules": {"type": "array"},
            "secret": {"type": "securestring"},
            "location": {"type": "string", "defaultValue": "[resourceGroup().location]"}
          },
          "variables": {"vnetName": "shadowed-by-the-inner-scope"},
          "resources": [{
            "type": "Microsoft.Network/virtualNetworks", "name": "[parameters('vnetName')]",
            "properties": {"rules": "[parameters('nsgRules')]", "key": "[parameters('secret')]", "dep": "[deployment().name]"}
          }]
        }
      }
    },
    {
      "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "outer",
      "resourceGroup": "other-rg",
      "properties": {
        "mode": "Incremental",
        "template": {` + schema + `,
          "resources": [{"type": "Microsoft.Network/networkSecurityGroups", "name": "[concat(variables('vnetName'), '-nsg')]",
            "properties": {"home": "[resourceGroup().name]"}}]
        }
      }
    },
    {
      "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "linked",
      "properties": {"mode": "Incremental", "templateLink": {"uri": "https://example.com/t.json"}}
    }
  ]
}`
	nodes, diags := evaluate(t, tmpl, Options{})
	want := []string{
		"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/other-rg/providers/Microsoft.Network/networkSecurityGroups/app-vnet-nsg",
		rgID + "/providers/Microsoft.Network/virtualNetworks/app-vnet",
	}
	if diff := cmp.Diff(want, ids(nodes)); diff != "" {
		t.Fatalf("ids (-want +got):\n%s", diff)
	}
	m := byID(t, nodes)
	vnet := m[strings.ToLower(want[1])]
	if got := render(vnet.Get("properties")); got != `{"rules":["deny"],"key":?,"dep":"network"}` {
		t.Errorf("inner-scope properties = %s", got)
	}
	// Outer scope: the parent's variables and the parent's context, with
	// the resources deployed to the nested deployment's resource group.
	if got := render(m[strings.ToLower(want[0])].Path("properties.home")); got != `"rg"` {
		t.Errorf("outer-scope resourceGroup().name = %s, want the parent's", got)
	}
	if w := strings.Join(messages(diags, source.Warning), "\n"); !strings.Contains(w, "deployment linked links to a template that is not read") {
		t.Errorf("warnings %q, want one for the linked template", w)
	}
}

func TestNestingIsBounded(t *testing.T) {
	inner := `{"type": "Microsoft.Storage/storageAccounts", "name": "deepest"}`
	for range maxNesting + 2 {
		inner = `{"type": "Microsoft.Resources/deployments", "name": "d", "properties": {"template": {"resources": [` + inner + `]}}}`
	}
	nodes, diags := evaluate(t, `{"resources": [`+inner+`]}`, Options{})
	if len(nodes) != 0 {
		t.Errorf("got %d resources from beyond the nesting limit", len(nodes))
	}
	if !strings.Contains(strings.Join(messages(diags, source.Warning), "\n"), "nests deeper than") {
		t.Errorf("no warning for the cut nesting: %q", messages(diags, source.Warning))
	}
}

// TestSymbolicResources covers languageVersion 2.0 templates, whose
// resources are keyed by symbolic name and may be existing references.
func TestSymbolicResources(t *testing.T) {
	tmpl := `{` + schema + `, "languageVersion": "2.0",
  "resources": {
    "vnet": {"existing": true, "type": "Microsoft.Network/virtualNetworks", "name": "shared"},
    "st": {"type": "Microsoft.Storage/storageAccounts", "name": "st1"}
  }
}`
	nodes, _ := evaluate(t, tmpl, Options{})
	if diff := cmp.Diff([]string{rgID + "/providers/Microsoft.Storage/storageAccounts/st1"}, ids(nodes)); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
}

// TestUnknownNameKeepsResourcesApart checks that resources whose names
// cannot be resolved get distinct IDs, so that merging by ID never folds two
// of them into one.
func TestUnknownNameKeepsResourcesApart(t *testing.T) {
	tmpl := `{` + schema + `,
  "resources": [
    {"type": "Microsoft.Authorization/roleAssignments", "name": "[newGuid()]", "copy": {"name": "ras", "count": 2}},
    {"type": "Microsoft.Authorization/roleAssignments", "name": "[newGuid()]"}
  ]
}`
	nodes, _ := evaluate(t, tmpl, Options{})
	if len(byID(t, nodes)) != 3 {
		t.Errorf("ids %v, want 3 distinct", ids(nodes))
	}
	for _, n := range nodes {
		if n.Get("name").Kind != armjson.Unknown {
			t.Errorf("name %s, want Unknown", render(n.Get("name")))
		}
	}
}
