package kube

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/estate"
)

// corpusDir holds real manifests from Azure samples (AKS baseline, landing
// zone accelerator, AKS store demo, azure-vote), copied from the shared corpus.
const corpusDir = "../../testdata/corpus/k8s"

func corpusFiles(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(corpusDir, "*"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("corpus not found at %s", corpusDir)
	}
	return files
}

// TestCorpus reads every manifest of the corpus: none gives a diagnostic, and
// the objects that matter to the rules come out with their real contents.
func TestCorpus(t *testing.T) {
	byFile := make(map[string]*estate.Estate)
	for _, f := range corpusFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		if !Looks(data) && name != "aksbaseline-cluster-manifests-cluster-rbac.yaml" { // that one is all comments
			t.Errorf("%s: Looks = false for a manifest", name)
		}
		r := Read(name, data)
		for _, d := range r.Diagnostics {
			t.Errorf("%s: unexpected diagnostic: %v", name, d)
		}
		byFile[name] = r.Estate
	}
	find := func(file string, id estate.ResourceID) estate.Resource {
		t.Helper()
		e := byFile[file]
		if e == nil {
			t.Fatalf("%s was not read", file)
		}
		for _, r := range e.All() {
			if r.M().ID == id {
				return r
			}
		}
		t.Fatalf("%s: no %s; have %v", file, id, ids(e))
		return nil
	}

	t.Run("network policy allowing only the ingress controller", func(t *testing.T) {
		np := find("aksbaseline-cluster-manifests-a0008-ingress-network-policy.yaml", "k8s:NetworkPolicy/a0008/allow-only-ingress-to-workload").(*estate.NetworkPolicy)
		want := estate.NetworkPolicy{Namespace: "a0008", PolicyTypes: []string{"Ingress"}, IngressRules: 1}
		if diff := cmp.Diff(want, *np, ignoreLocs, cmp.FilterPath(isMeta, cmp.Ignore())); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("deny-all ingress and egress in the default namespace", func(t *testing.T) {
		const f = "akscons-postdeploy-networkpolicy-deny-all.yml"
		in := find(f, "k8s:NetworkPolicy/default/default-deny-ingress").(*estate.NetworkPolicy)
		eg := find(f, "k8s:NetworkPolicy/default/default-deny-egress").(*estate.NetworkPolicy)
		if !in.SelectsAllPods || in.IngressRules != 0 || !cmp.Equal(in.PolicyTypes, []string{"Ingress"}) {
			t.Errorf("default-deny-ingress = %+v", in)
		}
		if !eg.SelectsAllPods || eg.EgressRules != 0 || !cmp.Equal(eg.PolicyTypes, []string{"Egress"}) {
			t.Errorf("default-deny-egress = %+v", eg)
		}
		if in.Loc != (estate.Loc{File: f, Line: 3}) {
			t.Errorf("default-deny-ingress at %v, want %s:3", in.Loc, f)
		}
	})
	t.Run("aspnetapp deployment image and env", func(t *testing.T) {
		const f = "aksbaseline-workload-01-aspnetapp.yaml"
		w := find(f, "k8s:Deployment/a0008/aspnetapp-deployment").(*estate.Workload)
		want := []estate.Container{{
			Name: "aspnet-webapp-sample", Kind: estate.RegularContainer,
			Image: estate.Set("mcr.microsoft.com/dotnet/samples:aspnetapp", estate.Loc{File: f, Line: 50, Path: "spec.template.spec.containers[0].image"}),
			Env: []estate.EnvVar{{Name: "ASPNETCORE_URLS", Literal: true, Value: "http://*:8080",
				Loc: estate.Loc{File: f, Line: 66, Path: "spec.template.spec.containers[0].env[0]"}}},
			Loc: estate.Loc{File: f, Line: 49, Path: "spec.template.spec.containers[0]"},
		}}
		if diff := cmp.Diff(want, w.Containers); diff != "" {
			t.Errorf("containers (-want +got):\n%s", diff)
		}
		svc := find(f, "k8s:Service/a0008/aspnetapp-service").(*estate.Service)
		if svc.Type != "ClusterIP" || !cmp.Equal(svc.Ports, []estate.ServicePort{{Name: "http", Port: 80, TargetPort: "8080", Protocol: "TCP"}}) {
			t.Errorf("aspnetapp-service = %+v", svc)
		}
	})
	t.Run("traefik ingress with TLS", func(t *testing.T) {
		in := find("aksbaseline-workload-02-aspnetapp-ingress.yaml", "k8s:Ingress/a0008/aspnetapp-ingress").(*estate.Ingress)
		if in.Class != "traefik-internal" || !in.HasTLS ||
			!cmp.Equal(in.TLSHosts, []string{"bu0001a0008-00.aks-ingress.contoso.com"}) ||
			!cmp.Equal(in.Hosts, []string{"bu0001a0008-00.aks-ingress.contoso.com"}) ||
			in.Annotations["traefik.ingress.kubernetes.io/router.tls"] != "true" {
			t.Errorf("aspnetapp-ingress = %+v", in)
		}
	})
	t.Run("application gateway ingress class from the annotation", func(t *testing.T) {
		in := find("akslza-ratingsapp-5-https-ratings-web-ingress.yaml", "k8s:Ingress/ratingsapp/ratings-web-https").(*estate.Ingress)
		if in.Class != "azure/application-gateway" || !in.HasTLS || !cmp.Equal(in.TLSHosts, []string{"<fqdn>"}) {
			t.Errorf("ratings-web-https = %+v", in)
		}
	})
	t.Run("web app routing ingress without TLS", func(t *testing.T) {
		in := find("aksstoredemo-aks-store-ingress-quickstart.yaml", "k8s:Ingress/default/store-front").(*estate.Ingress)
		if in.Class != "webapprouting.kubernetes.azure.com" || in.HasTLS || !cmp.Equal(in.Hosts, []string{""}) {
			t.Errorf("store-front ingress = %+v", in)
		}
	})
	t.Run("env from a secret", func(t *testing.T) {
		w := find("akslza-ratingsapp-1-ratings-api-deployment.yaml", "k8s:Deployment/default/ratings-api").(*estate.Workload)
		c := w.Containers[0]
		if !estate.Is(c.Image, "<acr name>.azurecr.io/ratings-api:v1") ||
			!cmp.Equal(c.Env, []estate.EnvVar{{Name: "MONGODB_URI", FromSecret: true, Loc: c.Env[0].Loc}}) || c.Env[0].Loc.Line != 27 {
			t.Errorf("ratings-api container = %+v", c)
		}
	})
	t.Run("namespace and load balancer service", func(t *testing.T) {
		const f = "akslza-testing-scalability-randomnumbers.yaml"
		find(f, "k8s:Namespace/scaling-wt")
		svc := find(f, "k8s:Service/scaling-wt/rand-service").(*estate.Service)
		if svc.Type != "LoadBalancer" {
			t.Errorf("rand-service type = %q", svc.Type)
		}
		w := find(f, "k8s:Deployment/scaling-wt/rand-deployment").(*estate.Workload)
		if !estate.Is(w.Containers[0].Image, "<your acr name>.azurecr.io/randomnumbers-linux:latest") {
			t.Errorf("rand-deployment image = %+v", w.Containers[0].Image)
		}
	})
	t.Run("store demo: statefulset, init container, secret keys only", func(t *testing.T) {
		const f = "aksstoredemo-aks-store-all-in-one.yaml"
		db := find(f, "k8s:StatefulSet/default/documentdb").(*estate.Workload)
		if !estate.Is(db.Containers[0].Image, "ghcr.io/documentdb/documentdb/documentdb-local:pg17-0.112.0") {
			t.Errorf("documentdb image = %+v", db.Containers[0].Image)
		}
		order := find(f, "k8s:Deployment/default/order-service").(*estate.Workload)
		var got []string
		for _, c := range order.Containers {
			got = append(got, string(c.Kind)+" "+c.Image.V)
		}
		want := []string{"initContainer busybox:1.37.0", "container ghcr.io/azure-samples/aks-store-demo/order-service:2.2.0"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("order-service containers (-want +got):\n%s", diff)
		}
		s := find(f, "k8s:Secret/default/order-service-secrets").(*estate.Secret)
		if !s.HasLiteralData || !cmp.Equal(s.DataKeys, []string{"ORDER_QUEUE_PASSWORD", "ORDER_QUEUE_USERNAME"}) {
			t.Errorf("order-service-secrets = %+v", s)
		}
		cm := find(f, "k8s:ConfigMap/default/order-service-configs").(*estate.ConfigMap)
		if cm.Data["ORDER_QUEUE_PORT"] != "5672" {
			t.Errorf("order-service-configs = %+v", cm.Data)
		}
	})
	t.Run("traefik deployment and internal load balancer", func(t *testing.T) {
		const f = "aksbaseline-workload-traefik.yaml"
		w := find(f, "k8s:Deployment/a0008/traefik-ingress-controller").(*estate.Workload)
		if !estate.Is(w.Containers[0].Image, "docker.io/library/traefik:v3.4") || w.Containers[0].Image.Loc.Line != 242 {
			t.Errorf("traefik image = %+v", w.Containers[0].Image)
		}
		svc := find(f, "k8s:Service/a0008/traefik-ingress-service").(*estate.Service)
		if svc.Annotations["service.beta.kubernetes.io/azure-load-balancer-internal"] != "true" {
			t.Errorf("traefik-ingress-service annotations = %v", svc.Annotations)
		}
	})
	t.Run("azure vote", func(t *testing.T) {
		const f = "azurevotingapp-azure-vote-all-in-one-redis.yaml"
		back := find(f, "k8s:Deployment/default/azure-vote-back").(*estate.Workload)
		if !estate.Is(back.Containers[0].Image, "mcr.microsoft.com/oss/bitnami/redis:6.0.8") ||
			back.Containers[0].Env[0].Name != "ALLOW_EMPTY_PASSWORD" || back.Containers[0].Env[0].Value != "yes" {
			t.Errorf("azure-vote-back container = %+v", back.Containers[0])
		}
		if svc := find(f, "k8s:Service/default/azure-vote-front").(*estate.Service); svc.Type != "LoadBalancer" {
			t.Errorf("azure-vote-front type = %q", svc.Type)
		}
	})
	t.Run("CRDs, RBAC and comment-only files give nothing", func(t *testing.T) {
		for _, f := range []string{"akslza-ratingsapp-web-secret-provider-class.yaml", "aksbaseline-cluster-manifests-cluster-rbac.yaml"} {
			if rs := byFile[f].All(); len(rs) != 0 {
				t.Errorf("%s: got %v, want nothing", f, ids(byFile[f]))
			}
		}
		// The traefik file's ServiceAccount, ClusterRole and binding are skipped too.
		if got := ids(byFile["aksbaseline-workload-traefik.yaml"]); len(got) != 3 {
			t.Errorf("traefik file: got %v, want the config map, service and deployment only", got)
		}
	})
}

func isMeta(p cmp.Path) bool { return p.Last().String() == ".Meta" }

func ids(e *estate.Estate) []estate.ResourceID {
	var out []estate.ResourceID
	for _, r := range e.All() {
		out = append(out, r.M().ID)
	}
	return out
}
