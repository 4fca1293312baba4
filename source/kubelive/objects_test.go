package kubelive_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/rest"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/internal/kubetest"
	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/rules/catalog"
	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/kubelive"
)

// secretManifest is a Secret with data and stringData, as a manifest ships it.
func secretManifest(ns, name, typ string, data, stringData map[string]string) *unstructured.Unstructured {
	u := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "v1", "kind": "Secret",
		"metadata": map[string]any{"name": name, "namespace": ns},
	}}
	if typ != "" {
		u.Object["type"] = typ
	}
	if data != nil {
		d := map[string]any{}
		for k, v := range data {
			d[k] = base64.StdEncoding.EncodeToString([]byte(v))
		}
		u.Object["data"] = d
	}
	if stringData != nil {
		d := map[string]any{}
		for k, v := range stringData {
			d[k] = v
		}
		u.Object["stringData"] = d
	}
	return u
}

// TestSecretsNeverRead: a Secret's values never reach the estate or the
// findings, whether they were applied as data or stringData, and although
// kubectl's last-applied annotation repeats them; the secrets are only ever
// asked for as metadata. Which keys a manifest tool wrote is still known,
// so AKS-IAM-08 fails as it does on the manifest.
func TestSecretsNeverRead(t *testing.T) {
	srv := kubetest.Shared(t)
	ctx := context.Background()
	cs := srv.Client(t)
	a := newApplier(t, srv.Config)
	ns := srv.Namespace(t, nil)
	const v1, v2, v3 = "s3cr3t-data-value", "s3cr3t-string-value", "s3cr3t-synced-value"
	for _, u := range []*unstructured.Unstructured{
		secretManifest(ns, "applied", "", map[string]string{"password": v1}, map[string]string{"token": v2}),
		secretManifest(ns, "token", "kubernetes.io/service-account-token", nil, nil),
		secretManifest(ns, "empty", "", nil, nil),
	} {
		if u.GetName() == "token" {
			u.SetAnnotations(map[string]string{"kubernetes.io/service-account.name": "default"})
		}
		if err := a.apply(u); err != nil {
			t.Fatal(err)
		}
	}
	// Written by a controller (the Key Vault provider's sync), not a tool
	// that applies code: the pattern the rule recommends.
	synced := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "synced", Namespace: ns}, Data: map[string][]byte{"tls.key": []byte(v3)}}
	if _, err := cs.CoreV1().Secrets(ns).Create(ctx, synced, metav1.CreateOptions{FieldManager: "secrets-store-csi-driver"}); err != nil {
		t.Fatal(err)
	}

	cfg := rest.CopyConfig(srv.Config)
	var mu sync.Mutex
	var secretRequests []string
	cfg.Wrap(func(rt http.RoundTripper) http.RoundTripper {
		return roundTripper(func(r *http.Request) (*http.Response, error) {
			if strings.Contains(r.URL.Path, "/secrets") {
				mu.Lock()
				secretRequests = append(secretRequests, r.Header.Get("Accept"))
				mu.Unlock()
			}
			return rt.RoundTrip(r)
		})
	})
	res := read(t, cfg, kubelive.Options{Namespace: ns})

	if len(secretRequests) == 0 {
		t.Fatal("no request for secrets")
	}
	for _, accept := range secretRequests {
		if !strings.Contains(accept, "as=PartialObjectMetadataList") {
			t.Errorf("a secrets request accepts %q, want metadata only", accept)
		}
	}
	var got []estate.Secret
	for _, s := range res.Estate.Secrets {
		got = append(got, estate.Secret{Meta: estate.Meta{ID: s.ID}, Type: s.Type, DataKeys: s.DataKeys, HasLiteralData: s.HasLiteralData})
	}
	want := []estate.Secret{
		{Meta: estate.Meta{ID: estate.KubeID("Secret", ns, "applied")}, Type: "Opaque", DataKeys: []string{"password", "token"}, HasLiteralData: true},
		{Meta: estate.Meta{ID: estate.KubeID("Secret", ns, "empty")}, Type: "Opaque"},
		{Meta: estate.Meta{ID: estate.KubeID("Secret", ns, "synced")}, Type: "Opaque"},
	}
	slices.SortFunc(got, func(a, b estate.Secret) int { return strings.Compare(string(a.ID), string(b.ID)) })
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("secrets (-want +got):\n%s", diff)
	}

	vs := verdicts(t, res.Estate)
	for name, want := range map[string]rules.Verdict{"applied": rules.Failed, "empty": rules.Passed, "synced": rules.Passed} {
		if got := vs["AKS-IAM-08 "+string(estate.KubeID("Secret", ns, name))]; got != want {
			t.Errorf("AKS-IAM-08 on Secret %s: %v, want %v", name, got, want)
		}
	}

	fs, err := rules.Evaluate(ctx, res.Estate, rules.DefaultConfig(), catalog.All())
	if err != nil {
		t.Fatal(err)
	}
	dump, err := json.Marshal(struct {
		Estate   *estate.Estate
		Findings []rules.Finding
		Diags    source.Diagnostics
	}{res.Estate, fs, res.Diagnostics})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{v1, v2, v3} {
		for _, form := range []string{v, base64.StdEncoding.EncodeToString([]byte(v))} {
			if strings.Contains(string(dump), form) {
				t.Errorf("the estate or findings hold a secret value (%q)", form)
			}
		}
	}
	if strings.Contains(string(dump), "last-applied-configuration") {
		t.Error("the estate keeps kubectl's last-applied-configuration annotation")
	}
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func controller(kind, name string, uid types.UID) []metav1.OwnerReference {
	yes := true
	apiVersion := map[string]string{"ReplicaSet": "apps/v1", "Deployment": "apps/v1", "Job": "batch/v1", "CronJob": "batch/v1"}[kind]
	return []metav1.OwnerReference{{APIVersion: apiVersion, Kind: kind, Name: name, UID: uid, Controller: &yes}}
}

