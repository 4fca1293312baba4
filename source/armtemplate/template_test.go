package armtemplate

import (
	"strings"
	"testing"

	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/armjson"
	"github.com/google/go-cmp/cmp"
)

const schema = `"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"`

func evaluate(t *testing.T, tmpl string, opts Options) ([]*armjson.Node, source.Diagnostics) {
	t.Helper()
	nodes, diags := Evaluate("main.json", []byte(tmpl), opts)
	if errs := messages(diags, source.Error); len(errs) > 0 {
		t.Errorf("error diagnostics: %q", errs)
	}
	return nodes, diags
}

func TestParametersAndParametersFile(t *testing.T) {
	tmpl := `{` + schema + `,
  "parameters": {
    "clusterName": {"type": "string", "defaultValue": "aks1"},
    "private": {"type": "bool", "defaultValue": false},
    "nodes": {"type": "int"},
    "adminKey": {"type": "string"}
  },
  "resources": [{
    "type": "Microsoft.ContainerService/managedClusters",
    "name": "[parameters('clusterName')]",
    "properties": {
      "apiServerAccessProfile": {"enablePrivateCluster": "[parameters('private')]"},
      "agentPoolProfiles": [{"name": "sys", "count": "[parameters('nodes')]"}],
      "linuxProfile": {"ssh": {"publicKeys": [{"keyData": "[parameters('adminKey')]"}]}}
    }
  }]
}`
	params := `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "private": {"value": true},
    "nodes": {"value": "5"},
    "adminKey": {"reference": {"keyVault": {"id": "/subscriptions/x/resourceGroups/y/providers/Microsoft.KeyVault/vaults/kv"}, "secretName": "ssh"}},
    "stray": {"value": 1}
  }
}`
	nodes, diags := evaluate(t, tmpl, Options{Parameters: []byte(params), ParametersName: "main.parameters.json"})
	if len(nodes) != 1 {
		t.Fatalf("got %d resources, want 1", len(nodes))
	}
	c := nodes[0]
	if got, want := c.Get("id").Str, rgID+"/providers/Microsoft.ContainerService/managedClusters/aks1"; got != want {
		t.Errorf("id %s, want %s", got, want)
	}
	priv := c.Path("properties.apiServerAccessProfile.enablePrivateCluster")
	if priv.Kind != armjson.Bool || !priv.Bool || priv.Line != 12 {
		t.Errorf("enablePrivateCluster = %s at line %d, want true from the parameters file at line 12", render(priv), priv.Line)
	}
	// A string given for an int parameter is converted, as ARM does.
	if n := c.Path("properties.agentPoolProfiles").Items[0].Get("count"); render(n) != "5" {
		t.Errorf("count = %s, want 5", render(n))
	}
	key := c.Path("properties.linuxProfile.ssh.publicKeys").Items[0].Get("keyData")
	if key.Kind != armjson.Unknown || !strings.Contains(key.Reason, "Key Vault reference") {
		t.Errorf("keyData = %s (%s), want Unknown from a Key Vault reference", render(key), key.Reason)
	}
	want := []string{`main.parameters.json:8: parameter "stray" is not declared in the template; its value is ignored`}
	if diff := cmp.Diff(want, messages(diags, source.Warning)); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
}

func TestParametersFileWithoutWrapper(t *testing.T) {
	tmpl := `{` + schema + `, "parameters": {"n": {"type": "string"}},
  "resources": [{"type": "Microsoft.Storage/storageAccounts", "name": "[parameters('n')]"}]}`
	nodes, _ := evaluate(t, tmpl, Options{Parameters: []byte(`{"n": {"value": "st1"}}`)})
	if got := ids(nodes); len(got) != 1 || !strings.HasSuffix(got[0], "/storageAccounts/st1") {
		t.Errorf("ids %v, want the account named by the bare parameters object", got)
	}
}

