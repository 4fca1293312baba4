package webhook

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"k8s.io/apimachinery/pkg/labels"
)

func TestParseConfig(t *testing.T) {
	cfg, err := ParseConfig("config.yaml", []byte(`
trustedRegistries: [myacr.azurecr.io, "mcr.microsoft.com/oss"]
profile: sensitive
rules:
  AKS-IMG-02: enforce
  aks-net-07: Off
exemptNamespaces: [aksguard]
exemptNamespaceSelector: "team in (platform), !managed"
honorIgnoreAnnotations: true
`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Mode{
		"AKS-IMG-01": Enforce, "AKS-IMG-02": Enforce, "AKS-IAM-08": Enforce, "AKS-IAM-07": Warn, "AKS-NET-07": Off,
	}
	if diff := cmp.Diff(want, cfg.Rules); diff != "" {
		t.Errorf("modes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"aksguard", "kube-system"}, cfg.ExemptNamespaces); diff != "" {
		t.Errorf("exempt namespaces (-want +got):\n%s", diff)
	}
	if !cfg.selector.Matches(labels.Set{"team": "platform"}) || cfg.selector.Matches(labels.Set{"team": "platform", "managed": "x"}) {
		t.Errorf("selector %s", cfg.selector)
	}
	if rc := cfg.rulesConfig(); rc.Profile != "sensitive" || len(rc.TrustedRegistries) != 2 {
		t.Errorf("rules config %+v", rc)
	}
	if cfg.NeedsCluster() {
		t.Error("NET-07 is off: no cluster needed")
	}
	if cfg.File != "config.yaml" {
		t.Errorf("File %q", cfg.File)
	}
}

func TestDefaultConfig(t *testing.T) {
	cfg := DefaultConfig()
	if diff := cmp.Diff(DefaultModes, cfg.Rules); diff != "" {
		t.Errorf("modes (-want +got):\n%s", diff)
	}
	if !cfg.selector.Matches(labels.Set{ExemptLabel: "true"}) || cfg.selector.Matches(labels.Set{}) {
		t.Errorf("default selector %s", cfg.selector)
	}
	if !cfg.NeedsCluster() {
		t.Error("NET-07 warns by default, which reads the cluster")
	}
	empty, err := ParseConfig("empty.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(DefaultModes, empty.Rules); diff != "" {
		t.Errorf("empty file modes (-want +got):\n%s", diff)
	}
}

// A typo must never silently disable enforcement: every mistake is an error
// naming the file.
func TestParseConfigErrors(t *testing.T) {
	for _, tt := range []struct {
		name, yaml, want string
	}{
		{"unknown key", "trustedRegistry: [a.azurecr.io]", "line 1: field trustedRegistry not found"},
		{"unknown rule", "rules: {AKS-NET-01: enforce}", `"AKS-NET-01" is not a rule the webhook runs`},
		{"unknown mode", "rules: {AKS-IMG-01: block}", `mode "block": want enforce, warn, audit or off`},
		{"bad profile", "profile: strict", `profile "strict"`},
		{"registry with scheme", "trustedRegistries: [https://a.azurecr.io]", "want a registry host"},
		{"bad selector", "exemptNamespaceSelector: 'a in (b'", "exemptNamespaceSelector"},
		{"not a mapping", "- a", "cannot unmarshal"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig("webhook.yaml", []byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "webhook.yaml") {
				t.Errorf("error %v, want one naming webhook.yaml and containing %q", err, tt.want)
			}
		})
	}
}