// TestOwnedObjects: what a listed object controls is audited through it,
// once, not again per ReplicaSet, Job or replica.
func TestOwnedObjects(t *testing.T) {
	srv := kubetest.Shared(t)
	ctx := context.Background()
	cs := srv.Client(t)
	ns := srv.Namespace(t, nil)
	spec := corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Image: "mcr.microsoft.com/app:1"}}}
	tmpl := corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "web"}}, Spec: spec}
	sel := &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}

	dep, err := cs.AppsV1().Deployments(ns).Create(ctx, &appsv1.Deployment{ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec: appsv1.DeploymentSpec{Selector: sel, Template: tmpl}}, metav1.CreateOptions{})
	must(err)
	rs, err := cs.AppsV1().ReplicaSets(ns).Create(ctx, &appsv1.ReplicaSet{
		ObjectMeta: metav1.ObjectMeta{Name: "web-5d4f", OwnerReferences: controller("Deployment", "web", dep.UID)},
		Spec:       appsv1.ReplicaSetSpec{Selector: sel, Template: tmpl}}, metav1.CreateOptions{})
	must(err)
	cj, err := cs.BatchV1().CronJobs(ns).Create(ctx, &batchv1.CronJob{ObjectMeta: metav1.ObjectMeta{Name: "nightly"},
		Spec: batchv1.CronJobSpec{Schedule: "0 1 * * *", JobTemplate: batchv1.JobTemplateSpec{Spec: batchv1.JobSpec{Template: corev1.PodTemplateSpec{
			Spec: corev1.PodSpec{Containers: spec.Containers, RestartPolicy: corev1.RestartPolicyNever}}}}}}, metav1.CreateOptions{})
	must(err)
	_, err = cs.BatchV1().Jobs(ns).Create(ctx, &batchv1.Job{
		ObjectMeta: metav1.ObjectMeta{Name: "nightly-2901", OwnerReferences: controller("CronJob", "nightly", cj.UID)},
		Spec: batchv1.JobSpec{Template: corev1.PodTemplateSpec{
			Spec: corev1.PodSpec{Containers: spec.Containers, RestartPolicy: corev1.RestartPolicyNever}}}}, metav1.CreateOptions{})
	must(err)

	newPod := func(name string, owner []metav1.OwnerReference) *corev1.Pod {
		p, err := cs.CoreV1().Pods(ns).Create(ctx, &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name, OwnerReferences: owner}, Spec: spec}, metav1.CreateOptions{})
		must(err)
		return p
	}
	newPod("web-5d4f-a", controller("ReplicaSet", rs.Name, rs.UID))
	newPod("web-5d4f-b", controller("ReplicaSet", rs.Name, rs.UID))
	newPod("bare", nil)
	newPod("of-a-custom-controller", controller("ReplicaSet", "gone", "0b5c1f0e-0000-4000-8000-000000000000"))
	debugged := newPod("web-5d4f-debugged", controller("ReplicaSet", rs.Name, rs.UID))
	debugged.Spec.EphemeralContainers = []corev1.EphemeralContainer{{EphemeralContainerCommon: corev1.EphemeralContainerCommon{
		Name: "debugger", Image: "docker.io/library/busybox:latest", TerminationMessagePolicy: corev1.TerminationMessageReadFile, ImagePullPolicy: corev1.PullAlways}}}
	_, err = cs.CoreV1().Pods(ns).UpdateEphemeralContainers(ctx, debugged.Name, debugged, metav1.UpdateOptions{})
	must(err)

	res := read(t, srv.Config, kubelive.Options{Namespace: ns})
	got := workloadIDs(res.Estate)
	slices.Sort(got)
	want := []string{
		"k8s:CronJob/" + ns + "/nightly",
		"k8s:Deployment/" + ns + "/web",
		"k8s:Pod/" + ns + "/bare",
		"k8s:Pod/" + ns + "/of-a-custom-controller",
		"k8s:Pod/" + ns + "/web-5d4f-debugged",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("audited workloads (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]int{"ReplicaSet": 1, "Job": 1, "Pod": 2}, res.Stats.Skipped); diff != "" {
		t.Errorf("Stats.Skipped (-want +got):\n%s", diff)
	}
}