func TestVariablesAndCopy(t *testing.T) {
	tmpl := `{` + schema + `,
  "parameters": {"count": {"type": "int", "defaultValue": 3}},
  "variables": {
    "prefix": "[concat('st', 'x')]",
    "copy": [{"name": "names", "count": "[parameters('count')]", "input": "[format('{0}{1}', variables('prefix'), copyIndex('names'))]"}]
  },
  "resources": [{
    "type": "Microsoft.Storage/storageAccounts",
    "name": "[variables('names')[copyIndex()]]",
    "copy": {"name": "accounts", "count": "[length(variables('names'))]"},
    "properties": {
      "position": "[copyIndex('accounts', 1)]",
      "copy": [{"name": "rules", "count": 2, "input": {"n": "[copyIndex('rules')]", "of": "[copyIndex()]"}}]
    }
  }]
}`
	nodes, _ := evaluate(t, tmpl, Options{})
	want := []string{rgID + "/providers/Microsoft.Storage/storageAccounts/stx0", rgID + "/providers/Microsoft.Storage/storageAccounts/stx1", rgID + "/providers/Microsoft.Storage/storageAccounts/stx2"}
	if diff := cmp.Diff(want, ids(nodes)); diff != "" {
		t.Fatalf("ids (-want +got):\n%s", diff)
	}
	if got := render(nodes[2].Get("properties")); got != `{"position":3,"rules":[{"n":0,"of":2},{"n":1,"of":2}]}` {
		t.Errorf("properties of the third = %s", got)
	}
	if nodes[0].Get("copy") != nil || nodes[0].Get("dependsOn") != nil {
		t.Errorf("template-only members survive: %s", render(nodes[0]))
	}
}

func TestCopyWithUnknownCount(t *testing.T) {
	tmpl := `{` + schema + `,
  "resources": [{
    "type": "Microsoft.Network/publicIPAddresses",
    "name": "[concat('pip', copyIndex())]",
    "copy": {"name": "pips", "count": "[length(reference('x').ips)]"},
    "properties": {"idleTimeoutInMinutes": 4}
  }]
}`
	nodes, diags := evaluate(t, tmpl, Options{})
	if len(nodes) != 1 {
		t.Fatalf("got %d resources, want one standing for the loop", len(nodes))
	}
	n := nodes[0]
	if render(n.Get("copy")) != `{"name":"pips","count":?}` {
		t.Errorf("copy marker = %s", render(n.Get("copy")))
	}
	if n.Get("name").Kind != armjson.Unknown || !strings.Contains(n.Get("id").Str, "unresolved-name-line-4") {
		t.Errorf("name %s, id %s: want Unknown and a placeholder ID", render(n.Get("name")), n.Get("id").Str)
	}
	if render(n.Path("properties.idleTimeoutInMinutes")) != "4" {
		t.Errorf("known properties are lost")
	}
	if w := messages(diags, source.Warning); len(w) == 0 || !strings.Contains(strings.Join(w, "\n"), `copy loop "pips"`) {
		t.Errorf("warnings %q, want one about the loop", w)
	}
}

func TestCopyCountIsBounded(t *testing.T) {
	tmpl := `{` + schema + `,
  "resources": [{"type": "Microsoft.Network/publicIPAddresses", "name": "[concat('pip', copyIndex())]",
    "copy": {"name": "pips", "count": 1000000000}}]
}`
	nodes, diags := evaluate(t, tmpl, Options{})
	if len(nodes) != maxCopy {
		t.Errorf("got %d resources, want the first %d", len(nodes), maxCopy)
	}
	if len(messages(diags, source.Warning)) == 0 {
		t.Errorf("no warning for the cut loop")
	}
}

func TestConditions(t *testing.T) {
	tmpl := `{` + schema + `,
  "parameters": {"deployLock": {"type": "bool", "defaultValue": false}},
  "resources": [
    {"condition": "[parameters('deployLock')]", "type": "Microsoft.Authorization/locks", "name": "lock", "properties": {"level": "CanNotDelete"}},
    {"condition": "[not(parameters('deployLock'))]", "type": "Microsoft.Storage/storageAccounts", "name": "kept"},
    {"condition": "[equals(reference('x').state, 'on')]", "type": "Microsoft.Storage/storageAccounts", "name": "maybe"}
  ]
}`
	nodes, diags := evaluate(t, tmpl, Options{})
	m := byID(t, nodes)
	if len(nodes) != 2 || m[strings.ToLower(rgID+"/providers/Microsoft.Storage/storageAccounts/kept")] == nil {
		t.Fatalf("ids %v, want kept and maybe", ids(nodes))
	}
	if c := m[strings.ToLower(rgID+"/providers/Microsoft.Storage/storageAccounts/kept")].Get("condition"); c != nil {
		t.Errorf("a true condition leaves a marker: %s", render(c))
	}
	maybe := m[strings.ToLower(rgID+"/providers/Microsoft.Storage/storageAccounts/maybe")]
	if c := maybe.Get("condition"); c == nil || c.Kind != armjson.Unknown {
		t.Errorf("an unresolved condition must stay as an Unknown marker")
	}
	want := []string{`main.json:6: the condition of Microsoft.Storage/storageAccounts maybe cannot be resolved (reference() is resolved at deployment); the resource is kept`}
	if diff := cmp.Diff(want, messages(diags, source.Warning)); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
}

