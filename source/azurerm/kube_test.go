package azurerm

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/zclconf/go-cty/cty"

	"github.com/aksguard/aksguard/estate"
)

func metadata(name, ns string) cty.Value {
	m := obj{"name": str(name)}
	if ns != "" {
		m["namespace"] = str(ns)
	}
	return blocks(o(m))
}

// TestKubeWorkloads: the pod spec is found where each kind keeps it, with
// init containers, env sources and Terraform paths.
func TestKubeWorkloads(t *testing.T) {
	container := func(name, image string, env ...cty.Value) cty.Value {
		c := obj{"name": str(name), "image": str(image)}
		if len(env) > 0 {
			c["env"] = blocks(env...)
		}
		return o(c)
	}
	podSpec := obj{
		"init_container": blocks(container("migrate", "acme.azurecr.io/migrate:1.0")),
		"container": blocks(container("app", "nginx:latest",
			o(obj{"name": str("MODE"), "value": str("prod")}),
			o(obj{"name": str("DB_PASSWORD"), "value_from": blocks(o(obj{"secret_key_ref": blocks(o(obj{"name": str("db"), "key": str("password")}))}))}),
		)),
	}
	tests := []struct {
		typ, kind string
		v         obj
		path      string
	}{
		{"kubernetes_deployment_v1", "Deployment", obj{"spec": blocks(o(obj{"template": blocks(o(obj{"spec": blocks(o(podSpec))}))}))}, "spec.template.spec"},
		{"kubernetes_stateful_set", "StatefulSet", obj{"spec": blocks(o(obj{"template": blocks(o(obj{"spec": blocks(o(podSpec))}))}))}, "spec.template.spec"},
		{"kubernetes_daemonset", "DaemonSet", obj{"spec": blocks(o(obj{"template": blocks(o(obj{"spec": blocks(o(podSpec))}))}))}, "spec.template.spec"},
		{"kubernetes_job_v1", "Job", obj{"spec": blocks(o(obj{"template": blocks(o(obj{"spec": blocks(o(podSpec))}))}))}, "spec.template.spec"},
		{"kubernetes_cron_job_v1", "CronJob", obj{"spec": blocks(o(obj{"job_template": blocks(o(obj{"spec": blocks(o(obj{
			"template": blocks(o(obj{"spec": blocks(o(podSpec))}))}))}))}))}, "spec.job_template.spec.template.spec"},
		{"kubernetes_pod", "Pod", obj{"spec": blocks(o(podSpec))}, "spec"},
	}
	for _, tt := range tests {
		t.Run(tt.typ, func(t *testing.T) {
			tt.v["metadata"] = metadata("web", "shop")
			e := adaptOne(t, res(tt.typ, tt.typ+".web", tt.v, nil))
			if len(e.Workloads) != 1 {
				t.Fatalf("workloads = %d", len(e.Workloads))
			}
			w := e.Workloads[0]
			if w.ID != estate.KubeID(tt.kind, "shop", "web") || w.Name != "web" || w.Kind != tt.kind || w.Namespace != "shop" || w.Source != estate.SourceTerraform {
				t.Errorf("workload = %+v", w.Meta)
			}
			if len(w.Containers) != 2 {
				t.Fatalf("containers = %+v", w.Containers)
			}
			init, app := w.Containers[0], w.Containers[1]
			if init.Kind != estate.InitContainer || app.Kind != estate.RegularContainer || app.Name != "app" {
				t.Errorf("containers = %+v", w.Containers)
			}
			check(t, "app image", app.Image, set("nginx:latest", tt.path+".container[0].image"))
			check(t, "init image", init.Image, set("acme.azurecr.io/migrate:1.0", tt.path+".init_container[0].image"))
			want := []estate.EnvVar{
				{Name: "MODE", Literal: true, Value: "prod", Loc: estate.Loc{Path: tt.path + ".container[0].env[0]"}},
				{Name: "DB_PASSWORD", FromSecret: true, Loc: estate.Loc{Path: tt.path + ".container[0].env[1]"}},
			}
			if diff := cmp.Diff(want, app.Env, ignoreLines); diff != "" {
				t.Errorf("env (-want +got):\n%s", diff)
			}
		})
	}
}

