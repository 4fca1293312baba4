package cli

import (
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"

	"github.com/aksguard/aksguard/internal/kubetest"
	"github.com/aksguard/aksguard/internal/policy"
	"github.com/aksguard/aksguard/report"
	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/rules/catalog"
)

// The tests of scan cluster share one API server (internal/kubetest),
// started by the first of them and stopped here.
func TestMain(m *testing.M) { os.Exit(kubetest.Main(m)) }

// clusterKubeconfig writes a kubeconfig whose current context, "broken",
// points at a closed port, with the test server under the context
// kubetest.ContextName.
func clusterKubeconfig(t *testing.T, srv *kubetest.Server) string {
	t.Helper()
	cfg := srv.Kubeconfig()
	cfg.Clusters["broken"] = &clientcmdapi.Cluster{Server: "https://127.0.0.1:1", CertificateAuthorityData: srv.CA.CertPEM}
	cfg.Contexts["broken"] = &clientcmdapi.Context{Cluster: "broken", AuthInfo: kubetest.UserName}
	cfg.CurrentContext = "broken"
	path := filepath.Join(t.TempDir(), "kubeconfig")
	if err := clientcmd.WriteToFile(*cfg, path); err != nil {
		t.Fatal(err)
	}
	return path
}

// createPod creates a pod with one container.
func createPod(t *testing.T, srv *kubetest.Server, ns, name, image string) {
	t.Helper()
	p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Image: image}}}}
	if _, err := srv.Client(t).CoreV1().Pods(ns).Create(context.Background(), p, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
}

// verdictOf returns the verdict of rule on resource in rep, 0 if none.
func verdictOf(rep report.Report, rule, resource string) rules.Verdict {
	for _, f := range rep.Findings {
		if f.Rule == rule && f.Resource.ID == resource {
			return f.Verdict
		}
	}
	return 0
}

// TestScanClusterKubeconfig: the cluster is chosen as kubectl chooses it
// (--kubeconfig or $KUBECONFIG, current context or --context), and a
// cluster that cannot be reached exits 2 with the reason and no report.
func TestScanClusterKubeconfig(t *testing.T) {
	srv := kubetest.Shared(t)
	ns := srv.Namespace(t, nil)
	createPod(t, srv, ns, "web", "docker.io/library/nginx:latest")
	kc := clusterKubeconfig(t, srv)
	podID := "k8s:Pod/" + ns + "/web"

	tests := []struct {
		name       string
		env        string // $KUBECONFIG
		args       []string
		wantCode   int
		wantStderr []string
	}{
		{name: "--context", args: []string{"--kubeconfig", kc, "--context", kubetest.ContextName},
			wantCode: policy.ExitFindings, wantStderr: []string{`cluster context "kubetest" (` + srv.URL + `)`}},
		{name: "$KUBECONFIG", env: kc, args: []string{"--context", kubetest.ContextName}, wantCode: policy.ExitFindings},
		{name: "unreachable current context", args: []string{"--kubeconfig", kc}, wantCode: policy.ExitError,
			wantStderr: []string{`aksguard: scan cluster: cannot read context "broken" (https://127.0.0.1:1)`, "connection refused"}},
		{name: "unknown context", args: []string{"--kubeconfig", kc, "--context", "nope"}, wantCode: policy.ExitError,
			wantStderr: []string{`kubeconfig ` + kc + ` has no context "nope" (it has: broken, kubetest)`}},
		{name: "missing kubeconfig", args: []string{"--kubeconfig", filepath.Join(t.TempDir(), "none")}, wantCode: policy.ExitError,
			wantStderr: []string{"aksguard: scan cluster:", "none"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("KUBECONFIG", tt.env)
			args := append([]string{"scan", "cluster", "--namespace", ns, "--format", "json"}, tt.args...)
			res := run(t, t.TempDir(), catalog.All(), "", args...)
			if res.code != tt.wantCode {
				t.Fatalf("exit %d, want %d\nstderr:\n%s", res.code, tt.wantCode, res.stderr)
			}
			for _, want := range tt.wantStderr {
				if !strings.Contains(res.stderr, want) {
					t.Errorf("stderr does not say %q:\n%s", want, res.stderr)
				}
			}
			if tt.wantCode == policy.ExitError {
				if res.stdout != "" {
					t.Errorf("a report was written although the cluster could not be read:\n%s", res.stdout)
				}
				return
			}
			rep := decodeReport(t, res.stdout)
			if got := verdictOf(rep, "AKS-IMG-01", podID); got != rules.Failed {
				t.Errorf("AKS-IMG-01 on %s: %v, want fail (a Docker Hub image)", podID, got)
			}
		})
	}
}

