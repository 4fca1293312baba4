package kube

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/aksguard/aksguard/estate"
)

func TestReadWorkloads(t *testing.T) {
	tests := []struct {
		name     string
		manifest string
		want     *estate.Workload
	}{{
		name: "deployment without namespace, env literal and from secret, init container",
		manifest: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  template:
    spec:
      initContainers:
      - name: migrate
        image: contoso.azurecr.io/migrate@sha256:0123
      containers:
      - name: web
        image: nginx:1.27
        env:
        - name: MODE
          value: production
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef: {name: db, key: password}
        - name: LEVEL
          valueFrom:
            configMapKeyRef: {name: cfg, key: level}
        - name: EMPTY
`,
		want: &estate.Workload{
			Meta:      estate.Meta{ID: "k8s:Deployment/default/web", Name: "web", Source: estate.SourceKubernetes},
			Kind:      "Deployment",
			Namespace: "default",
			Labels:    map[string]string{"app": "web"},
			Containers: []estate.Container{
				{Name: "migrate", Kind: estate.InitContainer, Image: estate.Set("contoso.azurecr.io/migrate@sha256:0123", estate.Loc{})},
				{Name: "web", Kind: estate.RegularContainer, Image: estate.Set("nginx:1.27", estate.Loc{}), Env: []estate.EnvVar{
					{Name: "MODE", Literal: true, Value: "production"},
					{Name: "DB_PASSWORD", FromSecret: true},
					{Name: "LEVEL"},
					{Name: "EMPTY", Literal: true},
				}},
			},
		},
	}, {
		name: "cronjob reads the job template's pod spec",
		manifest: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: ops}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - {name: backup, image: "contoso.azurecr.io/backup:2.1"}
`,
		want: &estate.Workload{
			Meta:       estate.Meta{ID: "k8s:CronJob/ops/nightly", Name: "nightly", Source: estate.SourceKubernetes},
			Kind:       "CronJob",
			Namespace:  "ops",
			Containers: []estate.Container{{Name: "backup", Kind: estate.RegularContainer, Image: estate.Set("contoso.azurecr.io/backup:2.1", estate.Loc{})}},
		},
	}, {
		name: "pod with an ephemeral debug container",
		manifest: `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: dev}
spec:
  containers:
  - {name: app, image: "app:1"}
  ephemeralContainers:
  - {name: debugger, image: busybox, targetContainerName: app}
`,
		want: &estate.Workload{
			Meta:      estate.Meta{ID: "k8s:Pod/dev/p", Name: "p", Source: estate.SourceKubernetes},
			Kind:      "Pod",
			Namespace: "dev",
			Containers: []estate.Container{
				{Name: "app", Kind: estate.RegularContainer, Image: estate.Set("app:1", estate.Loc{})},
				{Name: "debugger", Kind: estate.EphemeralContainer, Image: estate.Set("busybox", estate.Loc{})},
			},
		},
	}, {
		name:     "statefulset",
		manifest: "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec: {template: {spec: {containers: [{name: c, image: 'redis:7'}]}}}",
		want: &estate.Workload{Meta: estate.Meta{ID: "k8s:StatefulSet/default/s", Name: "s", Source: estate.SourceKubernetes},
			Kind: "StatefulSet", Namespace: "default",
			Containers: []estate.Container{{Name: "c", Kind: estate.RegularContainer, Image: estate.Set("redis:7", estate.Loc{})}}},
	}, {
		name:     "daemonset",
		manifest: "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d, namespace: kube-system}\nspec: {template: {spec: {containers: [{name: c, image: 'agent:3'}]}}}",
		want: &estate.Workload{Meta: estate.Meta{ID: "k8s:DaemonSet/kube-system/d", Name: "d", Source: estate.SourceKubernetes},
			Kind: "DaemonSet", Namespace: "kube-system",
			Containers: []estate.Container{{Name: "c", Kind: estate.RegularContainer, Image: estate.Set("agent:3", estate.Loc{})}}},
	}, {
		name:     "replicaset",
		manifest: "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: r}\nspec: {template: {spec: {containers: [{name: c, image: 'web:2'}]}}}",
		want: &estate.Workload{Meta: estate.Meta{ID: "k8s:ReplicaSet/default/r", Name: "r", Source: estate.SourceKubernetes},
			Kind: "ReplicaSet", Namespace: "default",
			Containers: []estate.Container{{Name: "c", Kind: estate.RegularContainer, Image: estate.Set("web:2", estate.Loc{})}}},
	}, {
		name:     "replication controller without a template",
		manifest: "apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec: {replicas: 1}",
		want: &estate.Workload{Meta: estate.Meta{ID: "k8s:ReplicationController/default/rc", Name: "rc", Source: estate.SourceKubernetes},
			Kind: "ReplicationController", Namespace: "default"},
	}, {
		name:     "job",
		manifest: "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec: {template: {spec: {restartPolicy: Never, containers: [{name: c, image: 'mcr.microsoft.com/azure-cli:2.60.0'}]}}}",
		want: &estate.Workload{Meta: estate.Meta{ID: "k8s:Job/default/j", Name: "j", Source: estate.SourceKubernetes},
			Kind: "Job", Namespace: "default",
			Containers: []estate.Container{{Name: "c", Kind: estate.RegularContainer, Image: estate.Set("mcr.microsoft.com/azure-cli:2.60.0", estate.Loc{})}}},
	}, {
		name:     "deployment of the extensions group predating apps/v1",
		manifest: "apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: old}\nspec: {template: {spec: {containers: [{name: c, image: 'old:1'}]}}}",
		want: &estate.Workload{Meta: estate.Meta{ID: "k8s:Deployment/default/old", Name: "old", Source: estate.SourceKubernetes},
			Kind: "Deployment", Namespace: "default",
			Containers: []estate.Container{{Name: "c", Kind: estate.RegularContainer, Image: estate.Set("old:1", estate.Loc{})}}},
	}, {
		name: "missing image and placeholder image are unresolved",
		manifest: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: tpl}
spec:
  template:
    spec:
      containers:
      - name: set-by-kustomize
      - name: envsubst
        image: ${REGISTRY}/app:${TAG}
`,
		want: &estate.Workload{Meta: estate.Meta{ID: "k8s:Deployment/default/tpl", Name: "tpl", Source: estate.SourceKubernetes},
			Kind: "Deployment", Namespace: "default",
			Containers: []estate.Container{
				{Name: "set-by-kustomize", Kind: estate.RegularContainer, Image: estate.Unresolved[string](estate.Loc{}, "the manifest sets no image")},
				{Name: "envsubst", Kind: estate.RegularContainer, Image: estate.Unresolved[string](estate.Loc{},
					`image "${REGISTRY}/app:${TAG}" holds a placeholder that is substituted before deployment`)},
			}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mustRead(t, tt.manifest)
			if len(e.Workloads) != 1 {
				t.Fatalf("got %d workloads, want 1", len(e.Workloads))
			}
			if diff := cmp.Diff(tt.want, e.Workloads[0], ignoreLocs); diff != "" {
				t.Errorf("workload (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadNetworkPolicies(t *testing.T) {
	tests := []struct {
		name     string
		manifest string
		want     *estate.NetworkPolicy
	}{{
		name: "deny-all ingress without policyTypes",
		manifest: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec:
  podSelector: {}
`,
		want: &estate.NetworkPolicy{Meta: estate.Meta{ID: "k8s:NetworkPolicy/shop/deny", Name: "deny", Source: estate.SourceKubernetes},
			Namespace: "shop", SelectsAllPods: true, PolicyTypes: []string{"Ingress"}},
	}, {
		name: "egress rules without policyTypes add Egress",
		manifest: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dns}
spec:
  podSelector: {matchLabels: {app: web}}
  egress:
  - ports: [{port: 53, protocol: UDP}]
  ingress:
  - {}
  - from: [{podSelector: {}}]
`,
		want: &estate.NetworkPolicy{Meta: estate.Meta{ID: "k8s:NetworkPolicy/default/dns", Name: "dns", Source: estate.SourceKubernetes},
			Namespace: "default", PolicyTypes: []string{"Ingress", "Egress"}, IngressRules: 2, EgressRules: 1},
	}, {
		name: "explicit egress-only deny-all",
		manifest: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-egress}
spec:
  podSelector: {matchExpressions: []}
  policyTypes: [Egress]
`,
		want: &estate.NetworkPolicy{Meta: estate.Meta{ID: "k8s:NetworkPolicy/default/deny-egress", Name: "deny-egress", Source: estate.SourceKubernetes},
			Namespace: "default", SelectsAllPods: true, PolicyTypes: []string{"Egress"}},
	}, {
		name: "selector by expression selects some pods",
		manifest: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: some}
