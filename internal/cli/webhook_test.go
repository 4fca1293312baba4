package cli

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aksguard/aksguard/internal/iostreams"
)

func TestWebhookFlags(t *testing.T) {
	io, _, _, _ := iostreams.Test()
	var got *WebhookOptions
	cmd := newCmdWebhook(&Factory{IO: io, Version: "v1"}, func(_ context.Context, o *WebhookOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--config", "c.yaml", "--addr", ":9443", "--metrics-addr", "", "--tls-cert-file", "a.crt",
		"--tls-key-file", "a.key", "--namespace", "aksguard", "--log-level", "debug", "--shutdown-delay", "5s",
		"--shutdown-timeout", "20s", "--cert-poll-interval", "1m"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	want := WebhookOptions{IO: io, Version: "v1", ConfigFile: "c.yaml", Addr: ":9443", CertFile: "a.crt", KeyFile: "a.key",
		Namespace: "aksguard", LogLevel: "debug", ShutdownDelay: 5 * time.Second, ShutdownTimeout: 20 * time.Second,
		CertPollInterval: time.Minute}
	if *got != want {
		t.Errorf("options\n got %+v\nwant %+v", *got, want)
	}
}

// A webhook that cannot start exits 2 with a message naming what to fix,
// before it serves anything.
func TestWebhookStartErrors(t *testing.T) {
	noCluster := []string{"--kubeconfig", "/nonexistent/kubeconfig", "--addr", "127.0.0.1:0", "--metrics-addr", "127.0.0.1:0"}
	tests := []struct {
		name  string
		files map[string]string
		args  []string
		want  string
	}{
		{"bad configuration", map[string]string{"c.yaml": "rules: {AKS-IMG-01: block}\n"},
			[]string{"--config", "@c.yaml"}, `c.yaml: rules.AKS-IMG-01: mode "block"`},
		{"NET-07 without cluster access", map[string]string{"c.yaml": "{}\n"},
			[]string{"--config", "@c.yaml"}, "AKS-NET-07 reads the cluster's network policies"},
		{"no certificate", map[string]string{"c.yaml": "rules: {AKS-NET-07: off}\n"},
			[]string{"--config", "@c.yaml", "--tls-cert-file", "@none.crt", "--tls-key-file", "@none.key"}, "none.crt"},
		{"bad log level", nil, []string{"--log-level", "loud"}, `"loud": want debug or info or warn or error`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tree(t, tt.files)
			r := run(t, dir, nil, "", append(append([]string{"webhook"}, tt.args...), noCluster...)...)
			if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %q", r.code, r.stderr, tt.want)
			}
		})
	}
}
