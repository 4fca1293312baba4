package kube

import (
	"errors"
	"fmt"
	"sort"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/aksguard/aksguard/estate"
)

// ErrUnsupportedKind is returned by AdaptObject for objects of a kind the
// estate does not model (RBAC, CRDs, ...). Callers that see every object, such
// as an admission webhook, test for it with errors.Is and let the object pass.
var ErrUnsupportedKind = errors.New("kind not modelled by aksguard")

// locator returns the location of the value at a property path of one object
// ("spec.template.spec.containers[0].image"). A manifest's locator knows the
// line of each value; a live object's only knows the object.
type locator func(path string) estate.Loc

// AdaptObject adds a typed Kubernetes object to into. loc says where the
// object comes from: a file and line for a manifest, a resource for a live
// object or an admission request; each value's Loc.Path is set from it.
//
// Supported are the kinds with a pod template (Pod, Deployment, StatefulSet,
// DaemonSet, ReplicaSet, ReplicationController, Job, CronJob), Namespace,
// NetworkPolicy, Ingress, Service, Secret and ConfigMap, in their k8s.io/api
// Go types, and typed lists of them (DeploymentList, ...). The kind is taken
// from the Go type, so objects from client-go with an empty TypeMeta work;
// *unstructured.Unstructured objects (dynamic clients) are converted to the
// typed object of their apiVersion and kind first.
// Other objects give an error wrapping ErrUnsupportedKind; into is unchanged.
func AdaptObject(obj runtime.Object, loc estate.Loc, into *estate.Estate) error {
	if meta.IsListType(obj) {
		items, err := meta.ExtractList(obj)
		if err != nil {
			return fmt.Errorf("read %T items: %w", obj, err)
		}
		var errs []error
		for _, item := range items {
			errs = append(errs, AdaptObject(item, loc, into))
		}
		return errors.Join(errs...)
	}
	if u, ok := obj.(*unstructured.Unstructured); ok {
		// Dynamic clients hand out maps: convert to the typed object first.
		typed := newObject(u.GetAPIVersion(), u.GetKind())
		if typed == nil {
			return fmt.Errorf("%s %s: %w", u.GetAPIVersion(), u.GetKind(), ErrUnsupportedKind)
		}
		if err := runtime.DefaultUnstructuredConverter.FromUnstructured(u.Object, typed); err != nil {
			return fmt.Errorf("convert %s %s/%s: %w", u.GetKind(), u.GetNamespace(), u.GetName(), err)
		}
		obj = typed
	}
	at := func(path string) estate.Loc { return loc.At(path) }
	if !adapt(obj, at, into) {
		return fmt.Errorf("%T: %w", obj, ErrUnsupportedKind)
	}
	return nil
}

// adapt adds obj to into and reports whether its kind is supported.
func adapt(obj runtime.Object, at locator, into *estate.Estate) bool {
	switch o := obj.(type) {
	case *corev1.Pod:
		into.Workloads = append(into.Workloads, workload("Pod", &o.ObjectMeta, &o.Spec, "spec", at))
	case *appsv1.Deployment:
		into.Workloads = append(into.Workloads, workload("Deployment", &o.ObjectMeta, &o.Spec.Template.Spec, "spec.template.spec", at))
	case *appsv1.StatefulSet:
		into.Workloads = append(into.Workloads, workload("StatefulSet", &o.ObjectMeta, &o.Spec.Template.Spec, "spec.template.spec", at))
	case *appsv1.DaemonSet:
		into.Workloads = append(into.Workloads, workload("DaemonSet", &o.ObjectMeta, &o.Spec.Template.Spec, "spec.template.spec", at))
	case *appsv1.ReplicaSet:
		into.Workloads = append(into.Workloads, workload("ReplicaSet", &o.ObjectMeta, &o.Spec.Template.Spec, "spec.template.spec", at))
	case *corev1.ReplicationController:
		var spec *corev1.PodSpec // the template is optional in the API
		if o.Spec.Template != nil {
			spec = &o.Spec.Template.Spec
		}
		into.Workloads = append(into.Workloads, workload("ReplicationController", &o.ObjectMeta, spec, "spec.template.spec", at))
	case *batchv1.Job:
		into.Workloads = append(into.Workloads, workload("Job", &o.ObjectMeta, &o.Spec.Template.Spec, "spec.template.spec", at))
	case *batchv1.CronJob:
		into.Workloads = append(into.Workloads, workload("CronJob", &o.ObjectMeta, &o.Spec.JobTemplate.Spec.Template.Spec, "spec.jobTemplate.spec.template.spec", at))
	case *corev1.Namespace:
		into.Namespaces = append(into.Namespaces, &estate.Namespace{
			Meta:   objectMeta("Namespace", false, &o.ObjectMeta, at),
			Labels: o.Labels,
		})
	case *networkingv1.NetworkPolicy:
		into.NetworkPolicies = append(into.NetworkPolicies, networkPolicy(o, at))
	case *networkingv1.Ingress:
		into.Ingresses = append(into.Ingresses, ingress(o, at))
	case *corev1.Service:
		into.Services = append(into.Services, service(o, at))
	case *corev1.Secret:
		into.Secrets = append(into.Secrets, secret(o, at))
	case *corev1.ConfigMap:
		into.ConfigMaps = append(into.ConfigMaps, &estate.ConfigMap{
			Meta:      objectMeta("ConfigMap", true, &o.ObjectMeta, at),
			Namespace: namespaceOf(&o.ObjectMeta),
			Data:      o.Data,
		})
	default:
		return false
	}
	return true
}

