package deploy

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/engine"
	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/yaml"
)

const (
	chartDir    = "helm/aksguard"
	releaseName = "aksguard"
	releaseNS   = "aksguard-system"
)

// rendered is the output of the chart: each manifest file's text, and every
// object in it, in file order.
type rendered struct {
	files   map[string]string // "templates/deployment.yaml" -> YAML
	objects []object
}

type object struct {
	file string
	u    *unstructured.Unstructured
	raw  []byte // the document as JSON
}

// render renders the chart as `helm template` does, with Helm's own engine in
// strict mode (a template that reads a value the chart does not define is an
// error), for an install of releaseName into releaseNS.
func render(t testing.TB, values map[string]any) (*rendered, error) {
	t.Helper()
	ch, err := loader.Load(chartDir)
	if err != nil {
		t.Fatalf("load chart: %v", err)
	}
	vals, err := chartutil.ToRenderValues(ch, values, chartutil.ReleaseOptions{
		Name: releaseName, Namespace: releaseNS, Revision: 1, IsInstall: true,
	}, chartutil.DefaultCapabilities)
	if err != nil {
		return nil, err
	}
	out, err := engine.Engine{Strict: true}.Render(ch, vals)
	if err != nil {
		return nil, err
	}
	r := &rendered{files: map[string]string{}}
	names := make([]string, 0, len(out))
	for name := range out {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		rel := strings.TrimPrefix(name, ch.Name()+"/")
		if !strings.HasSuffix(rel, ".yaml") || strings.TrimSpace(out[name]) == "" {
			continue // NOTES.txt, _helpers.tpl, templates switched off
		}
		r.files[rel] = out[name]
		for doc := range strings.SplitSeq(out[name], "\n---") {
			if strings.TrimSpace(stripComments(doc)) == "" {
				continue
			}
			js, err := yaml.YAMLToJSON([]byte(doc))
			if err != nil {
				return nil, fmt.Errorf("%s: %w\n%s", rel, err, doc)
			}
			u := &unstructured.Unstructured{}
			if err := u.UnmarshalJSON(js); err != nil {
				return nil, fmt.Errorf("%s: %w", rel, err)
			}
			r.objects = append(r.objects, object{file: rel, u: u, raw: js})
		}
	}
	return r, nil
}

var comment = regexp.MustCompile(`(?m)^\s*#.*$`)

func stripComments(s string) string { return comment.ReplaceAllString(s, "") }

func mustRender(t testing.TB, values map[string]any) *rendered {
	t.Helper()
	r, err := render(t, values)
	if err != nil {
		t.Fatalf("render: %v", err)
	}
	return r
}

// find returns the objects of a kind.
func (r *rendered) find(kind string) []object {
	var out []object
	for _, o := range r.objects {
		if o.u.GetKind() == kind {
			out = append(out, o)
		}
	}
	return out
}

// one decodes the single object of a kind into into, strictly: a field the
// Go type does not have (a typo in the template) is an error.
func (r *rendered) one(t testing.TB, kind string, into any) {
	t.Helper()
	objs := r.find(kind)
	if len(objs) != 1 {
		t.Fatalf("%d objects of kind %s, want 1", len(objs), kind)
	}
	if err := yaml.UnmarshalStrict(objs[0].raw, into); err != nil {
		t.Fatalf("%s in %s: %v", kind, objs[0].file, err)
	}
}

// typed are the Go types of the chart's built-in kinds, for strict decoding.
var typed = map[string]func() any{
	"Deployment":                     func() any { return &appsv1.Deployment{} },
	"Service":                        func() any { return &corev1.Service{} },
	"ServiceAccount":                 func() any { return &corev1.ServiceAccount{} },
	"ConfigMap":                      func() any { return &corev1.ConfigMap{} },
	"PodDisruptionBudget":            func() any { return &policyv1.PodDisruptionBudget{} },
	"NetworkPolicy":                  func() any { return &networkingv1.NetworkPolicy{} },
	"ClusterRole":                    func() any { return &rbacv1.ClusterRole{} },
	"ClusterRoleBinding":             func() any { return &rbacv1.ClusterRoleBinding{} },
	"ValidatingWebhookConfiguration": func() any { return &admissionregistrationv1.ValidatingWebhookConfiguration{} },
}

// writeManifests writes the rendered files under dir, as `helm template
// --output-dir` does, for a scan.
func (r *rendered) writeManifests(t testing.TB, dir string) {
	t.Helper()
	for rel, text := range r.files {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSpace(b)
}