// TestKubeWorkloadUnknowns: an image that is not known, or containers from
// a dynamic block over an unknown collection, are unresolved images.
func TestKubeWorkloadUnknowns(t *testing.T) {
	e := adaptOne(t, res("kubernetes_deployment", "kubernetes_deployment.api", obj{
		"metadata": metadata("api", ""),
		"spec": blocks(o(obj{"template": blocks(o(obj{"spec": blocks(o(obj{
			"container":      blocks(o(obj{"name": str("api"), "image": unknown})),
			"init_container": unknownBlocks,
		}))}))})),
	}, map[string]AttrInfo{
		"spec.0.template.0.spec.0.container.0.image": {Line: 12, Expr: `"${var.registry}/api:${var.tag}"`, Reason: "var.tag has no value"},
		"spec.0.template.0.spec.0.init_container":    {Line: 14, Reason: "dynamic block for_each: var.init has no value"},
	}))
	w := e.Workloads[0]
	if w.Namespace != "default" {
		t.Errorf("namespace = %q, want the provider's default", w.Namespace)
	}
	check(t, "init", w.Containers[0].Image, unres[string]("spec.template.spec.init_container", "dynamic block for_each: var.init has no value"))
	check(t, "api", w.Containers[1].Image, unres[string]("spec.template.spec.container[0].image", "var.tag has no value"))
	if w.Containers[1].Image.Loc.Line != 12 {
		t.Errorf("image at %v, want line 12", w.Containers[1].Image.Loc)
	}
}

// TestKubeObjects: namespaces, network policies, ingresses, services and
// config maps keep what rules read; a namespace is named as Kubernetes
// names it, so workloads find it.
func TestKubeObjects(t *testing.T) {
	out := Adapt([]Resource{
		res("kubernetes_namespace_v1", "kubernetes_namespace_v1.shop", obj{"metadata": blocks(o(obj{"name": str("shop"), "labels": cty.MapVal(map[string]cty.Value{"team": str("a")})}))}, nil),
		res("kubernetes_network_policy_v1", "kubernetes_network_policy_v1.deny", obj{"metadata": metadata("deny", "shop"),
			"spec": blocks(o(obj{"pod_selector": blocks(o(obj{})), "policy_types": list("Ingress")}))}, nil),
		res("kubernetes_network_policy", "kubernetes_network_policy.web", obj{"metadata": metadata("web", "shop"),
			"spec": blocks(o(obj{"pod_selector": blocks(o(obj{"match_labels": cty.MapVal(map[string]cty.Value{"app": str("web")})})),
				"ingress": blocks(o(obj{})), "egress": blocks(o(obj{}))}))}, nil),
		res("kubernetes_ingress_v1", "kubernetes_ingress_v1.web", obj{"metadata": metadata("web", "shop"),
			"spec": blocks(o(obj{"ingress_class_name": str("nginx"), "rule": blocks(o(obj{"host": str("shop.example.com")})),
				"tls": blocks(o(obj{"hosts": list("shop.example.com"), "secret_name": str("tls")}))}))}, nil),
		res("kubernetes_service_v1", "kubernetes_service_v1.web", obj{"metadata": metadata("web", "shop"),
			"spec": blocks(o(obj{"type": str("LoadBalancer"), "port": blocks(o(obj{"port": num(80), "target_port": str("8080")}))}))}, nil),
		res("kubernetes_config_map_v1", "kubernetes_config_map_v1.nginx", obj{"metadata": metadata("ingress-nginx-controller", "ingress-nginx"),
			"data": cty.MapVal(map[string]cty.Value{"ssl-protocols": str("TLSv1.2 TLSv1.3")})}, nil),
	})
	e := out.Estate
	if n := e.Namespaces[0]; n.Name != "shop" || n.ID != estate.KubeID("Namespace", "", "shop") || n.Labels["team"] != "a" {
		t.Errorf("namespace = %+v", n)
	}
	deny, web := e.NetworkPolicies[0], e.NetworkPolicies[1]
	if !deny.SelectsAllPods || !cmp.Equal(deny.PolicyTypes, []string{"Ingress"}) || deny.IngressRules != 0 {
		t.Errorf("default deny = %+v", deny)
	}
	if web.SelectsAllPods || !cmp.Equal(web.PolicyTypes, []string{"Ingress", "Egress"}) || web.IngressRules != 1 {
		t.Errorf("web policy = %+v", web)
	}
	in := e.Ingresses[0]
	if in.Class != "nginx" || !in.HasTLS || !cmp.Equal(in.Hosts, []string{"shop.example.com"}) || !cmp.Equal(in.TLSHosts, []string{"shop.example.com"}) {
		t.Errorf("ingress = %+v", in)
	}
	svc := e.Services[0]
	if want := []estate.ServicePort{{Port: 80, TargetPort: "8080", Protocol: "TCP"}}; svc.Type != "LoadBalancer" || !cmp.Equal(svc.Ports, want) {
		t.Errorf("service = %+v", svc)
	}
	if cm := e.ConfigMaps[0]; cm.Namespace != "ingress-nginx" || cm.Data["ssl-protocols"] != "TLSv1.2 TLSv1.3" {
		t.Errorf("config map = %+v", cm)
	}
}

