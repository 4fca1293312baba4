package armtemplate

import (
	"strings"
	"testing"

	"github.com/aksguard/aksguard/source"
)

// TestEvalExpressions evaluates single expressions against testTemplate's
// parameters and variables. want is the value as compact JSON, "?" for
// Unknown; warn says whether evaluating it must raise a warning.
func TestEvalExpressions(t *testing.T) {
	tests := []struct {
		in   string
		want string
		warn bool
	}{
		// Literals and syntax.
		{in: "plain", want: `"plain"`},
		{in: "[[not an expression]", want: `"[not an expression]"`},
		{in: "[ toLower( 'ABC' ) ]", want: `"abc"`},
		{in: "['it''s']", want: `"it's"`},
		{in: "[-5]", want: `-5`},
		{in: "[true]", want: `true`},
		{in: "[concat('a'", want: `"[concat('a'"`}, // no closing bracket: a literal
		{in: "[concat('a']", want: `?`, warn: true},
		{in: "[concat('a') extra]", want: `?`, warn: true},

		// Parameters, variables, user functions.
		{in: "[parameters('name')]", want: `"Web"`},
		{in: "[parameters('NAME')]", want: `"Web"`},
		{in: "[variables('greeting')]", want: `"hello Web"`},
		{in: "[variables('disks')]", want: `["disk1","disk2"]`},
		{in: "[variables('byEnv')['prod'].size]", want: `"large"`},
		{in: "[parameters('config').net.plugin]", want: `"azure"`},
		{in: "[parameters('zones')[1]]", want: `"2"`},
		{in: "[parameters('missing')]", want: `?`, warn: true},
		{in: "[parameters('secret')]", want: `?`},
		{in: "[variables('loopy')]", want: `?`, warn: true},
		{in: "[parameters('nope')]", want: `?`, warn: true},
		{in: "[parameters('config').nope]", want: `?`, warn: true},
		{in: "[parameters('zones')[5]]", want: `?`, warn: true},
		{in: "[ns.double(21)]", want: `42`},
		{in: "[ns.double(1, 2)]", want: `?`, warn: true},

		// Strings.
		{in: "[concat('a', 1, true)]", want: `"a1True"`},
		{in: "[concat(parameters('zones'), createArray('4'))]", want: `["1","2","3","4"]`},
		{in: "[concat('pre-', reference('x').name)]", want: `?`},
		{in: "[format('{0}-{1:D3}', 'x', 7)]", want: `"x-007"`},
		{in: "[format('{{{0}}}', 'x')]", want: `"{x}"`},
		{in: "[format('{1}', 'x')]", want: `?`, warn: true},
		{in: "[toUpper('abc')]", want: `"ABC"`},
		{in: "[split('a/b/c', '/')[2]]", want: `"c"`},
		{in: "[replace('a-b-c', '-', '')]", want: `"abc"`},
		{in: "[substring('hello', 1, 3)]", want: `"ell"`},
		{in: "[substring('hello', 4, 3)]", want: `?`, warn: true},
		{in: "[startsWith('Hello', 'he')]", want: `true`},
		{in: "[endsWith('Hello', 'LO')]", want: `true`},
		{in: "[indexOf('Hello', 'L')]", want: `2`},
		{in: "[lastIndexOf('Hello', 'l')]", want: `3`},
		{in: "[padLeft('7', 3, '0')]", want: `"007"`},
		{in: "[trim('  x ')]", want: `"x"`},
		{in: "[string(parameters('config').net)]", want: `"{\"plugin\":\"azure\",\"policy\":null}"`},
		{in: "[string(true)]", want: `"True"`},
		{in: "[json('{\"a\": [1, 2]}').a[1]]", want: `2`},
		{in: "[json('null')]", want: `null`},
		{in: "[base64('hi')]", want: `"aGk="`},
		{in: "[base64ToString('aGk=')]", want: `"hi"`},
		{in: "[uriComponent('a b/c')]", want: `"a%20b%2Fc"`},
		{in: "[uri('https://x.io/a/b', 'c')]", want: `"https://x.io/a/c"`},
		{in: "[join(createArray('a', 'b'), ',')]", want: `"a,b"`},
		{in: "[split('a-b_c', createArray('-', '_'))]", want: `["a","b","c"]`},
		// Many delimiters over a string cut into a million parts end.
		{in: "[length(split(padLeft('', 60000, 'x'), union(createArray('x'), map(range(0, 10000), lambda('i', string(lambdaVariables('i')))))))]", want: `?`, warn: true},
		// uniqueString matches ARM's output for these inputs.
		{in: "[uniqueString('test')]", want: `"rbgf3xv4ufgzg"`},
		{in: "[uniqueString('hello', 'world')]", want: `"a7wkljktk6wne"`},
		{in: "[uniqueString('foo', 'bar', 'baz')]", want: `"xzi4ioaxtmth4"`},
		{in: "[uniqueString('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/my-rg')]", want: `"bmg7c6xu4tw46"`},
		{in: "[guid('a', 'b')]", want: `"2d796349-8c7e-55ec-9624-54ece82ed031"`},

		// Arrays and objects.
		{in: "[length(parameters('zones'))]", want: `3`},
		{in: "[length('abc')]", want: `3`},
		{in: "[length(createArray(reference('x'), 1))]", want: `2`},
		{in: "[empty(parameters('blank'))]", want: `true`},
		{in: "[empty(createObject())]", want: `true`},
		{in: "[contains(parameters('zones'), '2')]", want: `true`},
		{in: "[contains(parameters('config'), 'SKU')]", want: `true`},
		{in: "[contains('abc', 'B')]", want: `false`},
		{in: "[first(parameters('zones'))]", want: `"1"`},
		{in: "[last('abc')]", want: `"c"`},
		{in: "[take(parameters('zones'), 2)]", want: `["1","2"]`},
		{in: "[skip('hello', 3)]", want: `"lo"`},
		{in: "[union(createObject('a', 1, 'n', createObject('x', 1)), createObject('b', 2, 'n', createObject('y', 2)))]", want: `{"a":1,"n":{"x":1,"y":2},"b":2}`},
		{in: "[union(createArray(1, 2), createArray(2, 3))]", want: `[1,2,3]`},
		{in: "[union(parameters('config'), reference('x'))]", want: `?`},
		{in: "[intersection(createArray(1, 2, 3), createArray(2, 3, 4))]", want: `[2,3]`},
		{in: "[range(1, 3)]", want: `[1,2,3]`},
		{in: "[range(0, 20000)]", want: `?`, warn: true},
		{in: "[items(createObject('b', 2, 'a', 1))]", want: `[{"key":"a","value":1},{"key":"b","value":2}]`},
		{in: "[coalesce(null(), '', 'x')]", want: `""`},
		{in: "[coalesce(null(), reference('x').id, 'x')]", want: `?`},
		{in: "[createObject('k', reference('x').id, 'n', 1)]", want: `{"k":?,"n":1}`},
		{in: "[createObject('k', 1, 'odd')]", want: `{"k":1}`, warn: true},
		{in: "[array('x')]", want: `["x"]`},
		{in: "[indexOf(parameters('zones'), '3')]", want: `2`},
		{in: "[objectKeys(parameters('config'))]", want: `["sku","net"]`},
		{in: "[tryGet(parameters('config'), 'nope')]", want: `null`},
		{in: "[min(3, 1, 2)]", want: `1`},
		{in: "[max(createArray(3, 9, 2))]", want: `9`},

		// Logic and numbers.
		{in: "[if(equals(parameters('name'), 'Web'), 'yes', 'no')]", want: `"yes"`},
		{in: "[if(true(), 'a', parameters('nope'))]", want: `"a"`},
		{in: "[if(reference('x').on, 'a', 'a')]", want: `"a"`},
		{in: "[if(reference('x').on, 'a', 'b')]", want: `?`},
		{in: "[and(false, reference('x').on)]", want: `false`},
		{in: "[and(true, reference('x').on)]", want: `?`},
		{in: "[or(reference('x').on, true)]", want: `true`},
		{in: "[not(empty(parameters('zones')))]", want: `true`},
		{in: "[equals(createArray(1, 'a'), createArray(1, 'a'))]", want: `true`},
		{in: "[equals('a', 'A')]", want: `false`},
		{in: "[equals(createArray(1, reference('x')), createArray(2, 3))]", want: `false`},
		{in: "[greater(parameters('count'), 2)]", want: `true`},
		{in: "[lessOrEquals('a', 'b')]", want: `true`},
		{in: "[bool('True')]", want: `true`},
		{in: "[int('42')]", want: `42`},
		{in: "[add(1, 2)]", want: `3`},
		{in: "[sub(5, 7)]", want: `-2`},
		{in: "[mul(4, 5)]", want: `20`},
		{in: "[div(7, 2)]", want: `3`},
		{in: "[mod(7, 2)]", want: `1`},
		{in: "[div(1, 0)]", want: `?`, warn: true},
		{in: "[not('maybe')]", want: `?`, warn: true},

		// Resources and the deployment context.
		{in: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'snet')]", want: `"` + rgID + `/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet"`},
		{in: "[resourceId('other-rg', 'Microsoft.Storage/storageAccounts', 'st')]", want: `"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/other-rg/providers/Microsoft.Storage/storageAccounts/st"`},
		{in: "[resourceId('sub2', 'rg2', 'Microsoft.Storage/storageAccounts', 'st')]", want: `"/subscriptions/sub2/resourceGroups/rg2/providers/Microsoft.Storage/storageAccounts/st"`},
		{in: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet')]", want: `?`, warn: true},
		{in: "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'abc')]", want: `"/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/abc"`},
		{in: "[tenantResourceId('Microsoft.Authorization/policyDefinitions', 'p')]", want: `"/providers/Microsoft.Authorization/policyDefinitions/p"`},
		{in: "[extensionResourceId(resourceId('Microsoft.Storage/storageAccounts', 'st'), 'Microsoft.Authorization/locks', 'lock')]", want: `"` + rgID + `/providers/Microsoft.Storage/storageAccounts/st/providers/Microsoft.Authorization/locks/lock"`},
		{in: "[resourceGroup().name]", want: `"rg"`},
		{in: "[resourceGroup().id]", want: `"` + rgID + `"`},
		{in: "[resourceGroup().location]", want: `?`},
		{in: "[subscription().subscriptionId]", want: `"00000000-0000-0000-0000-000000000000"`},
		{in: "[deployment().name]", want: `"test"`},
		{in: "[reference('x').fqdn]", want: `?`},
		{in: "[listKeys('x', '2020-01-01').keys[0].value]", want: `?`},
		{in: "[environment().suffixes.storage]", want: `?`},
		{in: "[utcNow()]", want: `?`},
		{in: "[newGuid()]", want: `?`},
		{in: "[noSuchFunction(1)]", want: `?`, warn: true},
		{in: "[copyIndex()]", want: `?`, warn: true},

		// Lambdas.
		{in: "[map(parameters('zones'), lambda('z', concat('zone-', lambdaVariables('z'))))]", want: `["zone-1","zone-2","zone-3"]`},
		{in: "[filter(range(0, 5), lambda('i', equals(mod(lambdaVariables('i'), 2), 0)))]", want: `[0,2,4]`},
		{in: "[reduce(range(1, 4), 0, lambda('acc', 'x', add(lambdaVariables('acc'), lambdaVariables('x'))))]", want: `10`},
		{in: "[sort(createArray(3, 1, 2), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))]", want: `[1,2,3]`},
		{in: "[toObject(parameters('zones'), lambda('z', concat('z', lambdaVariables('z'))))]", want: `{"z1":"1","z2":"2","z3":"3"}`},
		{in: "[lambdaVariables('z')]", want: `?`, warn: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			s := newTestScope(t)
			got := evalText(s, tt.in)
			if r := render(got); r != tt.want {
				t.Errorf("got %s, want %s", r, tt.want)
			}
			if got.Line != 7 {
				t.Errorf("the value has line %d, want the expression's line 7", got.Line)
			}
			warns := messages(s.ev.diags, source.Warning)
			if tt.warn != (len(warns) > 0) {
				t.Errorf("warnings %q, want some: %v", warns, tt.warn)
			}
			if errs := messages(s.ev.diags, source.Error); len(errs) > 0 {
				t.Errorf("errors %q", errs)
			}
		})
	}
}