// TestScanClusterMergesFiles: paths given with scan cluster join the live
// workloads, here with the registries of an Azure export, which become the
// trusted registries.
func TestScanClusterMergesFiles(t *testing.T) {
	srv := kubetest.Shared(t)
	ns := srv.Namespace(t, nil)
	const digest = "@sha256:3b1f0c9e5d2a4b6c8e0f1a3c5e7d9b2a4c6e8f0a1b3d5f7e9c2a4b6d8f0e1c3a"
	createPod(t, srv, ns, "ours", "acrhardened.azurecr.io/shop/web"+digest)
	createPod(t, srv, ns, "theirs", "someoneelse.azurecr.io/shop/web"+digest)
	export, err := filepath.Abs("../../examples/hardened/azure-export")
	if err != nil {
		t.Fatal(err)
	}
	base := []string{"scan", "cluster", "--kubeconfig", srv.KubeconfigPath, "--namespace", ns, "--format", "json", "--show", "all"}

	// The cluster alone: any ACR is trusted, as an assumption.
	alone := decodeReport(t, run(t, t.TempDir(), catalog.All(), "", base...).stdout)
	// With the export: only its registry is.
	res := run(t, t.TempDir(), catalog.All(), "", append(base, export)...)
	joined := decodeReport(t, res.stdout)
	for _, tt := range []struct {
		pod         string
		alone, with rules.Verdict
	}{
		{"ours", rules.Passed, rules.Passed},
		{"theirs", rules.Passed, rules.Failed},
	} {
		id := "k8s:Pod/" + ns + "/" + tt.pod
		if got := verdictOf(alone, "AKS-IMG-01", id); got != tt.alone {
			t.Errorf("cluster alone: AKS-IMG-01 on %s = %v, want %v", id, got, tt.alone)
		}
		if got := verdictOf(joined, "AKS-IMG-01", id); got != tt.with {
			t.Errorf("cluster + export: AKS-IMG-01 on %s = %v, want %v", id, got, tt.with)
		}
	}
	if !strings.Contains(res.stderr, "read ") {
		t.Errorf("stderr does not count the files read:\n%s", res.stderr)
	}
	clusterFindings := 0
	for _, f := range joined.Findings {
		if strings.HasPrefix(f.Resource.ID, "/subscriptions/") {
			clusterFindings++
		}
	}
	if clusterFindings == 0 {
		t.Error("the report has no finding on the exported Azure resources")
	}
}

// TestScanClusterSecretValues: no form of a Secret's value appears in any
// report format or on stderr, while the Secret shipped by kubectl still
// fails AKS-IAM-08.
func TestScanClusterSecretValues(t *testing.T) {
	srv := kubetest.Shared(t)
	ns := srv.Namespace(t, nil)
	const value = "hunter2-but-longer-9f1c"
	sec := &corev1.Secret{
		ObjectMeta: metav1.ObjectMeta{Name: "db", Annotations: map[string]string{
			// What client-side kubectl apply leaves on the object.
			"kubectl.kubernetes.io/last-applied-configuration": `{"apiVersion":"v1","kind":"Secret","stringData":{"password":"` + value + `"}}`,
		}},
		StringData: map[string]string{"password": value},
	}
	if _, err := srv.Client(t).CoreV1().Secrets(ns).Create(context.Background(), sec, metav1.CreateOptions{FieldManager: "kubectl-client-side-apply"}); err != nil {
		t.Fatal(err)
	}
	id := "k8s:Secret/" + ns + "/db"
	for _, format := range []string{"json", "sarif", "table"} {
		res := run(t, t.TempDir(), catalog.All(), "", "scan", "cluster", "--kubeconfig", srv.KubeconfigPath,
			"--namespace", ns, "--format", format, "--show", "all")
		if res.code != policy.ExitFindings {
			t.Fatalf("%s: exit %d, want 1\nstderr:\n%s", format, res.code, res.stderr)
		}
		for _, v := range []string{value, base64.StdEncoding.EncodeToString([]byte(value))} {
			if strings.Contains(res.stdout, v) || strings.Contains(res.stderr, v) {
				t.Errorf("%s: the output holds the secret's value (%q)", format, v)
			}
		}
		if format == "json" {
			if got := verdictOf(decodeReport(t, res.stdout), "AKS-IAM-08", id); got != rules.Failed {
				t.Errorf("AKS-IAM-08 on %s = %v, want fail", id, got)
			}
		}
	}
}
