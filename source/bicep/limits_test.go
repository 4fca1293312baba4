package bicep_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/bicep"
)

// TestModules checks module outputs through loops, and that modules which
// cannot be read are reported where they are called while the rest is
// scanned.
func TestModules(t *testing.T) {
	fsys := mapFS(
		"main.bicep", `
module pools 'pool.bicep' = [for n in ['a', 'b']: {
  name: n
  params: {
    name: n
  }
}]

module missing 'nope.bicep' = {
  name: 'missing'
}

module arm 'tmpl.json' = {
  name: 'arm'
}

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acr${pools[1].outputs.suffix}'
  properties: {
    adminUserEnabled: missing.outputs.admin
  }
}
`,
		"pool.bicep", "param name string\noutput suffix string = toUpper(name)\n",
		"tmpl.json", "{}",
	)
	res := readFS(t, fsys, "main.bicep", bicep.Options{})
	if len(res.Estate.Registries) != 1 || res.Estate.Registries[0].Name != "acrB" {
		t.Fatalf("registries = %v", res.Estate.Registries)
	}
	if r := res.Estate.Registries[0].AdminUserEnabled; r.Reason != "module missing (nope.bicep) is not scanned" {
		t.Errorf("adminUserEnabled = %+v, want Unknown because the module is not scanned", r)
	}
	wantDiags(t, res.Diagnostics,
		"error main.bicep:8:16: module missing (nope.bicep) not scanned: nope.bicep: no such file",
		"error main.bicep:12:12: module arm (tmpl.json) not scanned: it is neither Bicep nor an ARM deployment template")
}

// TestHostileInput checks that inputs built to run away end, quickly and
// with a warning, instead of hanging or exhausting memory.
func TestHostileInput(t *testing.T) {
	var grow strings.Builder
	grow.WriteString("var v0 = ['x', 'x']\n")
	for i := 1; i <= 60; i++ {
		fmt.Fprintf(&grow, "var v%d = [v%d, v%d]\n", i, i-1, i-1)
	}
	grow.WriteString("resource r 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  name: 'acr'\n  properties: {\n    x: v60\n  }\n}\n")
	tests := []struct {
		name, src string
		files     []string
		warning   string
	}{
		{"self-calling module", "module m 'main.bicep' = {\n  name: 'm'\n}\n", nil,
			"module m nests deeper than 10; its resources are not evaluated"},
		{"module cycle", "module m 'b.bicep' = {\n  name: 'm'\n}\n", []string{"b.bicep", "module m 'main.bicep' = {\n  name: 'm'\n}\n"},
			"nests deeper than 10"},
		{"module fan-out", "module m 'b.bicep' = [for i in range(0, 50): {\n  name: 'm${i}'\n}]\n",
			[]string{"b.bicep", "module m 'main.bicep' = [for i in range(0, 50): {\n  name: 'm${i}'\n}]\n"},
			"more than 2000 module instances"},
		{"recursive function", "func f(x int) int => f(x + 1)\nvar y = f(0)\noutput o int = y\nresource r 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  name: 'acr${y}'\n}\n", nil,
			"function calls nest more than 64 deep"},
		{"exponential value", grow.String(), nil, "evaluation stopped"},
		{"long loop", "resource r 'Microsoft.ContainerRegistry/registries@2023-07-01' = [for i in concat(range(0, 10000), range(0, 10000)): {\n  name: 'acr${i}'\n}]\n", nil,
			"only the first 10000 are evaluated"},
		{"resources naming each other", "resource a 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  name: b.name\n}\nresource b 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  name: a.name\n}\n", nil,
			"refers to itself"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := mapFS(append([]string{"main.bicep", tt.src}, tt.files...)...)
			start := time.Now()
			res := readFS(t, fsys, "main.bicep", bicep.Options{})
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v", d)
			}
			found := false
			for _, d := range res.Diagnostics {
				found = found || d.Severity == source.Warning && strings.Contains(d.Message, tt.warning)
			}
			if !found {
				t.Errorf("no warning %q in %v", tt.warning, res.Diagnostics)
			}
		})
	}
}

// TestARMTemplateModule checks that a module may be an ARM JSON template:
// it is evaluated at the module's target with the module's known params.
func TestARMTemplateModule(t *testing.T) {
	fsys := mapFS(
		"main.bicep", `
module acr 'acr.json' = {
  name: 'acr'
  scope: resourceGroup('rg-acr')
  params: {
    registryName: 'acr${toLower('JSON')}'
    admin: true
    location: resourceGroup().location
  }
}
`,
		"acr.json", `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": {
    "registryName": {"type": "string"},
    "admin": {"type": "bool", "defaultValue": false},
    "location": {"type": "string", "defaultValue": "westeurope"}
  },
  "resources": [
    {"type": "Microsoft.ContainerRegistry/registries", "apiVersion": "2023-07-01", "name": "[parameters('registryName')]",
     "location": "[parameters('location')]", "properties": {"adminUserEnabled": "[parameters('admin')]"}}
  ]
}`)
	res := readFS(t, fsys, "main.bicep", bicep.Options{})
	if len(res.Diagnostics) != 0 {
		t.Fatalf("diagnostics: %v", res.Diagnostics)
	}
	if len(res.Estate.Registries) != 1 {
		t.Fatalf("registries: %d", len(res.Estate.Registries))
	}
	r := res.Estate.Registries[0]
	if want := estate.ResourceID("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/acrjson"); r.ID != want {
		t.Errorf("ID = %s, want %s", r.ID, want)
	}
	if !r.AdminUserEnabled.V || r.AdminUserEnabled.Loc.File != "acr.json" || r.AdminUserEnabled.Loc.Line != 10 {
		t.Errorf("adminUserEnabled = %+v, want true at acr.json:10", r.AdminUserEnabled)
	}
}

func wantDiags(t *testing.T, got source.Diagnostics, want ...string) {
	t.Helper()
	var have []string
	for _, d := range got {
		have = append(have, d.Severity.String()+" "+d.Error())
	}
	for _, w := range want {
		found := false
		for _, h := range have {
			found = found || h == w
		}
		if !found {
			t.Errorf("missing diagnostic %q in:\n%s", w, strings.Join(have, "\n"))
		}
	}
}

// TestPathologicalSyntax checks that broken input made of one pattern
// repeated over 64 KiB is read in linear time: each syntax error abandons
// one declaration, and recovery never reads the same text over and over.
func TestPathologicalSyntax(t *testing.T) {
	for _, unit := range []string{
		"var a = {\n", "var a = [\n", "resource a 'b@c' = {\n", "x: [\n", "(", "'${", "@a()\n",
		"module m 'main.bicep' = {\n", "var a = b.c.d.e[0][1]\n", "resource a 'b@c' = [for x in y: if (z) {\n",
	} {
		data := []byte(strings.Repeat(unit, 65000/len(unit)))
		start := time.Now()
		res := bicep.Read("main.bicep", data, bicep.Options{FS: mapFS("main.bicep", string(data))})
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%q repeated: took %v", unit, d)
		}
		if len(res.Diagnostics) == 0 {
			t.Errorf("%q repeated: no diagnostic", unit)
		}
	}
}
