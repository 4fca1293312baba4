package webhook

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	admissionv1 "k8s.io/api/admission/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// outcome is what a test asserts about a response.
type outcome struct {
	Allowed  bool
	Code     int32
	Outcome  string
	Rules    []string // rules named in the denial message
	Warnings []string // rule IDs (and notes) that start each warning
	Audit    []string // audit annotation keys
}

func summarize(resp *admissionv1.AdmissionResponse, out string) outcome {
	o := outcome{Allowed: resp.Allowed, Outcome: out}
	if resp.Result != nil {
		o.Code = resp.Result.Code
		for _, id := range RuleIDs {
			if strings.Contains(resp.Result.Message, id+" (") {
				o.Rules = append(o.Rules, id)
			}
		}
	}
	for _, w := range resp.Warnings {
		head, _, _ := strings.Cut(w, ": ")
		o.Warnings = append(o.Warnings, head)
	}
	for k := range resp.AuditAnnotations {
		o.Audit = append(o.Audit, k)
	}
	return o
}

func cfgWith(modes map[string]Mode, mut ...func(*Config)) *Config {
	c := &Config{TrustedRegistries: []string{"myacr.azurecr.io"}, Rules: modes}
	for _, m := range mut {
		m(c)
	}
	if err := c.complete("test"); err != nil {
		panic(err)
	}
	return c
}

