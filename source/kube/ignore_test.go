package kube

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/estate"
)

func TestIgnoreAnnotation(t *testing.T) {
	loc := estate.Loc{File: "m.yaml", Line: 7, Path: ignorePath}
	tests := []struct {
		value string
		want  []estate.InlineIgnore
	}{
		{"AKS-IMG-02: pinned by the release pipeline", []estate.InlineIgnore{{Rule: "AKS-IMG-02", Reason: "pinned by the release pipeline", Loc: loc}}},
		{"AKS-IMG-02: vendor image, reviewed, AKS-IMG-01: mirrored, see ticket 12", []estate.InlineIgnore{
			{Rule: "AKS-IMG-02", Reason: "vendor image, reviewed", Loc: loc},
			{Rule: "AKS-IMG-01", Reason: "mirrored, see ticket 12", Loc: loc},
		}},
		{"AKS-IMG-02: a\naks-img-01 b\n", []estate.InlineIgnore{
			{Rule: "AKS-IMG-02", Reason: "a", Loc: loc},
			{Rule: "AKS-IMG-01", Reason: "b", Loc: loc},
		}},
		{"AKS-NET-03", []estate.InlineIgnore{{Rule: "AKS-NET-03", Loc: loc}}},
		{"no rule here", nil},
	}
	for _, tt := range tests {
		got := ignores(map[string]string{IgnoreAnnotation: tt.value}, loc)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ignores(%q) (-want +got):\n%s", tt.value, diff)
		}
	}
}

func TestReadIgnoreAnnotation(t *testing.T) {
	e := mustRead(t, `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    aksguard.io/ignore: "AKS-IMG-02: digest pinned at deploy time"
`)
	want := []estate.InlineIgnore{{Rule: "AKS-IMG-02", Reason: "digest pinned at deploy time",
		Loc: estate.Loc{File: "m.yaml", Line: 6, Path: "metadata.annotations.aksguard.io/ignore"}}}
	if diff := cmp.Diff(want, e.Workloads[0].Ignores); diff != "" {
		t.Errorf("ignores (-want +got):\n%s", diff)
	}
}

func TestLooks(t *testing.T) {
	tests := map[string]struct {
		in   string
		want bool
	}{
		"deployment":             {"apiVersion: apps/v1\nkind: Deployment\n", true},
		"kind first, quoted":     {"# c\nkind: \"Service\"\napiVersion: 'v1'\n", true},
		"second document":        {"foo: bar\n---\napiVersion: networking.k8s.io/v1beta1\nkind: Ingress # old\n", true},
		"JSON object":            {`{"kind": "Pod", "apiVersion": "v1"}`, true},
		"custom resource":        {"apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\n", true},
		"ARM resource JSON":      {`{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "kind": "StorageV2"}`, false},
		"helm values":            {"image:\n  repository: nginx\nkind: foo\n", false},
		"nested apiVersion":      {"spec:\n  apiVersion: v1\n  kind: Pod\n", false},
		"compose file":           {"services:\n  web:\n    image: nginx\n", false},
		"dockerfile":             {"FROM alpine\n", false},
		"ARM apiVersion in YAML": {"apiVersion: 2023-01-01\nkind: StorageV2\n", false},
	}
	for name, tt := range tests {
		if got := Looks([]byte(tt.in)); got != tt.want {
			t.Errorf("%s: Looks = %v, want %v", name, got, tt.want)
		}
	}
}
