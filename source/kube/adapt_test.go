package kube

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/aksguard/aksguard/estate"
)

// TestAdaptObject covers objects as client-go returns them: typed, with an
// empty TypeMeta, located by the live resource instead of a file.
func TestAdaptObject(t *testing.T) {
	live := estate.Loc{Resource: "k8s:cluster/aks1"}
	deploy := &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "shop",
			Annotations: map[string]string{IgnoreAnnotation: "AKS-IMG-01: vendor image"}},
		Spec: appsv1.DeploymentSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
			Containers: []corev1.Container{{Name: "web", Image: "contoso.azurecr.io/web@sha256:abc",
				Env: []corev1.EnvVar{{Name: "TOKEN", ValueFrom: &corev1.EnvVarSource{SecretKeyRef: &corev1.SecretKeySelector{Key: "t"}}}}}},
		}}},
	}
	tests := []struct {
		name    string
		obj     runtime.Object
		want    *estate.Estate
		wantErr error
	}{{
		name: "deployment",
		obj:  deploy,
		want: &estate.Estate{Workloads: []*estate.Workload{{
			Meta: estate.Meta{ID: "k8s:Deployment/shop/web", Name: "web", Source: estate.SourceKubernetes, Loc: live,
				Ignores: []estate.InlineIgnore{{Rule: "AKS-IMG-01", Reason: "vendor image", Loc: live.At("metadata.annotations.aksguard.io/ignore")}}},
			Kind: "Deployment", Namespace: "shop",
			Containers: []estate.Container{{
				Name: "web", Kind: estate.RegularContainer,
				Image: estate.Set("contoso.azurecr.io/web@sha256:abc", live.At("spec.template.spec.containers[0].image")),
				Env:   []estate.EnvVar{{Name: "TOKEN", FromSecret: true, Loc: live.At("spec.template.spec.containers[0].env[0]")}},
				Loc:   live.At("spec.template.spec.containers[0]"),
			}},
		}}},
	}, {
		name: "typed list",
		obj: &corev1.NamespaceList{Items: []corev1.Namespace{
			{ObjectMeta: metav1.ObjectMeta{Name: "a", Labels: map[string]string{"team": "x"}}},
			{ObjectMeta: metav1.ObjectMeta{Name: "b"}},
		}},
		want: &estate.Estate{Namespaces: []*estate.Namespace{
			{Meta: estate.Meta{ID: "k8s:Namespace/a", Name: "a", Source: estate.SourceKubernetes, Loc: live}, Labels: map[string]string{"team": "x"}},
			{Meta: estate.Meta{ID: "k8s:Namespace/b", Name: "b", Source: estate.SourceKubernetes, Loc: live}},
		}},
	}, {
		name: "unstructured, as a dynamic client returns it",
		obj: &unstructured.Unstructured{Object: map[string]any{
			"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
			"metadata": map[string]any{"name": "deny", "namespace": "shop"},
			"spec":     map[string]any{"podSelector": map[string]any{}, "egress": []any{map[string]any{}}},
		}},
		want: &estate.Estate{NetworkPolicies: []*estate.NetworkPolicy{{
			Meta:      estate.Meta{ID: "k8s:NetworkPolicy/shop/deny", Name: "deny", Source: estate.SourceKubernetes, Loc: live},
			Namespace: "shop", SelectsAllPods: true, PolicyTypes: []string{"Ingress", "Egress"}, EgressRules: 1,
		}}},
	}, {
		name:    "unstructured custom resource",
		obj:     &unstructured.Unstructured{Object: map[string]any{"apiVersion": "secrets-store.csi.x-k8s.io/v1", "kind": "SecretProviderClass"}},
		want:    &estate.Estate{},
		wantErr: ErrUnsupportedKind,
	}, {
		name:    "unsupported kind",
		obj:     &rbacv1.ClusterRole{ObjectMeta: metav1.ObjectMeta{Name: "admin"}},
		want:    &estate.Estate{},
		wantErr: ErrUnsupportedKind,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := &estate.Estate{}
			err := AdaptObject(tt.obj, live, got)
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(estate.Estate{})); diff != "" {
				t.Errorf("estate (-want +got):\n%s", diff)
			}
		})
	}
}
