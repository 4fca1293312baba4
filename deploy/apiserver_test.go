package deploy

import (
	"context"
	"os"
	"strings"
	"testing"

	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	appsv1 "k8s.io/api/apps/v1"
	authorizationv1 "k8s.io/api/authorization/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"sigs.k8s.io/yaml"

	"github.com/aksguard/aksguard/internal/kubetest"
)

func TestMain(m *testing.M) { os.Exit(kubetest.Main(m)) }

// A real API server accepts every built-in object of the chart (server-side
// dry run: validation and defaulting, nothing stored; cert-manager's kinds
// need its CRDs and are left out), and the chart's RBAC lets the webhook's
// ServiceAccount read network policies and namespaces, and nothing more.
func TestChartAgainstAPIServer(t *testing.T) {
	srv := kubetest.Shared(t)
	cs := srv.Client(t)
	ctx := t.Context()
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: releaseNS}}
	if _, err := cs.CoreV1().Namespaces().Create(ctx, ns, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, values := range []map[string]any{
		nil,
		{"certificates": map[string]any{"source": "secret", "secret": map[string]any{"name": "tls", "caBundle": "LS0tLS1CRUdJTg=="}}},
	} {
		r := mustRender(t, values)
		for _, o := range r.objects {
			if o.u.GetAPIVersion() == "cert-manager.io/v1" {
				continue
			}
			if err := dryRunCreate(ctx, cs, o); err != nil {
				t.Errorf("%s: %s %s: %v", o.file, o.u.GetKind(), o.u.GetName(), err)
			}
		}
	}

	// The dry run is a real validation: a value the API server does not
	// accept fails it.
	bad := mustRender(t, map[string]any{"webhook": map[string]any{"failurePolicy": "Sometimes"}})
	for _, o := range bad.find("ValidatingWebhookConfiguration") {
		if err := dryRunCreate(ctx, cs, o); err == nil || !strings.Contains(err.Error(), "failurePolicy") {
			t.Errorf("failurePolicy Sometimes: error %v, want the API server to reject it", err)
		}
	}

	// The RBAC objects for real, then ask the authorizer.
	r := mustRender(t, nil)
	var role rbacv1.ClusterRole
	var binding rbacv1.ClusterRoleBinding
	r.one(t, "ClusterRole", &role)
	r.one(t, "ClusterRoleBinding", &binding)
	if _, err := cs.RbacV1().ClusterRoles().Create(ctx, &role, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := cs.RbacV1().ClusterRoleBindings().Create(ctx, &binding, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	sa := "system:serviceaccount:" + releaseNS + ":" + binding.Subjects[0].Name
	for _, tt := range []struct {
		group, resource, verb string
		want                  bool
	}{
		{"networking.k8s.io", "networkpolicies", "list", true},
		{"networking.k8s.io", "networkpolicies", "watch", true},
		{"", "namespaces", "watch", true},
		{"", "namespaces", "get", true},
		{"networking.k8s.io", "networkpolicies", "create", false},
		{"", "secrets", "list", false},
		{"", "pods", "list", false},
		{"apps", "deployments", "get", false},
	} {
		sar := &authorizationv1.SubjectAccessReview{Spec: authorizationv1.SubjectAccessReviewSpec{
			User:   sa,
			Groups: []string{"system:serviceaccounts", "system:serviceaccounts:" + releaseNS, "system:authenticated"},
			ResourceAttributes: &authorizationv1.ResourceAttributes{
				Group: tt.group, Resource: tt.resource, Verb: tt.verb,
			},
		}}
		got, err := cs.AuthorizationV1().SubjectAccessReviews().Create(ctx, sar, metav1.CreateOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got.Status.Allowed != tt.want {
			t.Errorf("%s %s/%s: allowed %v, want %v", tt.verb, tt.group, tt.resource, got.Status.Allowed, tt.want)
		}
	}
}

// dryRunCreate creates o with a server-side dry run.
func dryRunCreate(ctx context.Context, cs kubernetes.Interface, o object) error {
	opts := metav1.CreateOptions{DryRun: []string{metav1.DryRunAll}, FieldValidation: "Strict"}
	ns := o.u.GetNamespace()
	decode := func(into any) error { return yaml.UnmarshalStrict(o.raw, into) }
	var err error
	switch o.u.GetKind() {
	case "Deployment":
		var v appsv1.Deployment
		if err = decode(&v); err == nil {
			_, err = cs.AppsV1().Deployments(ns).Create(ctx, &v, opts)
		}
	case "Service":
		var v corev1.Service
		if err = decode(&v); err == nil {
			_, err = cs.CoreV1().Services(ns).Create(ctx, &v, opts)
		}
	case "ServiceAccount":
		var v corev1.ServiceAccount
		if err = decode(&v); err == nil {
			_, err = cs.CoreV1().ServiceAccounts(ns).Create(ctx, &v, opts)
		}
	case "ConfigMap":
		var v corev1.ConfigMap
		if err = decode(&v); err == nil {
			_, err = cs.CoreV1().ConfigMaps(ns).Create(ctx, &v, opts)
		}
	case "PodDisruptionBudget":
		var v policyv1.PodDisruptionBudget
		if err = decode(&v); err == nil {
			_, err = cs.PolicyV1().PodDisruptionBudgets(ns).Create(ctx, &v, opts)
		}
	case "NetworkPolicy":
		var v networkingv1.NetworkPolicy
		if err = decode(&v); err == nil {
			_, err = cs.NetworkingV1().NetworkPolicies(ns).Create(ctx, &v, opts)
		}
	case "ClusterRole":
		var v rbacv1.ClusterRole
		if err = decode(&v); err == nil {
			_, err = cs.RbacV1().ClusterRoles().Create(ctx, &v, opts)
		}
	case "ClusterRoleBinding":
		var v rbacv1.ClusterRoleBinding
		if err = decode(&v); err == nil {
			_, err = cs.RbacV1().ClusterRoleBindings().Create(ctx, &v, opts)
		}
	case "ValidatingWebhookConfiguration":
		var v admissionregistrationv1.ValidatingWebhookConfiguration
		if err = decode(&v); err == nil {
			_, err = cs.AdmissionregistrationV1().ValidatingWebhookConfigurations().Create(ctx, &v, opts)
		}
	default:
		return errUnexpectedKind(o.u.GetKind())
	}
	return err
}

type errUnexpectedKind string

func (e errUnexpectedKind) Error() string { return "no dry-run create for kind " + string(e) }
