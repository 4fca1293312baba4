package kubelive_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"testing"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/rest"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/internal/kubetest"
	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/rules/catalog"
	"github.com/aksguard/aksguard/source/kubelive"
)

func TestMain(m *testing.M) { os.Exit(kubetest.Main(m)) }

// resources maps the kinds aksguard models to their API resources; a
// manifest's other kinds (RBAC, CRDs, PodDisruptionBudgets) are not created.
var resources = map[string]schema.GroupVersionResource{
	"Namespace":             {Version: "v1", Resource: "namespaces"},
	"Pod":                   {Version: "v1", Resource: "pods"},
	"ReplicationController": {Version: "v1", Resource: "replicationcontrollers"},
	"Service":               {Version: "v1", Resource: "services"},
	"Secret":                {Version: "v1", Resource: "secrets"},
	"ConfigMap":             {Version: "v1", Resource: "configmaps"},
	"Deployment":            {Group: "apps", Version: "v1", Resource: "deployments"},
	"StatefulSet":           {Group: "apps", Version: "v1", Resource: "statefulsets"},
	"DaemonSet":             {Group: "apps", Version: "v1", Resource: "daemonsets"},
	"ReplicaSet":            {Group: "apps", Version: "v1", Resource: "replicasets"},
	"Job":                   {Group: "batch", Version: "v1", Resource: "jobs"},
	"CronJob":               {Group: "batch", Version: "v1", Resource: "cronjobs"},
	"NetworkPolicy":         {Group: "networking.k8s.io", Version: "v1", Resource: "networkpolicies"},
	"Ingress":               {Group: "networking.k8s.io", Version: "v1", Resource: "ingresses"},
}

// manifestObjects decodes the objects of the modelled kinds in a manifest
// file, in file order, namespaced objects without a namespace put in
// "default" as kubectl does.
func manifestObjects(t *testing.T, path string) []*unstructured.Unstructured {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(data), 4096)
	var out []*unstructured.Unstructured
	for {
		var doc map[string]any
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		u := &unstructured.Unstructured{Object: doc}
		if doc == nil {
			continue
		}
		if u.IsList() {
			list, err := u.ToList()
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			for i := range list.Items {
				out = append(out, modelled(&list.Items[i])...)
			}
			continue
		}
		out = append(out, modelled(u)...)
	}
}

func modelled(u *unstructured.Unstructured) []*unstructured.Unstructured {
	if _, ok := resources[u.GetKind()]; !ok {
		return nil
	}
	if u.GetKind() != "Namespace" && u.GetNamespace() == "" {
		u.SetNamespace("default")
	}
	return []*unstructured.Unstructured{u}
}

// applier creates objects the way `kubectl apply` (client-side) does: with
// its field manager and the last-applied-configuration annotation, and
// removes them again.
type applier struct {
	t       *testing.T
	dyn     dynamic.Interface
	created []*unstructured.Unstructured
}

func newApplier(t *testing.T, cfg *rest.Config) *applier {
	cfg = rest.CopyConfig(cfg)
	cfg.WarningHandler = rest.NoWarnings{} // Pod Security warnings about the corpus: noise here
	dyn, err := dynamic.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	a := &applier{t: t, dyn: dyn}
	t.Cleanup(a.deleteAll)
	return a
}

// apply creates u and returns the error of the API server, if any.
func (a *applier) apply(u *unstructured.Unstructured) error {
	u = u.DeepCopy()
	manifest, err := json.Marshal(u.Object)
	if err != nil {
		return err
	}
	ann := u.GetAnnotations()
	if ann == nil {
		ann = map[string]string{}
	}
	ann["kubectl.kubernetes.io/last-applied-configuration"] = string(manifest)
	u.SetAnnotations(ann)
	gvr := resources[u.GetKind()]
	var ri dynamic.ResourceInterface = a.dyn.Resource(gvr)
	if u.GetNamespace() != "" {
		ri = a.dyn.Resource(gvr).Namespace(u.GetNamespace())
	}
	created, err := ri.Create(context.Background(), u, metav1.CreateOptions{FieldManager: "kubectl-client-side-apply"})
	if err != nil {
		return err
	}
	a.created = append(a.created, created)
	return nil
}