func TestChildResources(t *testing.T) {
	tmpl := `{` + schema + `,
  "resources": [{
    "type": "Microsoft.Network/virtualNetworks",
    "name": "vnet",
    "resources": [
      {"type": "subnets", "name": "aks", "properties": {"addressPrefix": "10.0.0.0/24"}},
      {"type": "Microsoft.Network/virtualNetworks/subnets", "name": "vnet/vms"},
      {"type": "Microsoft.Network/virtualNetworks/subnets", "name": "db"}
    ]
  }, {
    "condition": false,
    "type": "Microsoft.Network/networkSecurityGroups",
    "name": "nsg",
    "resources": [{"type": "securityRules", "name": "deny"}]
  }]
}`
	nodes, _ := evaluate(t, tmpl, Options{})
	want := []string{
		rgID + "/providers/Microsoft.Network/networkSecurityGroups/nsg/securityRules/deny",
		rgID + "/providers/Microsoft.Network/virtualNetworks/vnet",
		rgID + "/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aks",
		rgID + "/providers/Microsoft.Network/virtualNetworks/vnet/subnets/db",
		rgID + "/providers/Microsoft.Network/virtualNetworks/vnet/subnets/vms",
	}
	if diff := cmp.Diff(want, ids(nodes)); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	sub := byID(t, nodes)[strings.ToLower(want[2])]
	if sub.Get("name").Str != "aks" || sub.Get("type").Str != "Microsoft.Network/virtualNetworks/subnets" {
		t.Errorf("name %q type %q, want the API's short name and full type", sub.Get("name").Str, sub.Get("type").Str)
	}
}

func TestExtensionResources(t *testing.T) {
	tmpl := `{` + schema + `,
  "variables": {"acr": "acr1"},
  "resources": [
    {"type": "Microsoft.ContainerRegistry/registries", "name": "[variables('acr')]",
     "resources": [{"type": "providers/diagnosticSettings", "name": "Microsoft.Insights/nested", "properties": {"workspaceId": "w"}}]},
    {"type": "Microsoft.Insights/diagnosticSettings", "name": "relative",
     "scope": "[format('Microsoft.ContainerRegistry/registries/{0}', variables('acr'))]", "properties": {}},
    {"type": "Microsoft.Authorization/locks", "name": "absolute",
     "scope": "[resourceId('Microsoft.ContainerRegistry/registries', variables('acr'))]", "properties": {}},
    {"type": "Microsoft.ContainerRegistry/registries/providers/diagnosticSettings", "name": "[concat(variables('acr'), '/Microsoft.Insights/parentStyle')]"},
    {"type": "Microsoft.Insights/diagnosticSettings", "name": "unknownScope", "scope": "[reference('x').id]"}
  ]
}`
	nodes, diags := evaluate(t, tmpl, Options{})
	acr := rgID + "/providers/Microsoft.ContainerRegistry/registries/acr1"
	want := []string{
		acr,
		acr + "/providers/Microsoft.Authorization/locks/absolute",
		acr + "/providers/Microsoft.Insights/diagnosticSettings/nested",
		acr + "/providers/Microsoft.Insights/diagnosticSettings/parentStyle",
		acr + "/providers/Microsoft.Insights/diagnosticSettings/relative",
		// A placeholder scope: left out, the setting would seem to
		// cover the resource group.
		rgID + "/unresolved-scope-line-11/providers/Microsoft.Insights/diagnosticSettings/unknownScope",
	}
	if diff := cmp.Diff(want, ids(nodes)); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	for _, n := range nodes {
		if strings.Contains(n.Get("id").Str, "diagnosticSettings") && n.Get("type").Str != "Microsoft.Insights/diagnosticSettings" {
			t.Errorf("%s has type %q, want Microsoft.Insights/diagnosticSettings", n.Get("id").Str, n.Get("type").Str)
		}
	}
	if len(messages(diags, source.Warning)) != 1 {
		t.Errorf("warnings %q, want one for the unknown scope", messages(diags, source.Warning))
	}
}

