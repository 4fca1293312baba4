package load

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/source"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             Kind
	}{
		{"template by $schema", "whatever.json", template, ARMTemplate},
		{"template with comments", "main.json", "{\n// the cluster\n\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\", /* x */ \"resources\": []}", ARMTemplate},
		{"subscription template", "sub.json", `{"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#", "resources": []}`, ARMTemplate},
		{"template without $schema", "t.json", `{"contentVersion": "1.0.0.0", "resources": []}`, ARMTemplate},
		{"parameters by $schema", "p.json", parameters, ARMParameters},
		{"parameters without $schema", "p.json", `{"contentVersion": "1.0.0.0", "parameters": {}}`, ARMParameters},
		{"one exported resource", "aks.json", `{"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1", "type": "Microsoft.ContainerService/managedClusters", "properties": {}}`, AzureJSON},
		{"az CLI list", "list.json", `[{"id": "/subscriptions/s/x", "type": "Microsoft.Network/networkSecurityGroups", "name": "n"}]`, AzureJSON},
		{"ARM list response", "list.json", `{"value": [{"id": "/subscriptions/s/x", "type": "Microsoft.Network/routeTables"}], "nextLink": null}`, AzureJSON},
		{"Resource Graph output", "rg.json", `{"count": 1, "data": [{"id": "/subscriptions/s/x", "type": "microsoft.containerservice/managedclusters", "properties": {}}]}`, AzureJSON},
		{"REST API example", "ex.json", `{"parameters": {}, "responses": {"200": {"body": {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/n/securityRules/r", "properties": {}}}}}`, AzureJSON},
		{"manifest YAML", "pod.yaml", pod, Kubernetes},
		{"multi-document manifest", "all.yml", "# app\n---\nkind: Service\napiVersion: v1\n---\napiVersion: apps/v1\nkind: Deployment\n", Kubernetes},
		{"manifest without extension", "pod", pod, Kubernetes},
		{"manifest JSON", "pod.json", `{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}}`, Kubernetes},
		{"TLS secret is not an Azure resource", "s.json", `{"apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/tls", "data": {}}`, Kubernetes},
		{"kubectl list", "l.json", `{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "Namespace"}]}`, Kubernetes},
		{"ARM apiVersion is not Kubernetes", "r.yaml", "apiVersion: 2024-01-01\nkind: StorageV2\n", Unknown},
		{"Dockerfile", "Dockerfile", "# syntax=docker/dockerfile:1\nFROM golang:1.26 AS build\nRUN go build\n", Dockerfile},
		{"Dockerfile variant", "Dockerfile.prod", "ARG BASE=alpine\nFROM ${BASE}\n", Dockerfile},
		{"dockerfile suffix", "api.dockerfile", "from alpine\n", Dockerfile},
		{"Containerfile", "Containerfile", "FROM alpine\n", Dockerfile},
		{"Dockerfile named otherwise", "build/image", "FROM alpine:3.20\nRUN apk add curl\n", Dockerfile},
		{"Trivy report", "trivy.json", `{"SchemaVersion": 2, "ArtifactName": "nginx:1.25", "Results": []}`, VulnReport},
		{"Grype report", "grype.json", `{"matches": [], "source": {"type": "image"}, "descriptor": {"name": "grype"}}`, VulnReport},
		{"package.json", "package.json", `{"name": "x", "version": "1.0.0"}`, Unknown},
		{"compose file", "docker-compose.yaml", "services:\n  web:\n    image: nginx\n", Unknown},
		{"workflow", ".github/workflows/ci.yml", "name: ci\non: push\njobs: {}\n", Unknown},
		{"indented apiVersion is not a manifest", "values.yaml", "app:\n  apiVersion: v1\n  kind: Pod\n", Unknown},
		{"README quoting a manifest", "README.md", pod, Unknown},
		{"Terraform", "main.tf", `resource "azurerm_kubernetes_cluster" "aks" {}`, Terraform},
		{"Terraform JSON", "main.tf.json", `{"resource": {}}`, Terraform},
		{"Terraform variables are read with their module", "prod.tfvars", `location = "westeurope"`, Unknown},
		{"Terraform plan", "plan.json", `{"format_version": "1.2", "terraform_version": "1.9.0", "planned_values": {"root_module": {}}}`, TerraformPlan},
		{"Bicep", "main.bicep", "param location string = resourceGroup().location\n", Bicep},
		{"Bicep parameters", "main.bicepparam", "using './main.bicep'\nparam x = 1\n", BicepParams},
		{"prose starting with From", "letter", "From: me\nTo: you\n", Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect(tt.file, []byte(tt.data)); got != tt.want {
				t.Errorf("Detect(%q) = %v, want %v", tt.file, got, tt.want)
			}
		})
	}
}

func TestDetectBrokenJSON(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             Kind
	}{
		{"template", "x.json", `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [`, ARMTemplate},
		{"export", "x.json", `[{"id": "/subscriptions/s", "type": "Microsoft.Network/virtualNetworks", }]`, AzureJSON},
		{"manifest", "x.json", `{"apiVersion": "v1", "kind": "Pod",,}`, Kubernetes},
		{"report", "x.json", `{"SchemaVersion": 2, "Results": [}`, VulnReport},
		{"someone else's", "x.json", `{"a": 1,}`, Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := detect(tt.file, []byte(tt.data))
			if got != tt.want || err == nil {
				t.Errorf("detect = %v, %v; want %v and a syntax error", got, err, tt.want)
			}
		})
	}
}

