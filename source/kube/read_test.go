package kube

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
)

// ignoreLocs compares resources without their locations; TestReadLocations
// checks those.
var ignoreLocs = cmp.Options{
	cmpopts.IgnoreTypes(estate.Loc{}),
	cmpopts.EquateEmpty(),
}

func mustRead(t *testing.T, manifest string) *estate.Estate {
	t.Helper()
	r := Read("m.yaml", []byte(manifest))
	if len(r.Diagnostics) > 0 {
		t.Fatalf("Read gave diagnostics: %v", r.Diagnostics)
	}
	return r.Estate
}

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

func TestReadLocations(t *testing.T) {
	e := mustRead(t, `# comment
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx:1.27
        env:
        - name: A
          value: "1"
        - name: B
          valueFrom: {secretKeyRef: {name: s, key: b}}
---
apiVersion: v1
kind: Namespace
metadata: {name: n}
`)
	w := e.Workloads[0]
	got := []estate.Loc{w.Loc, w.Containers[0].Loc, w.Containers[0].Image.Loc, w.Containers[0].Env[0].Loc, w.Containers[0].Env[1].Loc, e.Namespaces[0].Loc}
	want := []estate.Loc{
		{File: "m.yaml", Line: 3},
		{File: "m.yaml", Line: 11, Path: "spec.template.spec.containers[0]"},
		{File: "m.yaml", Line: 12, Path: "spec.template.spec.containers[0].image"},
		{File: "m.yaml", Line: 14, Path: "spec.template.spec.containers[0].env[0]"},
		{File: "m.yaml", Line: 16, Path: "spec.template.spec.containers[0].env[1]"},
		{File: "m.yaml", Line: 19},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("locations (-want +got):\n%s", diff)
	}
}

func TestReadMissingImagePointsAtContainer(t *testing.T) {
	e := mustRead(t, "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n")
	got := e.Workloads[0].Containers[0].Image
	if got.Known() || got.Loc.Line != 6 || got.Loc.Path != "spec.containers[0].image" {
		t.Errorf("image = %+v, want unknown at line 6, path spec.containers[0].image", got)
	}
}

