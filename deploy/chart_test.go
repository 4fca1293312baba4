package deploy

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	"sigs.k8s.io/yaml"

	"github.com/aksguard/aksguard/internal/cli"
	"github.com/aksguard/aksguard/internal/config"
	"github.com/aksguard/aksguard/internal/iostreams"
	"github.com/aksguard/aksguard/internal/webhook"
	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/rules/catalog"
	"github.com/aksguard/aksguard/source/load"
)

// The chart's default rendering and the Dockerfile pass aksguard's own scan:
// the same loader and the whole catalog as `aksguard scan`, no failure.
func TestChartAndDockerfilePassOwnScan(t *testing.T) {
	dir := t.TempDir()
	mustRender(t, nil).writeManifests(t, dir)
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), readFile(t, "../Dockerfile"), 0o644); err != nil {
		t.Fatal(err)
	}
	est, diags, _ := load.Paths(context.Background(), []string{dir}, load.Options{})
	for _, d := range diags {
		t.Errorf("diagnostic: %v", d)
	}
	findings, err := rules.Evaluate(context.Background(), est, config.Default().Rules(), catalog.All())
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]rules.Verdict{}
	for _, f := range findings {
		if f.Verdict == rules.Failed || f.Verdict == rules.Unknown {
			t.Errorf("%s %s on %s: %s", f.Rule, f.Verdict, f.Resource.ID, f.Evidence)
		}
		seen[f.Rule] = f.Verdict
	}
	// The scan must have judged what the chart is about, or a pass means
	// nothing: the workload's image, its namespace's policies, the image's
	// build.
	for _, id := range []string{"AKS-IMG-01", "AKS-IMG-02", "AKS-IAM-08", "AKS-NET-07", "AKS-IMG-04"} {
		if seen[id] != rules.Passed {
			t.Errorf("%s: verdict %v, want a pass", id, seen[id])
		}
	}
}

// Every built-in object of the chart decodes strictly into its Go type, so
// a misspelt field is caught here rather than by the API server.
func TestChartObjectsAreStrictlyValid(t *testing.T) {
	r := mustRender(t, nil)
	var kinds []string
	for _, o := range r.objects {
		kinds = append(kinds, o.u.GetKind())
		newObj, ok := typed[o.u.GetKind()]
		if !ok {
			if o.u.GetAPIVersion() != "cert-manager.io/v1" {
				t.Errorf("%s: unexpected %s %s", o.file, o.u.GetAPIVersion(), o.u.GetKind())
			}
			continue
		}
		if err := yaml.UnmarshalStrict(o.raw, newObj()); err != nil {
			t.Errorf("%s: %s %s: %v", o.file, o.u.GetKind(), o.u.GetName(), err)
		}
		if ns := o.u.GetNamespace(); ns != releaseNS && !strings.HasPrefix(o.u.GetKind(), "Cluster") &&
			o.u.GetKind() != "ValidatingWebhookConfiguration" {
			t.Errorf("%s %s in namespace %q, want %q", o.u.GetKind(), o.u.GetName(), ns, releaseNS)
		}
	}
	slices.Sort(kinds)
	want := []string{"Certificate", "ClusterRole", "ClusterRoleBinding", "ConfigMap", "Deployment", "Issuer",
		"NetworkPolicy", "NetworkPolicy", "PodDisruptionBudget", "Service", "ServiceAccount", "ValidatingWebhookConfiguration"}
	if diff := cmp.Diff(want, kinds); diff != "" {
		t.Errorf("kinds (-want +got):\n%s", diff)
	}
}

func TestChartDeployment(t *testing.T) {
	var d appsv1.Deployment
	mustRender(t, nil).one(t, "Deployment", &d)
	if d.Spec.Replicas == nil || *d.Spec.Replicas != 2 {
		t.Errorf("replicas %v, want 2", d.Spec.Replicas)
	}
	pod := d.Spec.Template.Spec
	if a := pod.Affinity; a == nil || a.PodAntiAffinity == nil ||
		len(a.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution) == 0 ||
		a.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution[0].PodAffinityTerm.TopologyKey != "kubernetes.io/hostname" {
		t.Errorf("no pod anti-affinity across nodes: %+v", pod.Affinity)
	}
	if sc := pod.SecurityContext; sc == nil || sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot {
		t.Error("pod not runAsNonRoot")
	}
	c := pod.Containers[0]
	if c.Image != "yourregistry.azurecr.io/aksguard:0.1.0@sha256:0000000000000000000000000000000000000000000000000000000000000000" {
		t.Errorf("image %q", c.Image)
	}
	sc := c.SecurityContext
	if sc == nil || sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem ||
		sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation ||
		sc.Capabilities == nil || !slices.Equal(sc.Capabilities.Drop, []corev1.Capability{"ALL"}) {
		t.Errorf("container security context %+v", sc)
	}
	for _, res := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
		if _, ok := c.Resources.Requests[res]; !ok {
			t.Errorf("no %s request", res)
		}
		if _, ok := c.Resources.Limits[res]; !ok {
			t.Errorf("no %s limit", res)
		}
	}
	if c.ReadinessProbe == nil || c.ReadinessProbe.HTTPGet.Path != "/readyz" || c.LivenessProbe == nil || c.LivenessProbe.HTTPGet.Path != "/healthz" {
		t.Error("probes missing")
	}
	if d.Spec.Template.Annotations["checksum/config"] == "" {
		t.Error("no config checksum: a config change would not roll the pods")
	}
	var pdb policyv1.PodDisruptionBudget
	mustRender(t, nil).one(t, "PodDisruptionBudget", &pdb)
	if pdb.Spec.MinAvailable == nil || pdb.Spec.MinAvailable.IntValue() != 1 {
		t.Errorf("PDB minAvailable %v", pdb.Spec.MinAvailable)
	}
}

