package load

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aksguard/aksguard/source"
)

// These tests run the real readers behind the loader.

const clusterTemplate = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {"clusterName": {"type": "string"}},
  "resources": [{"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-02-01",
    "name": "[parameters('clusterName')]", "location": "westeurope", "properties": {}}]
}
`

func paramsFor(name string) string {
	return `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0", "parameters": {"clusterName": {"value": "` + name + `"}}}`
}

// TestTemplateParameters: the parameters a template is evaluated with come
// from --parameters, else from the conventional file beside it.
func TestTemplateParameters(t *testing.T) {
	root := writeTree(t, map[string]string{
		"conv/azuredeploy.json":            clusterTemplate,
		"conv/azuredeploy.parameters.json": paramsFor("aks-conv"),
		"export/template.json":             clusterTemplate,
		"export/parameters.json":           paramsFor("aks-portal"),
		"alone/main.json":                  clusterTemplate,
		"prod.json":                        paramsFor("aks-prod"),
	})
	tests := []struct {
		name, path, pinned, want string
		warn                     bool
	}{
		{"convention", "conv", "", "aks-conv", false},
		{"portal export", "export", "", "aks-portal", false},
		{"--parameters wins", "conv", "prod.json", "aks-prod", false},
		{"no parameters: unresolved name and a warning", "alone", "", "unresolved-name", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := Options{}
			if tt.pinned != "" {
				opts.Parameters = filepath.Join(root, tt.pinned)
			}
			e, diags, _ := Paths(context.Background(), []string{filepath.Join(root, tt.path)}, opts)
			if len(e.Clusters) != 1 || !strings.HasPrefix(e.Clusters[0].Name, tt.want) {
				t.Fatalf("clusters %v, want one named %s; diagnostics:\n%s", e.Clusters, tt.want, render(diags))
			}
			if diags.HasErrors() || (len(diags) > 0) != tt.warn {
				t.Errorf("diagnostics:\n%s", render(diags))
			}
		})
	}
}

// TestMalformedManifest: the Kubernetes reader names the file and line.
func TestMalformedManifest(t *testing.T) {
	root := writeTree(t, map[string]string{"pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n"})
	_, diags, st := Paths(context.Background(), []string{root}, Options{})
	if len(diags) == 0 {
		t.Fatal("no diagnostic for malformed YAML")
	}
	d := diags[0]
	if d.Severity != source.Error || d.Input != filepath.Join(root, "pod.yaml") || d.Line != 4 {
		t.Errorf("diagnostic = %s %s, want an error at pod.yaml:4", d.Severity, d.Error())
	}
	if st.Failed != 1 {
		t.Errorf("stats = %+v, want 1 failed", st)
	}
}

// TestExamples: the repository's examples load without errors into an
// estate holding each kind of input.
func TestExamples(t *testing.T) {
	for _, dir := range []string{"insecure", "hardened"} {
		t.Run(dir, func(t *testing.T) {
			e, diags, st := Paths(context.Background(), []string{filepath.Join("..", "..", "examples", dir)}, Options{})
			if diags.HasErrors() {
				t.Errorf("diagnostics:\n%s", render(diags))
			}
			if len(e.Clusters) == 0 || len(e.Workloads) == 0 || st.Read[Dockerfile] != 1 || st.Read[ARMParameters] != 1 {
				t.Errorf("estate lacks clusters (%d) or workloads (%d), or stats are off: %s", len(e.Clusters), len(e.Workloads), st)
			}
		})
	}
}