// namespaceOf returns the object's namespace; kubectl applies an object that
// names none to "default" (absent a --namespace flag, which a file cannot see).
func namespaceOf(m *metav1.ObjectMeta) string {
	if m.Namespace == "" {
		return metav1.NamespaceDefault
	}
	return m.Namespace
}

func objectMeta(kind string, namespaced bool, m *metav1.ObjectMeta, at locator) estate.Meta {
	ns := ""
	if namespaced {
		ns = namespaceOf(m)
	}
	return estate.Meta{
		ID:      estate.KubeID(kind, ns, m.Name),
		Name:    m.Name,
		Source:  estate.SourceKubernetes,
		Loc:     at(""),
		Ignores: ignores(m.Annotations, at(ignorePath)),
	}
}

func networkPolicy(o *networkingv1.NetworkPolicy, at locator) *estate.NetworkPolicy {
	sel := o.Spec.PodSelector
	var types []string
	if len(o.Spec.PolicyTypes) > 0 {
		for _, t := range o.Spec.PolicyTypes {
			types = append(types, string(t))
		}
	} else {
		// The API server's default when policyTypes is absent: every policy
		// restricts ingress; it restricts egress only when it has egress rules.
		types = []string{string(networkingv1.PolicyTypeIngress)}
		if len(o.Spec.Egress) > 0 {
			types = append(types, string(networkingv1.PolicyTypeEgress))
		}
	}
	return &estate.NetworkPolicy{
		Meta:           objectMeta("NetworkPolicy", true, &o.ObjectMeta, at),
		Namespace:      namespaceOf(&o.ObjectMeta),
		SelectsAllPods: len(sel.MatchLabels) == 0 && len(sel.MatchExpressions) == 0,
		PolicyTypes:    types,
		IngressRules:   len(o.Spec.Ingress),
		EgressRules:    len(o.Spec.Egress),
	}
}

func ingress(o *networkingv1.Ingress, at locator) *estate.Ingress {
	class := o.Annotations["kubernetes.io/ingress.class"] // the pre-1.18 way, still honoured by controllers
	if o.Spec.IngressClassName != nil {
		class = *o.Spec.IngressClassName
	}
	in := &estate.Ingress{
		Meta:        objectMeta("Ingress", true, &o.ObjectMeta, at),
		Namespace:   namespaceOf(&o.ObjectMeta),
		Class:       class,
		HasTLS:      len(o.Spec.TLS) > 0,
		Annotations: o.Annotations,
	}
	for _, r := range o.Spec.Rules {
		in.Hosts = append(in.Hosts, r.Host)
	}
	for _, t := range o.Spec.TLS {
		in.TLSHosts = append(in.TLSHosts, t.Hosts...)
	}
	return in
}

func service(o *corev1.Service, at locator) *estate.Service {
	typ := string(o.Spec.Type)
	if typ == "" {
		typ = string(corev1.ServiceTypeClusterIP) // the API default
	}
	s := &estate.Service{
		Meta:        objectMeta("Service", true, &o.ObjectMeta, at),
		Namespace:   namespaceOf(&o.ObjectMeta),
		Type:        typ,
		Annotations: o.Annotations,
	}
	for _, p := range o.Spec.Ports {
		proto := string(p.Protocol)
		if proto == "" {
			proto = string(corev1.ProtocolTCP) // the API default
		}
		sp := estate.ServicePort{Name: p.Name, Port: int(p.Port), Protocol: proto}
		if p.TargetPort.String() != "0" { // absent: the API uses the port itself
			sp.TargetPort = p.TargetPort.String()
		}
		if p.AppProtocol != nil {
			sp.AppProtocol = *p.AppProtocol
		}
		s.Ports = append(s.Ports, sp)
	}
	return s
}

// secret keeps only the key names: values never enter the estate.
func secret(o *corev1.Secret, at locator) *estate.Secret {
	var keys []string
	seen := make(map[string]bool)
	for k := range o.Data {
		seen[k] = true
		keys = append(keys, k)
	}
	for k := range o.StringData {
		if !seen[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	typ := string(o.Type)
	if typ == "" {
		typ = string(corev1.SecretTypeOpaque) // the API default
	}
	return &estate.Secret{
		Meta:           objectMeta("Secret", true, &o.ObjectMeta, at),
		Namespace:      namespaceOf(&o.ObjectMeta),
		Type:           typ,
		DataKeys:       keys,
		HasLiteralData: len(keys) > 0,
	}
}