spec:
  podSelector: {matchExpressions: [{key: tier, operator: In, values: [db]}]}
  policyTypes: [Ingress, Egress]
`,
		want: &estate.NetworkPolicy{Meta: estate.Meta{ID: "k8s:NetworkPolicy/default/some", Name: "some", Source: estate.SourceKubernetes},
			Namespace: "default", PolicyTypes: []string{"Ingress", "Egress"}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mustRead(t, tt.manifest)
			if len(e.NetworkPolicies) != 1 {
				t.Fatalf("got %d network policies, want 1", len(e.NetworkPolicies))
			}
			if diff := cmp.Diff(tt.want, e.NetworkPolicies[0], ignoreLocs); diff != "" {
				t.Errorf("network policy (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadIngressServiceNamespaceConfigMap(t *testing.T) {
	e := mustRead(t, `
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {pod-security.kubernetes.io/enforce: restricted}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: front
  namespace: shop
  annotations: {cert-manager.io/cluster-issuer: letsencrypt}
spec:
  ingressClassName: webapprouting.kubernetes.azure.com
  tls:
  - hosts: [shop.contoso.com, www.contoso.com]
    secretName: shop-tls
  rules:
  - host: shop.contoso.com
  - http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: front, port: {number: 80}}}}]}
---
apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: legacy
  namespace: shop
  annotations: {kubernetes.io/ingress.class: azure/application-gateway}
