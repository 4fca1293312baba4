package tfplan

import (
	"os"
	"testing"
)

// FuzzRead reads arbitrary bytes as a plan: no panic, and input that Looks
// rejects as JSON is never read into resources.
func FuzzRead(f *testing.F) {
	if b, err := os.ReadFile("testdata/plan.json"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"azurerm_subnet.s","type":"azurerm_subnet","mode":"managed","name":"s","values":{"name":"x"}}]}}}`))
	f.Add([]byte(`{"format_version":"1.2","planned_values":{"root_module":{}},"configuration":{"root_module":{"module_calls":{"m":{"module":{}}}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		rs, diags := Resources("fuzz.json", data)
		if diags.HasErrors() && len(rs) > 0 {
			t.Errorf("an unreadable plan gave %d resources", len(rs))
		}
	})
}