// TestKubeSecretKeysOnly: a secret's keys are kept, its values never.
func TestKubeSecretKeysOnly(t *testing.T) {
	e := adaptOne(t, res("kubernetes_secret_v1", "kubernetes_secret_v1.db", obj{
		"metadata":    metadata("db", "shop"),
		"data":        cty.MapVal(map[string]cty.Value{"password": str("hunter2-value").Mark("sensitive"), "user": str("admin-value")}),
		"binary_data": cty.MapVal(map[string]cty.Value{"cert": str("Y2VydA==")}),
	}, nil))
	s := e.Secrets[0]
	if !cmp.Equal(s.DataKeys, []string{"cert", "password", "user"}) || !s.HasLiteralData || s.Type != "Opaque" {
		t.Errorf("secret = %+v", s)
	}
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"hunter2-value", "admin-value", "Y2VydA=="} {
		if strings.Contains(string(b), v) {
			t.Errorf("the estate holds the secret value %q", v)
		}
	}
	e = adaptOne(t, res("kubernetes_secret", "kubernetes_secret.tls", obj{"metadata": metadata("tls", "shop"), "type": str("kubernetes.io/tls")}, nil))
	if s := e.Secrets[0]; s.HasLiteralData || s.Type != "kubernetes.io/tls" {
		t.Errorf("secret without data = %+v", s)
	}
}

// TestKubernetesManifest: kubernetes_manifest objects go through the
// manifests adapter; values not known are unresolved, other kinds skipped.
func TestKubernetesManifest(t *testing.T) {
	deployment := o(obj{
		"apiVersion": str("apps/v1"), "kind": str("Deployment"),
		"metadata": o(obj{"name": str("web"), "namespace": str("shop")}),
		"spec": o(obj{"replicas": num(2), "template": o(obj{"spec": o(obj{"containers": cty.TupleVal([]cty.Value{
			o(obj{"name": str("web"), "image": str("acme.azurecr.io/web@sha256:abc")}),
			o(obj{"name": str("sidecar"), "image": unknown}),
		})})})}),
	})
	out := Adapt([]Resource{
		{Address: "kubernetes_manifest.web", Type: "kubernetes_manifest", Values: o(obj{"manifest": deployment}), File: testFile, Line: 3,
			Attrs:   map[string]AttrInfo{"manifest": {Line: 4}, "manifest.spec.template.spec.containers.1.image": {Reason: "var.sidecar has no value"}},
			Ignores: []estate.InlineIgnore{{Rule: "AKS-IMG-01", Reason: "vendor image"}}},
		{Address: "kubernetes_manifest.crd", Type: "kubernetes_manifest", File: testFile, Line: 20,
			Values: o(obj{"manifest": o(obj{"apiVersion": str("cert-manager.io/v1"), "kind": str("Certificate"), "metadata": o(obj{"name": str("c")})})})},
		{Address: "kubernetes_manifest.bad", Type: "kubernetes_manifest", File: testFile, Line: 30,
			Values: o(obj{"manifest": o(obj{"apiVersion": str("v1"), "kind": str("Service"), "metadata": o(obj{"name": str("s")}),
				"spec": o(obj{"ports": str("eighty")})})})},
	})
	if len(out.Diagnostics) != 1 || out.Diagnostics[0].Line != 30 {
		t.Errorf("diagnostics = %v, want one for the malformed Service", out.Diagnostics)
	}
	e := out.Estate
	if len(e.Workloads) != 1 || len(e.Services) != 0 {
		t.Fatalf("workloads %d, services %d", len(e.Workloads), len(e.Services))
	}
	w := e.Workloads[0]
	if w.ID != estate.KubeID("Deployment", "shop", "web") || w.Source != estate.SourceTerraform || w.Loc.Line != 4 || w.Loc.Path != "manifest" {
		t.Errorf("workload meta = %+v", w.Meta)
	}
	if len(w.Ignores) != 1 || w.Ignores[0].Rule != "AKS-IMG-01" {
		t.Errorf("ignores = %+v", w.Ignores)
	}
	check(t, "web", w.Containers[0].Image, set("acme.azurecr.io/web@sha256:abc", "manifest.spec.template.spec.containers[0].image"))
	check(t, "sidecar", w.Containers[1].Image, unres[string]("manifest.spec.template.spec.containers[1].image", "var.sidecar has no value"))
}
