package e2e

import "testing"

// TestParityTemplateAndExport scans each example estate twice, once as its
// ARM template and once as the export of the same estate deployed, and
// requires the same verdict for every rule on every resource.
func TestParityTemplateAndExport(t *testing.T) {
	for _, variant := range []string{"insecure", "hardened"} {
		t.Run(variant, func(t *testing.T) {
			tmpl := verdicts(t, scan(t, "examples/"+variant+"/arm"))
			export := verdicts(t, scan(t, "examples/"+variant+"/azure-export"))
			if len(tmpl) < 20 {
				t.Fatalf("only %d findings from the template: the comparison would prove little", len(tmpl))
			}
			for _, k := range sortedKeys(tmpl) {
				if got, ok := export[k]; !ok {
					t.Errorf("%s on %s %s: %s from the template, no finding from the export", k.Rule, k.Type, k.Name, tmpl[k])
				} else if got != tmpl[k] {
					t.Errorf("%s on %s %s: %s from the template, %s from the export", k.Rule, k.Type, k.Name, tmpl[k], got)
				}
			}
			for _, k := range sortedKeys(export) {
				if _, ok := tmpl[k]; !ok {
					t.Errorf("%s on %s %s: %s from the export, no finding from the template", k.Rule, k.Type, k.Name, export[k])
				}
			}
		})
	}
}