func TestReadLists(t *testing.T) {
	tests := []struct {
		name     string
		manifest string
		want     []estate.ResourceID
	}{{
		name: "v1 List of mixed kinds",
		manifest: `
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Namespace
  metadata: {name: a}
- apiVersion: rbac.authorization.k8s.io/v1
  kind: Role
  metadata: {name: skipped}
- apiVersion: v1
  kind: Pod
  metadata: {name: p, namespace: a}
  spec: {containers: [{name: c, image: x}]}
`,
		want: []estate.ResourceID{"k8s:Namespace/a", "k8s:Pod/a/p"},
	}, {
		name: "typed list whose items omit their kind, as the API returns them",
		manifest: `
apiVersion: apps/v1
kind: DeploymentList
items:
- metadata: {name: d1, namespace: x}
  spec: {template: {spec: {containers: [{name: c, image: "i:1"}]}}}
- metadata: {name: d2, namespace: x}
`,
		want: []estate.ResourceID{"k8s:Deployment/x/d1", "k8s:Deployment/x/d2"},
	}, {
		name:     "JSON list indented with tabs",
		manifest: "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"List\",\n\t\"items\": [\n\t\t{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"j\"}}\n\t]\n}\n",
		want:     []estate.ResourceID{"k8s:Namespace/j"},
	}, {
		name:     "single JSON object",
		manifest: `{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"np","namespace":"z"},"spec":{"podSelector":{}}}`,
		want:     []estate.ResourceID{"k8s:NetworkPolicy/z/np"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mustRead(t, tt.manifest)
			var got []estate.ResourceID
			for _, r := range e.All() {
				got = append(got, r.M().ID)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("IDs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadSkipsSilently(t *testing.T) {
	tests := map[string]string{
		"empty file":                   "",
		"comments and empty documents": "# nothing\n---\n---\n# more\n...\n",
		"github actions workflow":      "name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n    - uses: actions/checkout@v4\n",
		"helm values":                  "image:\n  repository: nginx\n  tag: latest\nservice:\n  type: ClusterIP\n",
		"custom resource":              "apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\nmetadata: {name: kv}\nspec: {provider: azure}\n",
		"built-in kind name of a CRD":  "apiVersion: example.com/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {template: 42}\n",
		"rbac":                         "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: admins}\nroleRef: {kind: ClusterRole, name: cluster-admin}\n",
		"a scalar and a list":          "just text\n---\n- a\n- b\n",
		"kind without apiVersion":      "kind: Deployment\nmetadata: {name: x}\n",
		"JSON that is not an object":   `[1, 2, 3]`,
		"ARM template":                 `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "kind": "StorageV2"}]}`,
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			r := Read("x.yaml", []byte(in))
			if len(r.Diagnostics) > 0 {
				t.Errorf("diagnostics: %v", r.Diagnostics)
			}
			if n := len(r.Estate.All()); n != 0 {
				t.Errorf("got %d resources, want none", n)
			}
		})
	}
}

func TestReadDiagnostics(t *testing.T) {
	tests := []struct {
		name     string
		manifest string
		want     source.Diagnostics
		wantIDs  []estate.ResourceID // what is still read
	}{{
		name: "broken YAML in the middle document",
		manifest: `apiVersion: v1
kind: Namespace
metadata: {name: a}
---
apiVersion: v1
kind: Pod
metadata: {name: [p
---
apiVersion: v1
kind: Namespace
metadata: {name: c}
`,
		want:    source.Diagnostics{{Severity: source.Error, Input: "bad.yaml", Line: 7, Message: "invalid YAML: did not find expected ',' or ']'"}},
		wantIDs: []estate.ResourceID{"k8s:Namespace/a", "k8s:Namespace/c"},
	}, {
		name: "tab indentation",
		manifest: `apiVersion: v1
kind: Namespace
metadata:
	name: a
`,
		want: source.Diagnostics{{Severity: source.Error, Input: "bad.yaml", Line: 4, Message: "invalid YAML: found character that cannot start any token"}},
	}, {
		name: "image of the wrong type",
		manifest: `apiVersion: v1
kind: Namespace
metadata: {name: a}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
      - name: web
        image:
          repository: nginx
`,
		want: source.Diagnostics{{Severity: source.Error, Input: "bad.yaml", Line: 13,
			Message: "Deployment web: spec.template.spec.containers[0].image: a mapping is not a string"}},
		wantIDs: []estate.ResourceID{"k8s:Namespace/a"},
	}, {
		name: "replicas as a string",
		manifest: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: "two"
`,
		want: source.Diagnostics{{Severity: source.Error, Input: "bad.yaml", Line: 5,
			Message: "Deployment web: spec.replicas: a string is not an integer"}},
	}, {
		name: "malformed quantity",
		manifest: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: c
    image: x
    resources:
      limits: {cpu: lots}
`,
		want: source.Diagnostics{{Severity: source.Error, Input: "bad.yaml", Line: 9,
			Message: "Pod p: spec.containers[0].resources.limits.cpu: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"}},
	}, {
		name:     "duplicate key",
		manifest: "apiVersion: v1\nkind: Secret\nmetadata:\n  name: a\n  name: b\n",
		want: source.Diagnostics{{Severity: source.Error, Input: "bad.yaml", Line: 5,
			Message: `Secret a: key "name" is already defined at line 4`}},
	}, {
		name:     "ignore annotation without a rule",
		manifest: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  annotations:\n    aksguard.io/ignore: because\n",
		want: source.Diagnostics{{Severity: source.Warning, Input: "bad.yaml", Line: 6,
			Message: `Namespace a: annotation aksguard.io/ignore names no rule; write "AKS-IMG-02: reason"`}},
		wantIDs: []estate.ResourceID{"k8s:Namespace/a"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Read("bad.yaml", []byte(tt.manifest))
			if diff := cmp.Diff(tt.want, r.Diagnostics); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			var got []estate.ResourceID
			for _, res := range r.Estate.All() {
				got = append(got, res.M().ID)
			}
			if diff := cmp.Diff(tt.wantIDs, got); diff != "" {
				t.Errorf("resources still read (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadAnchorsAndMergeKeys(t *testing.T) {
	e := mustRead(t, `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
      - &base
        name: web
        image: contoso.azurecr.io/web:1.0
        env: [{name: A, value: "1"}]
      - <<: *base
        name: sidecar
`)
	c := e.Workloads[0].Containers
	if len(c) != 2 || c[1].Name != "sidecar" || c[1].Image.V != "contoso.azurecr.io/web:1.0" || len(c[1].Env) != 1 {
		t.Errorf("containers = %+v, want the sidecar to inherit image and env from the anchor", c)
	}
}

func TestIgnoreAnnotation(t *testing.T) {
	loc := estate.Loc{File: "m.yaml", Line: 7, Path: ignorePath}
	tests := []struct {
		value string
		want  []estate.InlineIgnore
	}{
		{"AKS-IMG-02: pinned by the release pipeline", []estate.InlineIgnore{{Rule: "AKS-IMG-02", Reason: "pinned by the release pipeline", Loc: loc}}},
		{"AKS-IMG-02: vendor image, reviewed, AKS-IMG-01: mirrored, see ticket 12", []estate.InlineIgnore{
			{Rule: "AKS-IMG-02", Reason: "vendor image, reviewed", Loc: loc},
			{Rule: "AKS-IMG-01", Reason: "mirrored, see ticket 12", Loc: loc},
		}},
		{"AKS-IMG-02: a\naks-img-01 b\n", []estate.InlineIgnore{
			{Rule: "AKS-IMG-02", Reason: "a", Loc: loc},
			{Rule: "AKS-IMG-01", Reason: "b", Loc: loc},
		}},
		{"AKS-NET-03", []estate.InlineIgnore{{Rule: "AKS-NET-03", Loc: loc}}},
		{"no rule here", nil},
	}
	for _, tt := range tests {
		got := ignores(map[string]string{IgnoreAnnotation: tt.value}, loc)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ignores(%q) (-want +got):\n%s", tt.value, diff)
		}
	}
}

func TestReadIgnoreAnnotation(t *testing.T) {
	e := mustRead(t, `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    aksguard.io/ignore: "AKS-IMG-02: digest pinned at deploy time"
`)
	want := []estate.InlineIgnore{{Rule: "AKS-IMG-02", Reason: "digest pinned at deploy time",
		Loc: estate.Loc{File: "m.yaml", Line: 6, Path: "metadata.annotations.aksguard.io/ignore"}}}
	if diff := cmp.Diff(want, e.Workloads[0].Ignores); diff != "" {
		t.Errorf("ignores (-want +got):\n%s", diff)
	}
}

func TestLooks(t *testing.T) {
	tests := map[string]struct {
		in   string
		want bool
	}{
		"deployment":             {"apiVersion: apps/v1\nkind: Deployment\n", true},
		"kind first, quoted":     {"# c\nkind: \"Service\"\napiVersion: 'v1'\n", true},
		"second document":        {"foo: bar\n---\napiVersion: networking.k8s.io/v1beta1\nkind: Ingress # old\n", true},
		"JSON object":            {`{"kind": "Pod", "apiVersion": "v1"}`, true},
		"custom resource":        {"apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\n", true},
		"ARM resource JSON":      {`{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "kind": "StorageV2"}`, false},
		"helm values":            {"image:\n  repository: nginx\nkind: foo\n", false},
		"nested apiVersion":      {"spec:\n  apiVersion: v1\n  kind: Pod\n", false},
		"compose file":           {"services:\n  web:\n    image: nginx\n", false},
		"dockerfile":             {"FROM alpine\n", false},
		"ARM apiVersion in YAML": {"apiVersion: 2023-01-01\nkind: StorageV2\n", false},
	}
	for name, tt := range tests {
		if got := Looks([]byte(tt.in)); got != tt.want {
			t.Errorf("%s: Looks = %v, want %v", name, got, tt.want)
		}
	}
}
