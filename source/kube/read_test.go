package kube

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
)

// ignoreLocs compares resources without their locations; TestReadLocations
// checks those.
var ignoreLocs = cmp.Options{
	cmpopts.IgnoreTypes(estate.Loc{}),
	cmpopts.EquateEmpty(),
}

func mustRead(t *testing.T, manifest string) *estate.Estate {
	t.Helper()
	r := Read("m.yaml", []byte(manifest))
	if len(r.Diagnostics) > 0 {
		t.Fatalf("Read gave diagnostics: %v", r.Diagnostics)
	}
	return r.Estate
}

func TestReadLocations(t *testing.T) {
	e := mustRead(t, `# comment
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx:1.27
        env:
        - name: A
          value: "1"
        - name: B
          valueFrom: {secretKeyRef: {name: s, key: b}}
---
apiVersion: v1
kind: Namespace
metadata: {name: n}
`)
	w := e.Workloads[0]
	got := []estate.Loc{w.Loc, w.Containers[0].Loc, w.Containers[0].Image.Loc, w.Containers[0].Env[0].Loc, w.Containers[0].Env[1].Loc, e.Namespaces[0].Loc}
	want := []estate.Loc{
		{File: "m.yaml", Line: 3},
		{File: "m.yaml", Line: 11, Path: "spec.template.spec.containers[0]"},
		{File: "m.yaml", Line: 12, Path: "spec.template.spec.containers[0].image"},
		{File: "m.yaml", Line: 14, Path: "spec.template.spec.containers[0].env[0]"},
		{File: "m.yaml", Line: 16, Path: "spec.template.spec.containers[0].env[1]"},
		{File: "m.yaml", Line: 19},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("locations (-want +got):\n%s", diff)
	}
}

func TestReadMissingImagePointsAtContainer(t *testing.T) {
	e := mustRead(t, "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n")
	got := e.Workloads[0].Containers[0].Image
	if got.Known() || got.Loc.Line != 6 || got.Loc.Path != "spec.containers[0].image" {
		t.Errorf("image = %+v, want unknown at line 6, path spec.containers[0].image", got)
	}
}

