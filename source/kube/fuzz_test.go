package kube

import (
	"os"
	"testing"

	"github.com/aksguard/aksguard/source"
)

// FuzzRead checks that no manifest makes Read panic, that it always returns
// an estate, and that every error diagnostic names the input.
func FuzzRead(f *testing.F) {
	for _, file := range corpusFiles(f) {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("{\n\t\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [{\"kind\": \"Secret\", \"apiVersion\": \"v1\", \"data\": {\"k\": \"dg==\"}}]}"))
	f.Add([]byte("apiVersion: apps/v1\nkind: DeploymentList\nitems:\n- &a {metadata: {name: x}}\n- <<: *a\n  spec: {replicas: '2'}\n"))
	f.Add([]byte("apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - {name: a, resources: {limits: {cpu: x}}}\n---\n: [\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := Read("fuzz.yaml", data)
		if r.Estate == nil {
			t.Fatal("Read returned no estate")
		}
		for _, d := range r.Diagnostics {
			if d.Input != "fuzz.yaml" || d.Message == "" || (d.Severity == source.Error && d.Line < 1) {
				t.Errorf("malformed diagnostic %+v", d)
			}
		}
		_ = Looks(data)
	})
}