func TestReview(t *testing.T) {
	cluster := &StaticCluster{
		Policies: []*networkingv1.NetworkPolicy{defaultDeny("shop")},
		Namespaces: []*corev1.Namespace{
			{ObjectMeta: metav1.ObjectMeta{Name: "shop"}},
			{ObjectMeta: metav1.ObjectMeta{Name: "legacy", Labels: map[string]string{ExemptLabel: "true"}}},
		},
	}
	good := deployment("shop", "web", trustedImage)
	bad := deployment("shop", "web", untrustedImage)
	creds := deployment("shop", "web", trustedImage, corev1.EnvVar{Name: "DB_PASSWORD", Value: secretValue})
	ing := &networkingv1.Ingress{
		ObjectMeta: metav1.ObjectMeta{Namespace: "shop", Name: "web"},
		Spec:       networkingv1.IngressSpec{Rules: []networkingv1.IngressRule{{Host: "shop.example.com"}}},
	}
	deleting := bad.DeepCopy()
	deleting.DeletionTimestamp = &metav1.Time{Time: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}
	annotated := bad.DeepCopy()
	annotated.Annotations = map[string]string{"aksguard.io/ignore": "AKS-IMG-01: vendor image, reviewed 2026-10"}
	malformed := []byte(`{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":"three"}}`)

	create := func(kind, ns, name string, obj runtime.Object) func(testing.TB) *admissionv1.AdmissionRequest {
		return func(t testing.TB) *admissionv1.AdmissionRequest {
			return request(t, admissionv1.Create, kind, ns, name, obj, nil)
		}
	}
	update := func(obj, old runtime.Object) func(testing.TB) *admissionv1.AdmissionRequest {
		return func(t testing.TB) *admissionv1.AdmissionRequest {
			return request(t, admissionv1.Update, "Deployment", "shop", "web", obj, old)
		}
	}
	tests := []struct {
		name string
		cfg  *Config
		req  func(testing.TB) *admissionv1.AdmissionRequest
		want outcome
	}{
		{"compliant deployment", cfgWith(nil), create("Deployment", "shop", "web", good),
			outcome{Allowed: true, Outcome: "allowed"}},
		{"untrusted image, enforce", cfgWith(nil), create("Deployment", "shop", "web", bad),
			// IMG-02 warns too: the image is pinned by tag.
			outcome{Code: 403, Outcome: "denied", Rules: []string{"AKS-IMG-01"}, Warnings: []string{"AKS-IMG-02"}}},
		{"untrusted image, warn", cfgWith(map[string]Mode{"AKS-IMG-01": Warn}), create("Deployment", "shop", "web", bad),
			outcome{Allowed: true, Outcome: "allowed", Warnings: []string{"AKS-IMG-01", "AKS-IMG-02"}}},
		{"untrusted image, audit", cfgWith(map[string]Mode{"AKS-IMG-01": Audit, "AKS-IMG-02": Audit}), create("Deployment", "shop", "web", bad),
			outcome{Allowed: true, Outcome: "allowed", Audit: []string{"aks-img-01", "aks-img-02"}}},
		{"untrusted image, off", cfgWith(map[string]Mode{"AKS-IMG-01": Off, "AKS-IMG-02": Off}), create("Deployment", "shop", "web", bad),
			outcome{Allowed: true, Outcome: "allowed"}},
		{"credential literal in env", cfgWith(nil), create("Deployment", "shop", "web", creds),
			outcome{Code: 403, Outcome: "denied", Rules: []string{"AKS-IAM-08"}}},
		{"namespace without default deny warns", cfgWith(nil), create("Deployment", "team-b", "web", deployment("team-b", "web", trustedImage)),
			outcome{Allowed: true, Outcome: "allowed", Warnings: []string{"AKS-NET-07"}}},
		{"pod", cfgWith(nil), create("Pod", "shop", "p", &corev1.Pod{
			ObjectMeta: metav1.ObjectMeta{Namespace: "shop", Name: "p"},
			Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "nginx"}}},
		}), outcome{Code: 403, Outcome: "denied", Rules: []string{"AKS-IMG-01"}, Warnings: []string{"AKS-IMG-02"}}},
		{"unreadable image reference is a warning, not a denial", cfgWith(nil), create("Deployment", "shop", "web", deployment("shop", "web", "Not A Reference")),
			outcome{Allowed: true, Outcome: "allowed", Warnings: []string{"AKS-IMG-01 (could not decide)", "AKS-IMG-02 (could not decide)"}}},
		{"ingress without TLS warns", cfgWith(nil), create("Ingress", "shop", "web", ing),
			outcome{Allowed: true, Outcome: "allowed", Warnings: []string{"AKS-IAM-07"}}},
		{"ingress without TLS, enforce", cfgWith(map[string]Mode{"AKS-IAM-07": Enforce}), create("Ingress", "shop", "web", ing),
			outcome{Code: 403, Outcome: "denied", Rules: []string{"AKS-IAM-07"}}},
		{"secret with data is not judged", cfgWith(nil), create("Secret", "shop", "s", &corev1.Secret{
			ObjectMeta: metav1.ObjectMeta{Namespace: "shop", Name: "s"}, Data: map[string][]byte{"password": []byte(secretValue)},
		}), outcome{Allowed: true, Outcome: "skipped"}},
		{"configmap is not reviewed", cfgWith(nil), create("ConfigMap", "shop", "c", &corev1.ConfigMap{}),
			outcome{Allowed: true, Outcome: "skipped"}},
		{"kube-system is exempt", cfgWith(nil), create("Deployment", "kube-system", "web", deployment("kube-system", "web", untrustedImage)),
			outcome{Allowed: true, Outcome: "exempt"}},
		{"namespace exempt by label", cfgWith(nil), create("Deployment", "legacy", "web", deployment("legacy", "web", untrustedImage)),
			outcome{Allowed: true, Outcome: "exempt"}},
		{"namespace exempt by configured name", cfgWith(nil, func(c *Config) { c.ExemptNamespaces = []string{"aksguard"} }),
			create("Deployment", "aksguard", "web", deployment("aksguard", "web", untrustedImage)),
			outcome{Allowed: true, Outcome: "exempt"}},
		{"delete is not judged", cfgWith(nil), func(t testing.TB) *admissionv1.AdmissionRequest {
			return request(t, admissionv1.Delete, "Deployment", "shop", "web", nil, bad)
		}, outcome{Allowed: true, Outcome: "skipped"}},
		{"object being deleted is not judged", cfgWith(nil), update(deleting, bad),
			outcome{Allowed: true, Outcome: "skipped"}},
		{"update keeping an old failure warns", cfgWith(nil), update(bad, bad),
			outcome{Allowed: true, Outcome: "allowed", Warnings: []string{"AKS-IMG-01 (already failing before this update, so not enforced on it)", "AKS-IMG-02"}}},
		{"update introducing a failure is denied", cfgWith(nil), update(bad, good),
			outcome{Code: 403, Outcome: "denied", Rules: []string{"AKS-IMG-01"}, Warnings: []string{"AKS-IMG-02"}}},
		{"ignore annotation not honoured by default", cfgWith(nil), create("Deployment", "shop", "web", annotated),
			outcome{Code: 403, Outcome: "denied", Rules: []string{"AKS-IMG-01"}, Warnings: []string{"AKS-IMG-02"}}},
		{"ignore annotation honoured when configured", cfgWith(nil, func(c *Config) { c.HonorIgnoreAnnotations = true }),
			create("Deployment", "shop", "web", annotated),
			outcome{Allowed: true, Outcome: "allowed", Warnings: []string{"AKS-IMG-02"}}},
		{"malformed object is denied with 400", cfgWith(nil), func(t testing.TB) *admissionv1.AdmissionRequest {
			req := request(t, admissionv1.Create, "Deployment", "shop", "web", good, nil)
			req.Object.Raw = malformed
			return req
		}, outcome{Code: 400, Outcome: "error"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			r, err := NewReviewer(tt.cfg, cluster, testLogger(&logs), nil)
			if err != nil {
				t.Fatal(err)
			}
			req := tt.req(t)
			resp, out := r.Review(context.Background(), req)
			if resp.UID != req.UID {
				t.Errorf("response UID %q, want the request's %q", resp.UID, req.UID)
			}
			got := summarize(resp, out)
			if diff := cmp.Diff(tt.want, got, sortStrings); diff != "" {
				t.Errorf("outcome (-want +got):\n%s\nresponse: %+v", diff, resp)
			}
			all := logs.String() + mustString(t, resp)
			if strings.Contains(all, secretValue) {
				t.Errorf("a secret value leaked into the response or the logs:\n%s", all)
			}
		})
	}
}