// createNamespacesFor creates the namespaces objects are in that neither
// exist nor are among objects, as a pipeline does before it applies
// manifests (kubectl create namespace): a manifest seldom declares its
// namespace.
func (a *applier) createNamespacesFor(objects []*unstructured.Unstructured) {
	declared := map[string]bool{"default": true}
	for _, u := range objects {
		if u.GetKind() == "Namespace" {
			declared[u.GetName()] = true
		}
	}
	for _, u := range objects {
		ns := u.GetNamespace()
		if declared[ns] || ns == "" {
			continue
		}
		declared[ns] = true
		bare := &unstructured.Unstructured{Object: map[string]any{
			"apiVersion": "v1", "kind": "Namespace", "metadata": map[string]any{"name": ns},
		}}
		if err := a.apply(bare); err != nil && !apierrors.IsAlreadyExists(err) {
			a.t.Fatalf("create namespace %s: %v", ns, err)
		}
	}
}

// deleteAll deletes what apply created, namespaces last. A namespace is
// also finalized by hand: with no controller manager it would otherwise
// stay Terminating, and a later test could not create it again.
func (a *applier) deleteAll() {
	ctx := context.Background()
	var namespaces []string
	for i := len(a.created) - 1; i >= 0; i-- {
		u := a.created[i]
		gvr := resources[u.GetKind()]
		if u.GetKind() == "Namespace" {
			namespaces = append(namespaces, u.GetName())
			continue
		}
		err := a.dyn.Resource(gvr).Namespace(u.GetNamespace()).Delete(ctx, u.GetName(), metav1.DeleteOptions{})
		if err != nil && !apierrors.IsNotFound(err) {
			a.t.Errorf("delete %s %s/%s: %v", u.GetKind(), u.GetNamespace(), u.GetName(), err)
		}
	}
	a.created = nil
	if len(namespaces) == 0 {
		return
	}
	cs, err := kubetest.Shared(a.t).Clientset()
	if err != nil {
		a.t.Error(err)
		return
	}
	for _, name := range namespaces {
		if err := cs.CoreV1().Namespaces().Delete(ctx, name, metav1.DeleteOptions{}); err != nil && !apierrors.IsNotFound(err) {
			a.t.Errorf("delete namespace %s: %v", name, err)
			continue
		}
		ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}
		if _, err := cs.CoreV1().Namespaces().Finalize(ctx, ns, metav1.UpdateOptions{}); err != nil && !apierrors.IsNotFound(err) {
			a.t.Errorf("finalize namespace %s: %v", name, err)
		}
	}
}

// read scans the cluster with opts through cfg.
func read(t *testing.T, cfg *rest.Config, opts kubelive.Options) *kubelive.Result {
	t.Helper()
	r, err := kubelive.NewReader(cfg, kubelive.Target{Context: "test"}, "aksguard-test")
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.Read(context.Background(), opts)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return res
}

// verdicts runs the catalog over e and returns "rule resource" → verdict.
func verdicts(t *testing.T, e *estate.Estate) map[string]rules.Verdict {
	t.Helper()
	cfg := rules.DefaultConfig()
	fs, err := rules.Evaluate(context.Background(), e, cfg, catalog.All())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]rules.Verdict{}
	for _, f := range fs {
		out[f.Rule+" "+f.Resource.ID] = f.Verdict
	}
	return out
}

// workloadIDs lists the IDs of the estate's workloads.
func workloadIDs(e *estate.Estate) []string {
	var ids []string
	for _, w := range e.Workloads {
		ids = append(ids, string(w.ID))
	}
	return ids
}

// pod returns a manifest of a pod with one container.
func pod(ns, name, image string) *unstructured.Unstructured {
	return &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "v1", "kind": "Pod",
		"metadata": map[string]any{"name": name, "namespace": ns},
		"spec": map[string]any{"containers": []any{
			map[string]any{"name": "app", "image": image},
		}},
	}}
}