// TestUnknownReasons checks that an Unknown says why, so that a finding can
// tell the user what to supply.
func TestUnknownReasons(t *testing.T) {
	tests := []struct{ in, reason string }{
		{"[reference('x').fqdn]", "reference() is resolved at deployment"},
		{"[listKeys('x', '2020-01-01')]", "listKeys() is resolved at deployment"},
		{"[concat('a', utcNow())]", "utcNow() is known at deployment"},
		{"[parameters('missing')]", `parameter "missing" has no value`},
		{"[noSuchFunction()]", "unsupported template function noSuchFunction()"},
	}
	for _, tt := range tests {
		s := newTestScope(t)
		if got := evalText(s, tt.in); got.Reason != tt.reason {
			t.Errorf("%s: reason %q, want %q", tt.in, got.Reason, tt.reason)
		}
	}
}

// TestValueLines checks that a value taken from a variable keeps pointing
// into the variable where it is not the result itself.
func TestValueLines(t *testing.T) {
	s := newTestScope(t)
	got := evalText(s, "[variables('byEnv')]")
	if got.Line != 7 {
		t.Errorf("result line %d, want 7", got.Line)
	}
	if l := got.Path("prod.size").Line; l != 15 {
		t.Errorf("member line %d, want 15 (the variable's text)", l)
	}
	made := evalText(s, "[createObject('a', createObject('b', 1))]")
	if l := made.Path("a.b").Line; l != 7 {
		t.Errorf("created member line %d, want 7", l)
	}
}

// ARM evaluates expressions in property names: templates attach user-assigned
// identities by ID as object keys.
func TestPropertyNameExpressions(t *testing.T) {
	tmpl := `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "variables": {"uami": "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-aks')]"},
  "resources": [{
    "type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-09-01", "name": "aks",
    "identity": {"type": "UserAssigned", "userAssignedIdentities": {"[variables('uami')]": {}, "[[literal]": {}, "[reference('x').id]": {}}},
    "properties": {}
  }]
}`
	nodes, diags := Evaluate("t.json", []byte(tmpl), Options{})
	if diags.HasErrors() || len(nodes) != 1 {
		t.Fatalf("nodes %d, diags %v", len(nodes), diags)
	}
	var keys []string
	for _, f := range nodes[0].Path("identity.userAssignedIdentities").Fields {
		keys = append(keys, f.Key)
	}
	want := []string{
		"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-aks",
		"[literal]",
		"[reference('x').id]", // unknown at deployment: the text is kept
	}
	if strings.Join(keys, "\n") != strings.Join(want, "\n") {
		t.Errorf("keys = %q, want %q", keys, want)
	}
}