var sortStrings = cmp.Transformer("sort", func(in []string) []string {
	out := append([]string(nil), in...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
})

func mustString(t testing.TB, v any) string { return string(mustJSON(t, v)) }

// The denial message is what the person running kubectl reads: it names the
// rule, the container and image that failed, and the fix.
func TestDenialMessage(t *testing.T) {
	r, err := NewReviewer(cfgWith(nil), &StaticCluster{}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, _ := r.Review(context.Background(),
		request(t, admissionv1.Create, "Deployment", "shop", "web", deployment("shop", "web", untrustedImage), nil))
	msg := resp.Result.Message
	for _, want := range []string{
		"aksguard denied Deployment shop/web",
		"AKS-IMG-01 (Workloads run images from trusted registries only)",
		`containers[web]: image "docker.io/library/nginx:1.27"`,
		"index.docker.io", "myacr.azurecr.io",
		"Fix: Set spec.containers[].image",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("denial message lacks %q:\n%s", want, msg)
		}
	}
	for _, w := range resp.Warnings {
		if n := len([]rune(w)); n > maxWarning {
			t.Errorf("warning of %d characters, over the API's %d: %q", n, maxWarning, w)
		}
		if strings.ContainsAny(w, "\n\r\t") {
			t.Errorf("warning holds control characters, which a Warning header cannot carry: %q", w)
		}
	}
}

// A NET-07 warning comes from the Fix with a multi-line YAML example: the
// warning must still be one short line.
func TestWarningIsOneShortLine(t *testing.T) {
	r, err := NewReviewer(cfgWith(nil), &StaticCluster{}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	long := deployment("team-b", "web", trustedImage)
	for i := range 20 {
		c := long.Spec.Template.Spec.Containers[0]
		c.Name = strings.Repeat("x", 10) + string(rune('a'+i))
		c.Image = "registry-" + string(rune('a'+i)) + ".example.com/app:v1"
		long.Spec.Template.Spec.Containers = append(long.Spec.Template.Spec.Containers, c)
	}
	resp, _ := r.Review(context.Background(), request(t, admissionv1.Create, "Deployment", "team-b", "web", long, nil))
	if len(resp.Warnings) == 0 {
		t.Fatal("no warnings")
	}
	for _, w := range resp.Warnings {
		if n := len([]rune(w)); n > maxWarning {
			t.Errorf("warning of %d characters: %q", n, w)
		}
		if !strings.HasSuffix(w, ")") || strings.ContainsAny(w, "\n\t") {
			t.Errorf("warning not a single line ending with the fix pointer: %q", w)
		}
	}
}

func TestNewReviewerNeedsClusterForNET07(t *testing.T) {
	if _, err := NewReviewer(cfgWith(nil), nil, nil, nil); err == nil {
		t.Error("NET-07 on without a cluster: want an error")
	}
	if _, err := NewReviewer(cfgWith(map[string]Mode{"AKS-NET-07": Off}), nil, nil, nil); err != nil {
		t.Errorf("NET-07 off without a cluster: %v", err)
	}
}
