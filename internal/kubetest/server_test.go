package kubetest_test

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	admissionv1 "k8s.io/api/admission/v1"
	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/aksguard/aksguard/internal/kubetest"
)

func TestMain(m *testing.M) { os.Exit(kubetest.Main(m)) }

func TestAssetsMissing(t *testing.T) {
	t.Setenv("KUBEBUILDER_ASSETS", t.TempDir())
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("TEST_ASSET_KUBE_APISERVER", "")
	t.Setenv("TEST_ASSET_ETCD", "")
	_, _, err := kubetest.Assets()
	if !errors.Is(err, kubetest.ErrNoAssets) {
		t.Fatalf("Assets() error = %v, want ErrNoAssets", err)
	}
	if !strings.Contains(err.Error(), "scripts/kube-test-assets.sh") {
		t.Errorf("the error does not say how to build the binaries: %v", err)
	}
}

// TestServer checks what every user of the package relies on: the admin
// config and the kubeconfig file both reach the same server, which reports
// the version the script builds and stores objects.
func TestServer(t *testing.T) {
	srv := kubetest.Shared(t)
	ctx := context.Background()
	cs := srv.Client(t)
	v, err := cs.Discovery().ServerVersion()
	if err != nil {
		t.Fatal(err)
	}
	if v.GitVersion != kubetest.KubeVersion {
		t.Errorf("server version %s, want %s", v.GitVersion, kubetest.KubeVersion)
	}
	ns := srv.Namespace(t, map[string]string{"purpose": "test"})
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "p"},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "busybox"}}},
	}
	if _, err := cs.CoreV1().Pods(ns).Create(ctx, pod, metav1.CreateOptions{}); err != nil {
		t.Fatalf("create pod: %v", err)
	}

	cfg, err := clientcmd.BuildConfigFromFlags("", srv.KubeconfigPath)
	if err != nil {
		t.Fatalf("read %s: %v", srv.KubeconfigPath, err)
	}
	fromFile, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	pods, err := fromFile.CoreV1().Pods(ns).List(ctx, metav1.ListOptions{})
	if err != nil {
		t.Fatalf("list through the kubeconfig: %v", err)
	}
	if len(pods.Items) != 1 || pods.Items[0].Name != "p" {
		t.Errorf("pods in %s = %v, want [p]", ns, pods.Items)
	}
	if srv.Namespace(t, nil) == ns {
		t.Error("Namespace returned the same name twice")
	}
}

// TestWebhook follows the package documentation's recipe: the API server
// calls a webhook on loopback over TLS with a certificate from NewCA, and
// the webhook's denial reaches the client.
func TestWebhook(t *testing.T) {
	srv := kubetest.Shared(t)
	ctx := context.Background()
	cs := srv.Client(t)
	ns := srv.Namespace(t, map[string]string{"webhook-test": "on"})

	ca, err := kubetest.NewCA("webhook-ca")
	if err != nil {
		t.Fatal(err)
	}
	certPEM, keyPEM, err := ca.Serving("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		t.Fatal(err)
	}
	var calls atomic.Int32
	l, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		var rev admissionv1.AdmissionReview
		if err := json.NewDecoder(r.Body).Decode(&rev); err != nil || rev.Request == nil {
			http.Error(w, "bad review", http.StatusBadRequest)
			return
		}
		var cm corev1.ConfigMap
		_ = json.Unmarshal(rev.Request.Object.Raw, &cm)
		resp := &admissionv1.AdmissionResponse{UID: rev.Request.UID, Allowed: !strings.HasPrefix(cm.Name, "forbidden")}
		if !resp.Allowed {
			resp.Result = &metav1.Status{Message: "denied by the test webhook", Code: http.StatusForbidden}
		}
		rev.Request, rev.Response = nil, resp
		_ = json.NewEncoder(w).Encode(&rev)
	})}
	go hs.Serve(l)
	t.Cleanup(func() { hs.Close() })

	url := "https://" + l.Addr().(*net.TCPAddr).String() + "/validate"
	fail, none := admissionregistrationv1.Fail, admissionregistrationv1.SideEffectClassNone
	name := "kubetest-" + ns
	_, err = cs.AdmissionregistrationV1().ValidatingWebhookConfigurations().Create(ctx, &admissionregistrationv1.ValidatingWebhookConfiguration{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Webhooks: []admissionregistrationv1.ValidatingWebhook{{
			Name:         "configmaps.kubetest.aksguard.io",
			ClientConfig: admissionregistrationv1.WebhookClientConfig{URL: &url, CABundle: ca.CertPEM},
			Rules: []admissionregistrationv1.RuleWithOperations{{
				Operations: []admissionregistrationv1.OperationType{admissionregistrationv1.Create},
				Rule:       admissionregistrationv1.Rule{APIGroups: []string{""}, APIVersions: []string{"v1"}, Resources: []string{"configmaps"}},
			}},
			NamespaceSelector:       &metav1.LabelSelector{MatchLabels: map[string]string{"webhook-test": "on"}},
			FailurePolicy:           &fail,
			SideEffects:             &none,
			AdmissionReviewVersions: []string{"v1"},
		}},
	}, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("register the webhook: %v", err)
	}
	t.Cleanup(func() {
		_ = cs.AdmissionregistrationV1().ValidatingWebhookConfigurations().Delete(ctx, name, metav1.DeleteOptions{})
	})

	attempt := 0
	kubetest.Eventually(t, 10*time.Second, func() error {
		attempt++
		cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("forbidden-%d", attempt)}}
		_, err := cs.CoreV1().ConfigMaps(ns).Create(ctx, cm, metav1.CreateOptions{})
		if err == nil {
			return errors.New("created, the webhook is not in effect yet")
		}
		if !strings.Contains(err.Error(), "denied by the test webhook") {
			return err
		}
		return nil
	})
	if _, err := cs.CoreV1().ConfigMaps(ns).Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "allowed"}}, metav1.CreateOptions{}); err != nil {
		t.Errorf("the webhook denied an allowed object: %v", err)
	}
	if calls.Load() < 2 {
		t.Errorf("the webhook was called %d times, want at least 2", calls.Load())
	}
}