// TestForbiddenKind: credentials that may not list a kind give an error
// diagnostic naming it, and the other kinds are still read.
func TestForbiddenKind(t *testing.T) {
	srv := kubetest.Shared(t)
	ctx := context.Background()
	cs := srv.Client(t)
	ns := srv.Namespace(t, nil)
	a := newApplier(t, srv.Config)
	if err := a.apply(pod(ns, "p", "mcr.microsoft.com/a:1")); err != nil {
		t.Fatal(err)
	}
	name := "aksguard-no-secrets-" + ns
	role := &rbacv1.Role{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns}, Rules: []rbacv1.PolicyRule{{
		APIGroups: []string{"", "apps", "batch", "networking.k8s.io"}, Verbs: []string{"get", "list"},
		Resources: []string{"namespaces", "pods", "replicationcontrollers", "services", "configmaps",
			"deployments", "statefulsets", "daemonsets", "replicasets", "jobs", "cronjobs", "networkpolicies", "ingresses"},
	}}}
	if _, err := cs.RbacV1().Roles(ns).Create(ctx, role, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	binding := &rbacv1.RoleBinding{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns},
		Subjects: []rbacv1.Subject{{Kind: rbacv1.UserKind, Name: "auditor"}},
		RoleRef:  rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "Role", Name: name}}
	if _, err := cs.RbacV1().RoleBindings(ns).Create(ctx, binding, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	// The namespace itself is cluster-scoped: a Role cannot grant reading it.
	cr := &rbacv1.ClusterRole{ObjectMeta: metav1.ObjectMeta{Name: name}, Rules: []rbacv1.PolicyRule{{
		APIGroups: []string{""}, Verbs: []string{"get"}, Resources: []string{"namespaces"}, ResourceNames: []string{ns}}}}
	if _, err := cs.RbacV1().ClusterRoles().Create(ctx, cr, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	crb := &rbacv1.ClusterRoleBinding{ObjectMeta: metav1.ObjectMeta{Name: name},
		Subjects: []rbacv1.Subject{{Kind: rbacv1.UserKind, Name: "auditor"}},
		RoleRef:  rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "ClusterRole", Name: name}}
	if _, err := cs.RbacV1().ClusterRoleBindings().Create(ctx, crb, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}

	cfg := rest.CopyConfig(srv.Config)
	cfg.Impersonate = rest.ImpersonationConfig{UserName: "auditor"}
	var res *kubelive.Result
	kubetest.Eventually(t, 5*time.Second, func() error { // RBAC objects take effect asynchronously
		r, err := kubelive.NewReader(cfg, kubelive.Target{Context: "test"}, "")
		if err != nil {
			return err
		}
		res, err = r.Read(ctx, kubelive.Options{Namespace: ns})
		return err
	})
	if got := workloadIDs(res.Estate); !cmp.Equal(got, []string{"k8s:Pod/" + ns + "/p"}) {
		t.Errorf("workloads = %v, want the pod", got)
	}
	if len(res.Diagnostics) != 1 {
		t.Fatalf("diagnostics = %v, want one, about secrets", res.Diagnostics)
	}
	d := res.Diagnostics[0]
	if d.Severity != source.Error || d.Input != "kubernetes:test" || !strings.Contains(d.Message, "cannot list secrets") ||
		!strings.Contains(d.Message, "Secret objects are not audited") {
		t.Errorf("diagnostic = %+v, want an error about listing secrets", d)
	}
}

// TestUnreachable: a cluster that cannot be reached fails the read, with
// the server in the message.
func TestUnreachable(t *testing.T) {
	cfg := &rest.Config{Host: "https://127.0.0.1:1", Timeout: 5 * time.Second}
	r, err := kubelive.NewReader(cfg, kubelive.Target{Context: "gone"}, "")
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Read(context.Background(), kubelive.Options{})
	if err == nil {
		t.Fatal("Read of an unreachable cluster succeeded")
	}
	for _, want := range []string{`context "gone"`, "https://127.0.0.1:1", "connection refused"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}
