package webhook

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"

	"github.com/aksguard/aksguard/internal/kubetest"
)

func TestMain(m *testing.M) { os.Exit(kubetest.Main(m)) }

// warnings collects the Warning headers the API server returns to a client.
type warnings struct {
	mu   sync.Mutex
	list []string
}

func (w *warnings) HandleWarningHeader(_ int, _ string, text string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.list = append(w.list, text)
}

// take returns the warnings since the last take.
func (w *warnings) take() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := w.list
	w.list = nil
	return out
}

// syncBuffer is a log destination safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// readOnlyClient returns a client for a user bound only to what the Helm
// chart's ClusterRole grants (get, list and watch on networkpolicies and
// namespaces), so that the informers are shown to need no more.
func readOnlyClient(t *testing.T, srv *kubetest.Server, admin kubernetes.Interface) kubernetes.Interface {
	t.Helper()
	ctx := t.Context()
	const user = "aksguard-webhook-test"
	role := &rbacv1.ClusterRole{
		ObjectMeta: metav1.ObjectMeta{Name: user},
		Rules: []rbacv1.PolicyRule{
			{APIGroups: []string{"networking.k8s.io"}, Resources: []string{"networkpolicies"}, Verbs: []string{"get", "list", "watch"}},
			{APIGroups: []string{""}, Resources: []string{"namespaces"}, Verbs: []string{"get", "list", "watch"}},
		},
	}
	if _, err := admin.RbacV1().ClusterRoles().Create(ctx, role, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	binding := &rbacv1.ClusterRoleBinding{
		ObjectMeta: metav1.ObjectMeta{Name: user},
		RoleRef:    rbacv1.RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: "ClusterRole", Name: user},
		Subjects:   []rbacv1.Subject{{APIGroup: "rbac.authorization.k8s.io", Kind: "User", Name: user}},
	}
	if _, err := admin.RbacV1().ClusterRoleBindings().Create(ctx, binding, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	cert, key, err := srv.CA.Client(user)
	if err != nil {
		t.Fatal(err)
	}
	cfg := rest.CopyConfig(srv.Config)
	cfg.CertData, cfg.KeyData = cert, key
	return kubernetes.NewForConfigOrDie(cfg)
}

// webhookUnderTest is a webhook server registered with the API server.
type webhookUnderTest struct {
	srv     *Server
	metrics *Metrics
	logs    *syncBuffer
}

func startRegistered(t *testing.T, admin kubernetes.Interface, cluster Cluster, ca *kubetest.CA, name string, cfg *Config, selector *metav1.LabelSelector) *webhookUnderTest {
	t.Helper()
	dir := t.TempDir()
	cert, key, err := ca.Serving("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	for f, b := range map[string][]byte{"tls.crt": cert, "tls.key": key} {
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	w := &webhookUnderTest{metrics: NewMetrics(), logs: &syncBuffer{}}
	log := testLoggerTo(w.logs)
	rev, err := NewReviewer(cfg, cluster, log, w.metrics)
	if err != nil {
		t.Fatal(err)
	}
	w.srv, err = NewServer(ServerOptions{Addr: "127.0.0.1:0", MetricsAddr: "127.0.0.1:0",
		CertFile: filepath.Join(dir, "tls.crt"), KeyFile: filepath.Join(dir, "tls.key"), Logger: log}, rev, w.metrics)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.srv.Listen(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.srv.Serve(ctx) }()

	url := "https://" + w.srv.Addr() + "/validate"
	fail, none := admissionregistrationv1.Fail, admissionregistrationv1.SideEffectClassNone
	timeout := int32(5)
	ops := []admissionregistrationv1.OperationType{admissionregistrationv1.Create, admissionregistrationv1.Update}
	rule := func(group string, resources ...string) admissionregistrationv1.RuleWithOperations {
		return admissionregistrationv1.RuleWithOperations{Operations: ops, Rule: admissionregistrationv1.Rule{
			APIGroups: []string{group}, APIVersions: []string{"v1"}, Resources: resources}}
	}
	vwc := &admissionregistrationv1.ValidatingWebhookConfiguration{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Webhooks: []admissionregistrationv1.ValidatingWebhook{{
			Name:         name,
			ClientConfig: admissionregistrationv1.WebhookClientConfig{URL: &url, CABundle: ca.CertPEM},
			// The resources the Helm chart registers.
			Rules: []admissionregistrationv1.RuleWithOperations{
				rule("", "pods", "pods/ephemeralcontainers", "replicationcontrollers"),
				rule("apps", "deployments", "statefulsets", "daemonsets", "replicasets"),
				rule("batch", "jobs", "cronjobs"),
				rule("networking.k8s.io", "ingresses"),
			},
			NamespaceSelector:       selector,
			FailurePolicy:           &fail,
			SideEffects:             &none,
			TimeoutSeconds:          &timeout,
			AdmissionReviewVersions: []string{"v1"},
		}},
	}
	if _, err := admin.AdmissionregistrationV1().ValidatingWebhookConfigurations().Create(t.Context(), vwc, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = admin.AdmissionregistrationV1().ValidatingWebhookConfigurations().Delete(context.Background(), name, metav1.DeleteOptions{})
		cancel()
		if err := <-done; err != nil {
			t.Errorf("%s: Serve: %v", name, err)
		}
	})
	return w
}

func TestAgainstAPIServer(t *testing.T) {
	srv := kubetest.Shared(t)
	admin := srv.Client(t)
	ctx := t.Context()

	// The webhooks read the cluster through informers, with read-only rights.
	ic := NewInformerCluster(readOnlyClient(t, srv, admin))
	ictx, stop := context.WithCancel(context.Background())
	defer func() { stop(); ic.Shutdown() }()
	ic.Start(ictx)
	syncCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := ic.WaitForSync(syncCtx); err != nil {
		t.Fatal(err)
	}

	// Namespaces: the mode label picks the webhook configuration; the
	// enforce one excludes aksguard.io/exempt=true like the Helm chart does,
	// the warn one leaves that to the webhook itself.
	ns := func(labels map[string]string, policy bool) string {
		name := srv.Namespace(t, labels)
		if policy {
			if _, err := admin.NetworkingV1().NetworkPolicies(name).Create(ctx, defaultDeny(name), metav1.CreateOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		return name
	}
	enforceNS := ns(map[string]string{"aksguard-test": "enforce"}, true)
	warnNS := ns(map[string]string{"aksguard-test": "warn"}, true)
	exemptNS := ns(map[string]string{"aksguard-test": "enforce", ExemptLabel: "true"}, false)
	exemptInProcessNS := ns(map[string]string{"aksguard-test": "warn", ExemptLabel: "true"}, false)
	noPolicyNS := ns(map[string]string{"aksguard-test": "enforce"}, false)

	ca, err := kubetest.NewCA("aksguard webhook test CA")
	if err != nil {
		t.Fatal(err)
	}
	enforce := startRegistered(t, admin, ic, ca, "enforce.aksguard.io", cfgWith(nil), &metav1.LabelSelector{
		MatchLabels: map[string]string{"aksguard-test": "enforce"},
		MatchExpressions: []metav1.LabelSelectorRequirement{
			{Key: ExemptLabel, Operator: metav1.LabelSelectorOpNotIn, Values: []string{"true"}},
		},
	})
	warn := startRegistered(t, admin, ic, ca, "warn.aksguard.io", cfgWith(map[string]Mode{"AKS-IMG-01": Warn}), &metav1.LabelSelector{
		MatchLabels: map[string]string{"aksguard-test": "warn"},
	})

	// A client that keeps the warnings the API server relays.
	var ws warnings
	cfg := rest.CopyConfig(srv.Config)
	cfg.WarningHandler = &ws
	cs := kubernetes.NewForConfigOrDie(cfg)
	create := func(d *appsv1.Deployment) error {
		ws.take()
		_, err := cs.AppsV1().Deployments(d.Namespace).Create(ctx, d, metav1.CreateOptions{})
		return err
	}

	// The configurations reach the API server's admission chain
	// asynchronously: wait until a dry run is denied.
	kubetest.Eventually(t, 15*time.Second, func() error {
		d := deployment(enforceNS, "probe", untrustedImage)
		_, err := cs.AppsV1().Deployments(enforceNS).Create(ctx, d, metav1.CreateOptions{DryRun: []string{metav1.DryRunAll}})
		if err == nil {
			return errString("not denied yet")
		}
		if !strings.Contains(err.Error(), "AKS-IMG-01") {
			return err
		}
		return nil
	})
	kubetest.Eventually(t, 15*time.Second, func() error {
		ws.take()
		d := deployment(warnNS, "probe", untrustedImage)
		if _, err := cs.AppsV1().Deployments(warnNS).Create(ctx, d, metav1.CreateOptions{DryRun: []string{metav1.DryRunAll}}); err != nil {
			return err
		}
		if !hasWarning(ws.take(), "AKS-IMG-01") {
			return errString("no warning yet")
		}
		return nil
	})

	t.Run("untrusted image is denied in enforce mode", func(t *testing.T) {
		err := create(deployment(enforceNS, "untrusted", untrustedImage))
		if err == nil {
			t.Fatal("created")
		}
		for _, want := range []string{`admission webhook "enforce.aksguard.io" denied the request`, "AKS-IMG-01", "Fix:"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error lacks %q: %v", want, err)
			}
		}
	})
	t.Run("untrusted image is admitted with a warning in warn mode", func(t *testing.T) {
		if err := create(deployment(warnNS, "untrusted", untrustedImage)); err != nil {
			t.Fatal(err)
		}
		if w := ws.take(); !hasWarning(w, "AKS-IMG-01") || !hasWarning(w, "AKS-IMG-02") {
			t.Errorf("warnings %q, want AKS-IMG-01 and AKS-IMG-02", w)
		}
	})
	t.Run("compliant deployment is admitted without warnings", func(t *testing.T) {
		if err := create(deployment(enforceNS, "compliant", trustedImage)); err != nil {
			t.Fatal(err)
		}
		if w := ws.take(); len(w) > 0 {
			t.Errorf("warnings %q", w)
		}
	})
	t.Run("exempt namespace is not sent to the webhook", func(t *testing.T) {
		if err := create(deployment(exemptNS, "untrusted", untrustedImage)); err != nil {
			t.Fatal(err)
		}
		if w := ws.take(); len(w) > 0 {
			t.Errorf("warnings %q", w)
		}
		if strings.Contains(enforce.logs.String(), exemptNS) || strings.Contains(warn.logs.String(), exemptNS) {
			t.Errorf("a webhook reviewed an object of %s", exemptNS)
		}
	})
	t.Run("exempt namespace is not checked by the webhook either", func(t *testing.T) {
		if err := create(deployment(exemptInProcessNS, "untrusted", untrustedImage)); err != nil {
			t.Fatal(err)
		}
		if w := ws.take(); len(w) > 0 {
			t.Errorf("warnings %q", w)
		}
		if n := counter(t, warn.metrics, "aksguard_webhook_requests_total", "exempt"); n < 1 {
			t.Errorf("exempt reviews counted: %v, want at least 1", n)
		}
	})
	t.Run("credential literal is denied without showing it", func(t *testing.T) {
		err := create(deployment(enforceNS, "creds", trustedImage, envVar("DB_PASSWORD", secretValue)))
		if err == nil || !strings.Contains(err.Error(), "AKS-IAM-08") || strings.Contains(err.Error(), secretValue) {
			t.Errorf("error %v", err)
		}
	})
	t.Run("bare pod with an untrusted image is denied", func(t *testing.T) {
		pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: enforceNS, Name: "bare"},
			Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "busybox"}}}}
		if _, err := cs.CoreV1().Pods(enforceNS).Create(ctx, pod, metav1.CreateOptions{}); err == nil || !strings.Contains(err.Error(), "AKS-IMG-01") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("ingress without TLS warns", func(t *testing.T) {
		ws.take()
		in := &networkingv1.Ingress{ObjectMeta: metav1.ObjectMeta{Namespace: enforceNS, Name: "web"},
			Spec: networkingv1.IngressSpec{Rules: []networkingv1.IngressRule{{Host: "shop.example.com"}}}}
		if _, err := cs.NetworkingV1().Ingresses(enforceNS).Create(ctx, in, metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
		if w := ws.take(); !hasWarning(w, "AKS-IAM-07") {
			t.Errorf("warnings %q", w)
		}
	})
	t.Run("namespace without default deny warns until the policy arrives", func(t *testing.T) {
		if err := create(deployment(noPolicyNS, "web", trustedImage)); err != nil {
			t.Fatal(err)
		}
		if w := ws.take(); !hasWarning(w, "AKS-NET-07") {
			t.Errorf("warnings %q, want AKS-NET-07", w)
		}
		if _, err := admin.NetworkingV1().NetworkPolicies(noPolicyNS).Create(ctx, defaultDeny(noPolicyNS), metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
		// The informer sees the new policy; the next workload is clean.
		kubetest.Eventually(t, 10*time.Second, func() error {
			ws.take()
			d := deployment(noPolicyNS, "web2", trustedImage)
			if _, err := cs.AppsV1().Deployments(noPolicyNS).Create(ctx, d, metav1.CreateOptions{DryRun: []string{metav1.DryRunAll}}); err != nil {
				return err
			}
			if w := ws.take(); len(w) > 0 {
				return errString(strings.Join(w, "; "))
			}
			return nil
		})
	})
	t.Run("update keeping an old failure is admitted, one adding a failure is denied", func(t *testing.T) {
		// "untrusted" was created in exemptNS while it was exempt: lift the
		// exemption, and the deployment is now under enforcement.
		n, err := admin.CoreV1().Namespaces().Get(ctx, exemptNS, metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		delete(n.Labels, ExemptLabel)
		if _, err := admin.CoreV1().Namespaces().Update(ctx, n, metav1.UpdateOptions{}); err != nil {
			t.Fatal(err)
		}
		scale := func(dryRun []string) (*appsv1.Deployment, error) {
			d, err := cs.AppsV1().Deployments(exemptNS).Get(ctx, "untrusted", metav1.GetOptions{})
			if err != nil {
				return nil, err
			}
			d.Spec.Replicas = ptr(*d.Spec.Replicas + 1)
			ws.take()
			return cs.AppsV1().Deployments(exemptNS).Update(ctx, d, metav1.UpdateOptions{DryRun: dryRun})
		}
		kubetest.Eventually(t, 10*time.Second, func() error {
			if _, err := scale([]string{metav1.DryRunAll}); err != nil {
				return err
			}
			if !hasWarning(ws.take(), "AKS-IMG-01 (already failing") {
				return errString("not reviewed yet: the namespace is still exempt")
			}
			return nil
		})
		d, err := scale(nil)
		if err != nil {
			t.Fatalf("scaling a deployment that already failed: %v", err)
		}
		d.Spec.Template.Spec.Containers[0].Image = "docker.io/library/redis:7"
		_, err = cs.AppsV1().Deployments(exemptNS).Update(ctx, d, metav1.UpdateOptions{})
		if err == nil || !strings.Contains(err.Error(), "AKS-IMG-01") {
			t.Errorf("changing to another untrusted image: error %v, want a denial", err)
		}
	})
}

func hasWarning(ws []string, rule string) bool {
	for _, w := range ws {
		if strings.HasPrefix(w, rule) {
			return true
		}
	}
	return false
}

type errString string

func (e errString) Error() string { return string(e) }

func ptr[T any](v T) *T { return &v }
