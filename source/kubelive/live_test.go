package kubelive_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/internal/kubetest"
	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/source/kube"
	"github.com/aksguard/aksguard/source/kubelive"
)

// manifestFiles are the Kubernetes manifests of the corpus and the examples.
func manifestFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{
		"../../testdata/corpus/k8s/*.yaml", "../../testdata/corpus/k8s/*.yml",
		"../../examples/*/manifests/*.yaml",
	} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("found %d manifest files, want the corpus and the examples", len(files))
	}
	return files
}

// TestSameVerdictsAsFiles is the contract of the package: objects created
// through the API server and read back live get the verdicts the same
// objects get when their manifest is scanned as a file.
func TestSameVerdictsAsFiles(t *testing.T) {
	srv := kubetest.Shared(t)
	total := 0
	for _, file := range manifestFiles(t) {
		t.Run(strings.TrimPrefix(filepath.ToSlash(file), "../../"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			fileRes := kube.Read(file, data)
			if fileRes.Diagnostics.HasErrors() {
				t.Fatalf("the file does not read cleanly: %v", fileRes.Diagnostics)
			}

			a := newApplier(t, srv.Config)
			// The resources whose verdicts are compared: those the API
			// server accepted. (It refuses what no cluster would hold, such
			// as an image field left empty for a tool to fill in.)
			compared := map[string]bool{}
			namespaces := map[string]bool{}
			objects := manifestObjects(t, file)
			a.createNamespacesFor(objects)
			for _, u := range objects {
				id := string(kubeID(u))
				if err := a.apply(u); err != nil {
					t.Logf("not created, not compared: %s: %v", id, firstLine(err.Error()))
					continue
				}
				compared[id] = true
				namespaces[u.GetNamespace()] = true
			}
			total += len(compared)

			live := read(t, srv.Config, kubelive.Options{})
			if live.Diagnostics.HasErrors() {
				t.Fatalf("live read: %v", live.Diagnostics)
			}
			for ns := range namespaces {
				compared[perNamespace+ns] = true
			}
			want := only(byNamespace(verdicts(t, fileRes.Estate)), compared)
			got := only(byNamespace(verdicts(t, live.Estate)), compared)
			if len(want) == 0 {
				t.Skip("no finding on the objects the API server accepted")
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("verdicts (-file +live):\n%s", diff)
			}
			// The live objects are read at the resource, never a file.
			for _, w := range live.Estate.Workloads {
				if compared[string(w.ID)] && (w.Loc.File != "" || w.Loc.Resource != w.ID) {
					t.Errorf("%s located at %+v, want its resource", w.ID, w.Loc)
				}
			}
		})
	}
	if total < 50 {
		t.Errorf("compared %d objects in all, want the bulk of the corpus (at least 50)", total)
	}
}

// perNamespace prefixes the namespace of a per-namespace finding.
const perNamespace = "namespace:"

// byNamespace keys the findings of AKS-NET-07, a verdict per namespace, by
// the namespace. The rule reports on the Namespace object when the inputs
// hold it, else on the namespace's first workload: a cluster always holds
// it, a manifest often does not, and the verdict is the same either way.
func byNamespace(vs map[string]rules.Verdict) map[string]rules.Verdict {
	out := map[string]rules.Verdict{}
	for k, v := range vs {
		rule, id, _ := strings.Cut(k, " ")
		if rule == "AKS-NET-07" {
			// "k8s:Namespace/shop" or "k8s:Deployment/shop/web"
			parts := strings.Split(strings.TrimPrefix(id, "k8s:"), "/")
			if len(parts) >= 2 {
				k = rule + " " + perNamespace + parts[1]
			}
		}
		out[k] = v
	}
	return out
}

// kubeID is the estate ID of a manifest object.
func kubeID(u *unstructured.Unstructured) estate.ResourceID {
	return estate.KubeID(u.GetKind(), u.GetNamespace(), u.GetName())
}

// only keeps the verdicts on the resources in ids.
func only(vs map[string]rules.Verdict, ids map[string]bool) map[string]rules.Verdict {
	out := map[string]rules.Verdict{}
	for k, v := range vs {
		_, id, _ := strings.Cut(k, " ")
		if ids[id] {
			out[k] = v
		}
	}
	return out
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// TestNamespaceFilter: --namespace reads that namespace and its Namespace
// object only; a namespace that does not exist is an error, not an empty
// report.
func TestNamespaceFilter(t *testing.T) {
	srv := kubetest.Shared(t)
	a := newApplier(t, srv.Config)
	nsA, nsB := srv.Namespace(t, nil), srv.Namespace(t, nil)
	for _, ns := range []string{nsA, nsB} {
		if err := a.apply(pod(ns, "p", "mcr.microsoft.com/a:1")); err != nil {
			t.Fatal(err)
		}
	}
	res := read(t, srv.Config, kubelive.Options{Namespace: nsA})
	if got, want := workloadIDs(res.Estate), []string{"k8s:Pod/" + nsA + "/p"}; !cmp.Equal(got, want) {
		t.Errorf("workloads = %v, want %v", got, want)
	}
	var nss []string
	for _, n := range res.Estate.Namespaces {
		nss = append(nss, n.Name)
	}
	if !cmp.Equal(nss, []string{nsA}) {
		t.Errorf("namespaces = %v, want [%s]", nss, nsA)
	}

	r, err := kubelive.NewReader(srv.Config, kubelive.Target{Context: "test"}, "")
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Read(context.Background(), kubelive.Options{Namespace: "no-such-namespace"})
	if err == nil || !strings.Contains(err.Error(), `no namespace "no-such-namespace"`) {
		t.Errorf("Read of a missing namespace: error %v, want one naming it", err)
	}
}

// TestPaging: lists longer than a page are read in full, page by page.
func TestPaging(t *testing.T) {
	srv := kubetest.Shared(t)
	a := newApplier(t, srv.Config)
	ns := srv.Namespace(t, nil)
	const n, page = 23, 5
	var want []string
	for i := range n {
		name := fmt.Sprintf("p%02d", i)
		if err := a.apply(pod(ns, name, "mcr.microsoft.com/a:1")); err != nil {
			t.Fatal(err)
		}
		want = append(want, "k8s:Pod/"+ns+"/"+name)
	}
	var pages int
	res := read(t, srv.Config, kubelive.Options{Namespace: ns, PageSize: page, Progress: func(p kubelive.Progress) {
		if p.Kind == "Pod" && !p.Done {
			pages++
		}
	}})
	got := workloadIDs(res.Estate)
	slices.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pods (-want +got):\n%s", diff)
	}
	if wantPages := (n + page - 1) / page; pages != wantPages {
		t.Errorf("pods read in %d pages, want %d", pages, wantPages)
	}
	if res.Stats.Listed["Pod"] != n {
		t.Errorf("Stats.Listed[Pod] = %d, want %d", res.Stats.Listed["Pod"], n)
	}
}
