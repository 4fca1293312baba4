package kube

import (
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// kindInfo says which API groups serve a kind and which Go type decodes it.
type kindInfo struct {
	groups []string
	new    func() runtime.Object
}

// kinds are the kinds the estate models. Older API versions of the same group
// (apps/v1beta2, batch/v1beta1, extensions/v1beta1 for Deployment, Ingress and
// NetworkPolicy) have the same shape for every field read here, so they
// decode into the v1 types: manifests that predate v1 are still audited.
var kinds = map[string]kindInfo{
	"Pod":                   {[]string{""}, func() runtime.Object { return &corev1.Pod{} }},
	"ReplicationController": {[]string{""}, func() runtime.Object { return &corev1.ReplicationController{} }},
	"Namespace":             {[]string{""}, func() runtime.Object { return &corev1.Namespace{} }},
	"Service":               {[]string{""}, func() runtime.Object { return &corev1.Service{} }},
	"Secret":                {[]string{""}, func() runtime.Object { return &corev1.Secret{} }},
	"ConfigMap":             {[]string{""}, func() runtime.Object { return &corev1.ConfigMap{} }},
	"Deployment":            {[]string{"apps", "extensions"}, func() runtime.Object { return &appsv1.Deployment{} }},
	"StatefulSet":           {[]string{"apps"}, func() runtime.Object { return &appsv1.StatefulSet{} }},
	"DaemonSet":             {[]string{"apps", "extensions"}, func() runtime.Object { return &appsv1.DaemonSet{} }},
	"ReplicaSet":            {[]string{"apps", "extensions"}, func() runtime.Object { return &appsv1.ReplicaSet{} }},
	"Job":                   {[]string{"batch"}, func() runtime.Object { return &batchv1.Job{} }},
	"CronJob":               {[]string{"batch"}, func() runtime.Object { return &batchv1.CronJob{} }},
	"NetworkPolicy":         {[]string{"networking.k8s.io", "extensions"}, func() runtime.Object { return &networkingv1.NetworkPolicy{} }},
	"Ingress":               {[]string{"networking.k8s.io", "extensions"}, func() runtime.Object { return &networkingv1.Ingress{} }},
}

// newObject returns an empty object of the Go type for apiVersion and kind,
// or nil when the estate does not model that kind (RBAC, CRDs, ...).
func newObject(apiVersion, kind string) runtime.Object {
	k, ok := kinds[kind]
	if !ok {
		return nil
	}
	group := ""
	if i := strings.LastIndexByte(apiVersion, '/'); i >= 0 {
		group = apiVersion[:i]
	}
	for _, g := range k.groups {
		if g == group {
			return k.new()
		}
	}
	return nil // a CRD that reuses a built-in kind name
}