// The ServiceAccount may only read what the webhook caches.
func TestChartRBACIsReadOnly(t *testing.T) {
	var cr rbacv1.ClusterRole
	mustRender(t, nil).one(t, "ClusterRole", &cr)
	var resources []string
	for _, rule := range cr.Rules {
		resources = append(resources, rule.Resources...)
		for _, v := range rule.Verbs {
			if v != "get" && v != "list" && v != "watch" {
				t.Errorf("verb %q on %v: the webhook only reads", v, rule.Resources)
			}
		}
	}
	if diff := cmp.Diff([]string{"networkpolicies", "namespaces"}, resources); diff != "" {
		t.Errorf("resources (-want +got):\n%s", diff)
	}
}

func TestChartNetworkPolicies(t *testing.T) {
	r := mustRender(t, nil)
	var denyAll, webhookPolicy bool
	for _, o := range r.find("NetworkPolicy") {
		var np networkingv1.NetworkPolicy
		if err := yaml.UnmarshalStrict(o.raw, &np); err != nil {
			t.Fatal(err)
		}
		switch {
		case len(np.Spec.PodSelector.MatchLabels) == 0 && len(np.Spec.Ingress) == 0:
			denyAll = true
		case len(np.Spec.Ingress) > 0 && np.Spec.Ingress[0].Ports[0].Port.IntValue() == 8443:
			webhookPolicy = true
		}
	}
	if !denyAll || !webhookPolicy {
		t.Errorf("default deny %v, webhook policy %v: want both", denyAll, webhookPolicy)
	}
}

// The chart's ConfigMap is a configuration the webhook binary accepts, and
// exempts the release namespace.
func TestChartConfigIsValidForTheWebhook(t *testing.T) {
	var cm corev1.ConfigMap
	mustRender(t, map[string]any{"config": map[string]any{"trustedRegistries": []any{"myacr.azurecr.io"}}}).one(t, "ConfigMap", &cm)
	cfg, err := webhook.ParseConfig("configmap config.yaml", []byte(cm.Data["config.yaml"]))
	if err != nil {
		t.Fatalf("%v\n%s", err, cm.Data["config.yaml"])
	}
	if diff := cmp.Diff(webhook.DefaultModes, cfg.Rules); diff != "" {
		t.Errorf("modes (-want +got):\n%s", diff)
	}
	if !slices.Contains(cfg.ExemptNamespaces, releaseNS) || !slices.Equal(cfg.TrustedRegistries, []string{"myacr.azurecr.io"}) {
		t.Errorf("config %+v", cfg)
	}
}