func TestCompiledBicepPropertiesExpression(t *testing.T) {
	tmpl := `{` + schema + `,
  "parameters": {"private": {"type": "bool", "defaultValue": true}, "ranges": {"type": "array", "defaultValue": []}},
  "resources": [{
    "type": "Microsoft.ContainerService/managedClusters",
    "name": "aks",
    "identity": "[if(parameters('private'), createObject('type', 'SystemAssigned'), null())]",
    "properties": "[union(createObject('enableRBAC', true(), 'apiServerAccessProfile', if(not(empty(parameters('ranges'))), createObject('authorizedIPRanges', parameters('ranges')), createObject('enablePrivateCluster', parameters('private'))), 'fqdn', reference('x').fqdn), if(parameters('private'), createObject('disableLocalAccounts', true()), createObject()))]"
  }]
}`
	nodes, _ := evaluate(t, tmpl, Options{})
	got := render(nodes[0].Get("properties"))
	want := `{"enableRBAC":true,"apiServerAccessProfile":{"enablePrivateCluster":true},"fqdn":?,"disableLocalAccounts":true}`
	if got != want {
		t.Errorf("properties = %s\nwant %s", got, want)
	}
	// A value the expression makes points at the expression; one taken
	// from a parameter's default points at the default.
	if l := nodes[0].Path("properties.enableRBAC").Line; l != 7 {
		t.Errorf("enableRBAC line %d, want the properties expression's line 7", l)
	}
	if l := nodes[0].Path("properties.apiServerAccessProfile.enablePrivateCluster").Line; l != 2 {
		t.Errorf("enablePrivateCluster line %d, want the parameter default's line 2", l)
	}
	if render(nodes[0].Get("identity")) != `{"type":"SystemAssigned"}` {
		t.Errorf("identity = %s", render(nodes[0].Get("identity")))
	}
}

func TestSubscriptionScopeTemplate(t *testing.T) {
	tmpl := `{"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
  "resources": [
    {"type": "Microsoft.Resources/resourceGroups", "name": "app-rg", "location": "westeurope"},
    {"type": "Microsoft.Authorization/policyAssignments", "name": "pa",
     "properties": {"policyDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/policySetDefinitions', 'set')]"}}
  ]
}`
	nodes, _ := evaluate(t, tmpl, Options{SubscriptionID: "sub1"})
	want := []string{"/subscriptions/sub1/providers/Microsoft.Authorization/policyAssignments/pa", "/subscriptions/sub1/resourceGroups/app-rg"}
	if diff := cmp.Diff(want, ids(nodes)); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
}

func TestMalformedInput(t *testing.T) {
	tests := []struct {
		name, tmpl, params string
		want               []string
	}{
		{name: "bad JSON", tmpl: "{\n  \"resources\": [\n    {,}\n  ]\n}", want: []string{"main.json:3:6: malformed JSON: invalid character ','"}},
		{name: "not an object", tmpl: "[1]", want: []string{"main.json:1: an ARM template must be a JSON object, not an array"}},
		{name: "resources not an array", tmpl: "{\n\"resources\": \"x\"}", want: []string{"main.json:2: the template's resources must be an array, not a string"}},
		{name: "resource not an object", tmpl: "{\"resources\": [\n 1]}", want: []string{"main.json:2: a resource must be an object, not a number"}},
		{name: "resource without type", tmpl: "{\"resources\": [\n {\"name\": \"x\"}]}", want: []string{"main.json:2: a resource needs a type and a name"}},
		{name: "bad parameters file", tmpl: "{}", params: "{\n\"parameters\": ", want: []string{"p.json:2:14: malformed JSON: unexpected end of JSON input"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts Options
			if tt.params != "" {
				opts = Options{Parameters: []byte(tt.params), ParametersName: "p.json"}
			}
			_, diags := Evaluate("main.json", []byte(tt.tmpl), opts)
			if diff := cmp.Diff(tt.want, messages(diags, source.Error)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSniffs(t *testing.T) {
	tests := []struct {
		data           string
		template, prms bool
	}{
		{data: `{` + schema + `, "resources": []}`, template: true},
		{data: "\xef\xbb\xbf{\"contentVersion\": \"1.0.0.0\", \"$schema\": \"https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#\"}", template: true},
		{data: `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {}}`, prms: true},
		// A nested template's $schema does not make a file a template.
		{data: `{"properties": {"template": {` + schema + `}}}`},
		{data: `{"$schema": "http://json-schema.org/draft-07/schema#"}`},
		{data: `not json`},
	}
	for _, tt := range tests {
		if got := IsTemplate([]byte(tt.data)); got != tt.template {
			t.Errorf("IsTemplate(%.60s) = %v", tt.data, got)
		}
		if got := IsParameters([]byte(tt.data)); got != tt.prms {
			t.Errorf("IsParameters(%.60s) = %v", tt.data, got)
		}
	}
}

func TestReadPassesDiagnostics(t *testing.T) {
	res := Read("main.json", []byte(`{"resources": 1}`), Options{})
	if res.Estate == nil || !res.Diagnostics.HasErrors() {
		t.Errorf("Read = %+v, want an estate and the error diagnostic", res)
	}
}