func TestReadLists(t *testing.T) {
	tests := []struct {
		name     string
		manifest string
		want     []estate.ResourceID
	}{{
		name: "v1 List of mixed kinds",
		manifest: `
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Namespace
  metadata: {name: a}
- apiVersion: rbac.authorization.k8s.io/v1
  kind: Role
  metadata: {name: skipped}
- apiVersion: v1
  kind: Pod
  metadata: {name: p, namespace: a}
  spec: {containers: [{name: c, image: x}]}
`,
		want: []estate.ResourceID{"k8s:Namespace/a", "k8s:Pod/a/p"},
	}, {
		name: "typed list whose items omit their kind, as the API returns them",
		manifest: `
apiVersion: apps/v1
kind: DeploymentList
items:
- metadata: {name: d1, namespace: x}
  spec: {template: {spec: {containers: [{name: c, image: "i:1"}]}}}
- metadata: {name: d2, namespace: x}
`,
		want: []estate.ResourceID{"k8s:Deployment/x/d1", "k8s:Deployment/x/d2"},
	}, {
		name:     "JSON list indented with tabs",
		manifest: "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"List\",\n\t\"items\": [\n\t\t{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"j\"}}\n\t]\n}\n",
		want:     []estate.ResourceID{"k8s:Namespace/j"},
	}, {
		name:     "single JSON object",
		manifest: `{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"np","namespace":"z"},"spec":{"podSelector":{}}}`,
		want:     []estate.ResourceID{"k8s:NetworkPolicy/z/np"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mustRead(t, tt.manifest)
			var got []estate.ResourceID
			for _, r := range e.All() {
				got = append(got, r.M().ID)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("IDs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadSkipsSilently(t *testing.T) {
	tests := map[string]string{
		"empty file":                   "",
		"comments and empty documents": "# nothing\n---\n---\n# more\n...\n",
		"github actions workflow":      "name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n    - uses: actions/checkout@v4\n",
		"helm values":                  "image:\n  repository: nginx\n  tag: latest\nservice:\n  type: ClusterIP\n",
		"custom resource":              "apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\nmetadata: {name: kv}\nspec: {provider: azure}\n",
		"built-in kind name of a CRD":  "apiVersion: example.com/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {template: 42}\n",
		"rbac":                         "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: admins}\nroleRef: {kind: ClusterRole, name: cluster-admin}\n",
		"a scalar and a list":          "just text\n---\n- a\n- b\n",
		"kind without apiVersion":      "kind: Deployment\nmetadata: {name: x}\n",
		"JSON that is not an object":   `[1, 2, 3]`,
		"ARM template":                 `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "kind": "StorageV2"}]}`,
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			r := Read("x.yaml", []byte(in))
			if len(r.Diagnostics) > 0 {
				t.Errorf("diagnostics: %v", r.Diagnostics)
			}
			if n := len(r.Estate.All()); n != 0 {
				t.Errorf("got %d resources, want none", n)
			}
		})
	}
}

func TestReadDiagnostics(t *testing.T) {
	tests := []struct {
		name     string
		manifest string
		want     source.Diagnostics
		wantIDs  []estate.ResourceID // what is still read
	}{{
		name: "broken YAML in the middle document",
		manifest: `apiVersion: v1
kind: Namespace
metadata: {name: a}
---
apiVersion: v1
kind: Pod
metadata: {name: [p
---
apiVersion: v1
kind: Namespace
metadata: {name: c}
`,
		want:    source.Diagnostics{{Severity: source.Error, Input: "bad.yaml", Line: 7, Message: "invalid YAML: did not find expected ',' or ']'"}},
		wantIDs: []estate.ResourceID{"k8s:Namespace/a", "k8s:Namespace/c"},
	}, {
		name: "tab indentation",
		manifest: `apiVersion: v1
kind: Namespace
metadata:
	name: a
`,
		want: source.Diagnostics{{Severity: source.Error, Input: "bad.yaml", Line: 4, Message: "invalid YAML: found character that cannot start any token"}},
	}, {
		name: "image of the wrong type",
		manifest: `apiVersion: v1
kind: Namespace
metadata: {name: a}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
      - name: web
        image:
          repository: nginx
`,
		want: source.Diagnostics{{Severity: source.Error, Input: "bad.yaml", Line: 13,
			Message: "Deployment web: spec.template.spec.containers[0].image: a mapping is not a string"}},
		wantIDs: []estate.ResourceID{"k8s:Namespace/a"},
	}, {
		name: "replicas as a string",
		manifest: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: "two"
`,
		want: source.Diagnostics{{Severity: source.Error, Input: "bad.yaml", Line: 5,
			Message: "Deployment web: spec.replicas: a string is not an integer"}},
	}, {
		name: "malformed quantity",
		manifest: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: c
    image: x
    resources:
      limits: {cpu: lots}
`,
		want: source.Diagnostics{{Severity: source.Error, Input: "bad.yaml", Line: 9,
			Message: "Pod p: spec.containers[0].resources.limits.cpu: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"}},
	}, {
		name:     "duplicate key",
		manifest: "apiVersion: v1\nkind: Secret\nmetadata:\n  name: a\n  name: b\n",
		want: source.Diagnostics{{Severity: source.Error, Input: "bad.yaml", Line: 5,
			Message: `Secret a: key "name" is already defined at line 4`}},
	}, {
		name: "unrendered Helm template",
		manifest: `apiVersion: v1
kind: Namespace
metadata: {name: a}
---
{{- if .Values.enabled }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "chart.fullname" . }}
{{- end }}
`,
		want: source.Diagnostics{{Severity: source.Warning, Input: "bad.yaml", Line: 5,
			Message: "skipped a document with template actions ({{ }}); audit its rendered output (helm template, ...): invalid YAML: did not find expected node content"}},
		wantIDs: []estate.ResourceID{"k8s:Namespace/a"},
	}, {
		name:     "ignore annotation without a rule",
		manifest: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  annotations:\n    aksguard.io/ignore: because\n",
		want: source.Diagnostics{{Severity: source.Warning, Input: "bad.yaml", Line: 6,
			Message: `Namespace a: annotation aksguard.io/ignore names no rule; write "AKS-IMG-02: reason"`}},
		wantIDs: []estate.ResourceID{"k8s:Namespace/a"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Read("bad.yaml", []byte(tt.manifest))
			if diff := cmp.Diff(tt.want, r.Diagnostics); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			var got []estate.ResourceID
			for _, res := range r.Estate.All() {
				got = append(got, res.M().ID)
			}
			if diff := cmp.Diff(tt.wantIDs, got); diff != "" {
				t.Errorf("resources still read (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadAnchorsAndMergeKeys(t *testing.T) {
	e := mustRead(t, `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
      - &base
        name: web
        image: contoso.azurecr.io/web:1.0
        env: [{name: A, value: "1"}]
      - <<: *base
        name: sidecar
`)
	c := e.Workloads[0].Containers
	if len(c) != 2 || c[1].Name != "sidecar" || c[1].Image.V != "contoso.azurecr.io/web:1.0" || len(c[1].Env) != 1 {
		t.Errorf("containers = %+v, want the sidecar to inherit image and env from the anchor", c)
	}
}
