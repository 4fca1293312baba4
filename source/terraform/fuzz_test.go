package terraform

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// FuzzParse reads arbitrary bytes as a module's main.tf beside a valid
// file. Whatever the input, reading must not panic, the valid file's
// resource must still be read, and broken input must come out as
// diagnostics.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*/*.tf")
	more, _ := filepath.Glob("testdata/*/modules/*/*.tf")
	for _, p := range append(seeds, more...) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		`resource "azurerm_subnet" "s" { count = 3 name = "x" }`,
		"locals {\n a = local.b\n b = local.a\n}\n",
		`resource "azurerm_kubernetes_cluster" "aks" {` + "\n" + `dynamic "x" { for_each = [1] content { y = x.value } }` + "\n}",
		"module \"m\" { source = \"./\" }\n",
		"# aksguard:ignore AKS-NET-01\nresource \"x\" \"y\" {}",
		"variable \"v\" { type = object({ a = optional(string, \"d\") }) }\n",
		`resource "azurerm_resource_group" "rg" { name = "${`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fs := fstest.MapFS{
			"main.tf": {Data: src},
			"ok.tf":   {Data: []byte(`resource "azurerm_resource_group" "fuzz_ok" { name = "ok" }`)},
		}
		rs, _ := Resources(context.Background(), ".", Options{FS: fs})
		found := false
		for _, r := range rs {
			if r.Address == "azurerm_resource_group.fuzz_ok" {
				found = true
			}
		}
		if !found {
			t.Errorf("the valid file beside the fuzzed one was not read")
		}
	})
}