spec:
  rules:
  - host: old.contoso.com
---
apiVersion: v1
kind: Service
metadata: {name: front, namespace: shop}
spec:
  ports:
  - {name: http, port: 80, targetPort: http}
  - {port: 8443, targetPort: 443, protocol: TCP, appProtocol: https}
  - {port: 53, protocol: UDP}
---
apiVersion: v1
kind: Service
metadata:
  name: public
  namespace: shop
  annotations: {service.beta.kubernetes.io/azure-load-balancer-internal: "false"}
spec: {type: LoadBalancer, ports: [{port: 443}]}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: ingress-nginx-controller, namespace: ingress-nginx}
data:
  ssl-protocols: TLSv1.2 TLSv1.3
`)
	want := &estate.Estate{
		Namespaces: []*estate.Namespace{{Meta: estate.Meta{ID: "k8s:Namespace/shop", Name: "shop", Source: estate.SourceKubernetes},
			Labels: map[string]string{"pod-security.kubernetes.io/enforce": "restricted"}}},
		Ingresses: []*estate.Ingress{{
			Meta:      estate.Meta{ID: "k8s:Ingress/shop/front", Name: "front", Source: estate.SourceKubernetes},
			Namespace: "shop", Class: "webapprouting.kubernetes.azure.com",
			Hosts: []string{"shop.contoso.com", ""}, TLSHosts: []string{"shop.contoso.com", "www.contoso.com"}, HasTLS: true,
			Annotations: map[string]string{"cert-manager.io/cluster-issuer": "letsencrypt"},
		}, {
			Meta:      estate.Meta{ID: "k8s:Ingress/shop/legacy", Name: "legacy", Source: estate.SourceKubernetes},
			Namespace: "shop", Class: "azure/application-gateway", Hosts: []string{"old.contoso.com"},
			Annotations: map[string]string{"kubernetes.io/ingress.class": "azure/application-gateway"},
		}},
		Services: []*estate.Service{{
			Meta:      estate.Meta{ID: "k8s:Service/shop/front", Name: "front", Source: estate.SourceKubernetes},
			Namespace: "shop", Type: "ClusterIP",
			Ports: []estate.ServicePort{
				{Name: "http", Port: 80, TargetPort: "http", Protocol: "TCP"},
				{Port: 8443, TargetPort: "443", Protocol: "TCP", AppProtocol: "https"},
				{Port: 53, Protocol: "UDP"},
			},
		}, {
			Meta:      estate.Meta{ID: "k8s:Service/shop/public", Name: "public", Source: estate.SourceKubernetes},
			Namespace: "shop", Type: "LoadBalancer", Ports: []estate.ServicePort{{Port: 443, Protocol: "TCP"}},
			Annotations: map[string]string{"service.beta.kubernetes.io/azure-load-balancer-internal": "false"},
		}},
		ConfigMaps: []*estate.ConfigMap{{
			Meta:      estate.Meta{ID: "k8s:ConfigMap/ingress-nginx/ingress-nginx-controller", Name: "ingress-nginx-controller", Source: estate.SourceKubernetes},
			Namespace: "ingress-nginx", Data: map[string]string{"ssl-protocols": "TLSv1.2 TLSv1.3"},
		}},
	}
	if diff := cmp.Diff(want, e, ignoreLocs, cmpopts.IgnoreUnexported(estate.Estate{})); diff != "" {
		t.Errorf("estate (-want +got):\n%s", diff)
	}
}

func TestReadSecretKeepsNoValues(t *testing.T) {
	r := Read("s.yaml", []byte(`
apiVersion: v1
kind: Secret
metadata: {name: db, namespace: shop}
type: Opaque
data:
  password: aHVudGVyMg==
stringData:
  username: admin-user-name
  password: s3cr3t-v4lue
---
apiVersion: v1
kind: Secret
metadata: {name: empty}
`))
	if len(r.Diagnostics) > 0 {
		t.Fatal(r.Diagnostics)
	}
	want := []*estate.Secret{{
		Meta:      estate.Meta{ID: "k8s:Secret/shop/db", Name: "db", Source: estate.SourceKubernetes},
		Namespace: "shop", Type: "Opaque", DataKeys: []string{"password", "username"}, HasLiteralData: true,
	}, {
		Meta:      estate.Meta{ID: "k8s:Secret/default/empty", Name: "empty", Source: estate.SourceKubernetes},
		Namespace: "default", Type: "Opaque",
	}}
	if diff := cmp.Diff(want, r.Estate.Secrets, ignoreLocs); diff != "" {
		t.Errorf("secrets (-want +got):\n%s", diff)
	}
	out, err := json.Marshal(r.Estate)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"aHVudGVyMg", "hunter2", "admin-user-name", "s3cr3t-v4lue"} {
		if strings.Contains(string(out), v) {
			t.Errorf("the estate holds the secret value %q", v)
		}
	}
}