func TestChartWebhookConfiguration(t *testing.T) {
	tests := []struct {
		name   string
		values map[string]any
		check  func(t *testing.T, r *rendered, w admissionregistrationv1.ValidatingWebhook, annotations map[string]string)
	}{
		{"defaults: cert-manager, Fail, 5 s", nil, func(t *testing.T, r *rendered, w admissionregistrationv1.ValidatingWebhook, ann map[string]string) {
			if *w.FailurePolicy != admissionregistrationv1.Fail || *w.TimeoutSeconds != 5 || *w.SideEffects != admissionregistrationv1.SideEffectClassNone {
				t.Errorf("failurePolicy %v, timeout %v, sideEffects %v", *w.FailurePolicy, *w.TimeoutSeconds, *w.SideEffects)
			}
			if ann["cert-manager.io/inject-ca-from"] != releaseNS+"/aksguard-serving" {
				t.Errorf("cainjector annotation %q", ann["cert-manager.io/inject-ca-from"])
			}
			if len(r.find("Certificate")) != 1 || len(r.find("Issuer")) != 1 {
				t.Error("want a Certificate and a self-signed Issuer")
			}
			exempt := w.NamespaceSelector.MatchExpressions[0]
			if exempt.Key != "kubernetes.io/metadata.name" || exempt.Operator != "NotIn" ||
				!slices.Equal(exempt.Values, []string{"kube-system", releaseNS}) {
				t.Errorf("namespace selector %+v", w.NamespaceSelector)
			}
			if !slices.Equal(w.AdmissionReviewVersions, []string{"v1"}) || *w.ClientConfig.Service.Path != "/validate" {
				t.Errorf("versions %v, path %v", w.AdmissionReviewVersions, *w.ClientConfig.Service.Path)
			}
		}},
		{"Ignore, 10 s, more exempt namespaces, Services", map[string]any{
			"webhook":          map[string]any{"failurePolicy": "Ignore", "timeoutSeconds": 10, "reviewServices": true},
			"exemptNamespaces": []any{"gatekeeper-system", "kube-system"},
		}, func(t *testing.T, r *rendered, w admissionregistrationv1.ValidatingWebhook, _ map[string]string) {
			if *w.FailurePolicy != admissionregistrationv1.Ignore || *w.TimeoutSeconds != 10 {
				t.Errorf("failurePolicy %v, timeout %v", *w.FailurePolicy, *w.TimeoutSeconds)
			}
			if got := w.NamespaceSelector.MatchExpressions[0].Values; !slices.Equal(got, []string{"kube-system", releaseNS, "gatekeeper-system"}) {
				t.Errorf("exempt namespaces %v", got)
			}
			if !slices.Contains(w.Rules[0].Resources, "services") {
				t.Errorf("services not reviewed: %v", w.Rules[0].Resources)
			}
		}},
		{"certificate from a secret", map[string]any{
			"certificates": map[string]any{"source": "secret", "secret": map[string]any{"name": "webhook-tls", "caBundle": "LS0tLS1CRUdJTg=="}},
		}, func(t *testing.T, r *rendered, w admissionregistrationv1.ValidatingWebhook, ann map[string]string) {
			if string(w.ClientConfig.CABundle) != "-----BEGIN" {
				t.Errorf("caBundle %q", w.ClientConfig.CABundle)
			}
			if len(r.find("Certificate")) != 0 || ann["cert-manager.io/inject-ca-from"] != "" {
				t.Error("cert-manager objects rendered with a given secret")
			}
			var d appsv1.Deployment
			r.one(t, "Deployment", &d)
			if got := d.Spec.Template.Spec.Volumes[0].Secret.SecretName; got != "webhook-tls" {
				t.Errorf("TLS volume from secret %q", got)
			}
		}},
		{"existing cluster issuer", map[string]any{
			"certificates": map[string]any{"certManager": map[string]any{"issuerRef": map[string]any{"name": "corp-ca", "kind": "ClusterIssuer"}}},
		}, func(t *testing.T, r *rendered, _ admissionregistrationv1.ValidatingWebhook, _ map[string]string) {
			if len(r.find("Issuer")) != 0 {
				t.Error("a self-signed Issuer was rendered beside an existing issuer")
			}
			if !strings.Contains(r.files["templates/certificate.yaml"], "kind: ClusterIssuer") {
				t.Error("the Certificate does not use the ClusterIssuer")
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRender(t, tt.values)
			var vwc admissionregistrationv1.ValidatingWebhookConfiguration
			r.one(t, "ValidatingWebhookConfiguration", &vwc)
			if len(vwc.Webhooks) != 1 {
				t.Fatalf("%d webhooks", len(vwc.Webhooks))
			}
			tt.check(t, r, vwc.Webhooks[0], vwc.Annotations)
		})
	}
}

// Values that cannot work fail the render with a message naming the value.
func TestChartRejectsBadValues(t *testing.T) {
	for _, tt := range []struct {
		name   string
		values map[string]any
		want   string
	}{
		{"secret source without a name", map[string]any{"certificates": map[string]any{"source": "secret", "secret": map[string]any{"caBundle": "eA=="}}}, "certificates.secret.name is required"},
		{"secret source without a CA bundle", map[string]any{"certificates": map[string]any{"source": "secret", "secret": map[string]any{"name": "x"}}}, "certificates.secret.caBundle is required"},
		{"unknown certificate source", map[string]any{"certificates": map[string]any{"source": "vault"}}, `certificates.source "vault"`},
		{"no digest", map[string]any{"image": map[string]any{"digest": ""}}, "image.digest is required"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := render(t, tt.values)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("render error %v, want %q", err, tt.want)
			}
		})
	}
}

// The Deployment's arguments are a command and flags the binary has.
func TestChartArgsAreWebhookFlags(t *testing.T) {
	var d appsv1.Deployment
	mustRender(t, nil).one(t, "Deployment", &d)
	args := d.Spec.Template.Spec.Containers[0].Args
	io, _, _, _ := iostreams.Test()
	cmd, rest, err := cli.NewCmdRoot(cli.NewFactory(io)).Find(args)
	if err != nil || cmd.Name() != "webhook" {
		t.Fatalf("args %q: command %v, error %v", args, cmd.Name(), err)
	}
	if err := cmd.ParseFlags(rest); err != nil {
		t.Errorf("args %q: %v", args, err)
	}
	if len(cmd.Flags().Args()) > 0 {
		t.Errorf("stray arguments %q", cmd.Flags().Args())
	}
}