func TestStripComments(t *testing.T) {
	in := "{\n  // line comment\n  \"url\": \"https://x/*y*/\", /* block\n spans */ \"a\": \"\\\"//\"\n}"
	got := string(stripComments([]byte(in)))
	if strings.Count(got, "\n") != strings.Count(in, "\n") {
		t.Errorf("line count changed:\n%s", got)
	}
	for _, keep := range []string{`"https://x/*y*/"`, `"\"//"`} {
		if !strings.Contains(got, keep) {
			t.Errorf("string %s was altered:\n%s", keep, got)
		}
	}
	if strings.Contains(got, "comment") || strings.Contains(got, "spans") {
		t.Errorf("comments left in:\n%s", got)
	}
}

func TestDecodeText(t *testing.T) {
	tests := []struct {
		name     string
		in       []byte
		want     string
		binary   bool
		wantLine int
	}{
		{"UTF-8", []byte("a: b\n"), "a: b\n", false, 0},
		{"UTF-8 BOM dropped", []byte("\xef\xbb\xbfa\n"), "a\n", false, 0},
		{"UTF-16LE", []byte{0xFF, 0xFE, 'h', 0, 0xE9, 0, '\n', 0}, "hé\n", false, 0},
		{"UTF-16BE", []byte{0xFE, 0xFF, 0, 'h', 0, '\n'}, "h\n", false, 0},
		{"NUL bytes are binary", []byte("PK\x03\x04\x00\x00"), "", true, 0},
		{"Latin-1", []byte("a\nb\ncaf\xe9\n"), "", false, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, binary, err := decodeText(tt.in)
			line := 0
			if ee, ok := err.(*encodingError); ok {
				line = ee.Line
			}
			if string(got) != tt.want || binary != tt.binary || line != tt.wantLine {
				t.Errorf("decodeText = %q, binary %v, error line %d; want %q, %v, %d", got, binary, line, tt.want, tt.binary, tt.wantLine)
			}
		})
	}
}

func TestParameterCandidates(t *testing.T) {
	tests := []struct {
		template string
		want     []string
	}{
		{"infra/azuredeploy.json", []string{"infra/azuredeploy.parameters.json"}},
		{"main.json", []string{"main.parameters.json"}},
		{"export/template.json", []string{"export/template.parameters.json", "export/parameters.json"}},
		{"aks.template.json", []string{"aks.template.parameters.json", "aks.parameters.json"}},
		{"x.parameters.json", nil},
		{"-", nil},
	}
	for _, tt := range tests {
		got := parameterCandidates(filepath.FromSlash(tt.template))
		for i := range got {
			got[i] = filepath.ToSlash(got[i])
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("parameterCandidates(%q) (-want +got):\n%s", tt.template, diff)
		}
	}
}

func TestFindParameters(t *testing.T) {
	files := map[string]string{
		"a/azuredeploy.parameters.json": parameters,
		"b/main.parameters.json":        `{"not": "parameters"}`,
	}
	sibling := func(name string) ([]byte, bool, error) {
		s, ok := files[filepath.ToSlash(name)]
		return []byte(s), ok, nil
	}
	if p, _ := findParameters("a/azuredeploy.json", sibling, nil); p == nil || p.name != filepath.Clean("a/azuredeploy.parameters.json") {
		t.Errorf("a/azuredeploy.json: got parameters %+v, want a/azuredeploy.parameters.json", p)
	}
	if p, _ := findParameters("b/main.json", sibling, nil); p != nil {
		t.Errorf("b/main.json: a sibling that is not a parameters file was used: %s", p.name)
	}
	pinned := &paramFile{name: "prod.json", data: []byte(parameters)}
	if p, _ := findParameters("a/azuredeploy.json", sibling, pinned); p != pinned {
		t.Errorf("--parameters must win over the convention, got %+v", p)
	}
}

func TestFS(t *testing.T) {
	fsys := fstest.MapFS{
		"manifests/pod.yaml":              {Data: []byte(pod)},
		"arm/azuredeploy.json":            {Data: []byte(template)},
		"arm/azuredeploy.parameters.json": {Data: []byte(parameters)},
		"arm/broken.json":                 {Data: []byte(`{"$schema": "deploymentTemplate.json#",`)},
		"node_modules/x/pod.yaml":         {Data: []byte(pod)},
		"README.md":                       {Data: []byte("# x")},
	}
	_, diags, st := FS(context.Background(), fsys, Options{})
	checkDiags(t, "", diags, []diag{{source.Error, "arm/broken.json", 1, "invalid JSON"}})
	want := map[Kind]int{Kubernetes: 1, ARMTemplate: 1, ARMParameters: 1}
	if diff := cmp.Diff(want, st.Read); diff != "" || st.Files != 5 || st.Skipped != 2 {
		t.Errorf("stats %+v; read (-want +got):\n%s", st, diff)
	}
}

// FuzzDetect: detection and decoding never panic, whatever the bytes.
func FuzzDetect(f *testing.F) {
	for _, s := range []string{template, parameters, pod, "FROM alpine\n", `{"SchemaVersion": 2, "Results": [`, "\xff\xfe{\x00", "{\"a\": \"//\" /* x"} {
		f.Add("x.json", []byte(s))
		f.Add("Dockerfile", []byte(s))
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		text, binary, err := decodeText(data)
		if err != nil || binary {
			return
		}
		_, _ = detect(name, text)
		if got := stripComments(text); len(got) != len(text) {
			t.Errorf("stripComments changed the length: %d → %d", len(text), len(got))
		}
	})
}
