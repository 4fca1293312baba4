package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpus is the shared corpus of real inputs (read-only).
const corpus = "../../testdata/corpus"

// TestDetectCorpus checks detection on real files: Azure REST API examples,
// quickstart templates and their parameters, and manifests from Azure's
// AKS samples, plus the repository's examples.
func TestDetectCorpus(t *testing.T) {
	dirs := map[string]func(name string) Kind{
		filepath.Join(corpus, "arm-api"): func(string) Kind { return AzureJSON },
		filepath.Join(corpus, "arm-templates"): func(name string) Kind {
			if strings.HasSuffix(name, ".parameters.json") {
				return ARMParameters
			}
			return ARMTemplate
		},
		filepath.Join(corpus, "k8s"): func(name string) Kind {
			if strings.HasSuffix(name, "cluster-rbac.yaml") {
				return Unknown // every line is commented out
			}
			return Kubernetes
		},
		"../../examples": func(name string) Kind {
			switch {
			case strings.HasSuffix(name, ".parameters.json"):
				return ARMParameters
			case strings.HasSuffix(name, ".bicepparam"):
				return BicepParams
			case strings.HasSuffix(name, ".bicep"):
				return Bicep
			case strings.HasSuffix(name, ".tf"):
				return Terraform
			case strings.Contains(name, "/arm/"):
				return ARMTemplate
			case strings.Contains(name, "/azure-export/"):
				return AzureJSON
			case strings.Contains(name, "/manifests/"):
				return Kubernetes
			case filepath.Base(name) == "Dockerfile":
				return Dockerfile
			}
			return Unknown
		},
	}
	n := 0
	for dir, want := range dirs {
		if _, err := os.Stat(dir); err != nil {
			t.Logf("%s: %v (skipped)", dir, err)
			continue
		}
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasSuffix(p, ".md") {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			n++
			if got, w := Detect(p, data), want(p); got != w {
				t.Errorf("Detect(%s) = %v, want %v", p, got, w)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n == 0 {
		t.Skip("no corpus found")
	}
}
