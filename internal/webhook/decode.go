package webhook

import (
	"encoding/json"
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// reviewedKind is a kind the webhook evaluates.
type reviewedKind struct {
	new func() runtime.Object
	// workload is true for kinds with a pod template (AKS-NET-07 reads the
	// namespace's policies for them).
	workload bool
}

// reviewedKinds are the kinds the webhook evaluates, in the version the
// Helm chart registers (the API server converts other versions to it).
// Secrets are deliberately absent: see the package documentation.
var reviewedKinds = map[schema.GroupVersionKind]reviewedKind{
	{Version: "v1", Kind: "Pod"}:                                 {func() runtime.Object { return &corev1.Pod{} }, true},
	{Version: "v1", Kind: "ReplicationController"}:               {func() runtime.Object { return &corev1.ReplicationController{} }, true},
	{Group: "apps", Version: "v1", Kind: "Deployment"}:           {func() runtime.Object { return &appsv1.Deployment{} }, true},
	{Group: "apps", Version: "v1", Kind: "StatefulSet"}:          {func() runtime.Object { return &appsv1.StatefulSet{} }, true},
	{Group: "apps", Version: "v1", Kind: "DaemonSet"}:            {func() runtime.Object { return &appsv1.DaemonSet{} }, true},
	{Group: "apps", Version: "v1", Kind: "ReplicaSet"}:           {func() runtime.Object { return &appsv1.ReplicaSet{} }, true},
	{Group: "batch", Version: "v1", Kind: "Job"}:                 {func() runtime.Object { return &batchv1.Job{} }, true},
	{Group: "batch", Version: "v1", Kind: "CronJob"}:             {func() runtime.Object { return &batchv1.CronJob{} }, true},
	{Group: "networking.k8s.io", Version: "v1", Kind: "Ingress"}: {func() runtime.Object { return &networkingv1.Ingress{} }, false},
	// A LoadBalancer Service on port 80 fails AKS-IAM-07 too; the chart
	// does not register Services by default, but a user may.
	{Version: "v1", Kind: "Service"}: {func() runtime.Object { return &corev1.Service{} }, false},
}

// kindLabel bounds the metric label for kinds: the webhook's endpoint is
// reachable in the cluster, and an arbitrary kind must not create series.
func kindLabel(k metav1.GroupVersionKind) string {
	if _, ok := reviewedKinds[schema.GroupVersionKind(k)]; ok {
		return k.Kind
	}
	return "other"
}

// decodeObject decodes raw into the Go type of kind k; it returns nil and
// no error for kinds the webhook does not review.
func decodeObject(k metav1.GroupVersionKind, raw []byte) (runtime.Object, *reviewedKind, error) {
	rk, ok := reviewedKinds[schema.GroupVersionKind(k)]
	if !ok {
		return nil, nil, nil
	}
	if len(raw) == 0 {
		return nil, nil, fmt.Errorf("the request has no object")
	}
	obj := rk.new()
	if err := json.Unmarshal(raw, obj); err != nil {
		return nil, nil, fmt.Errorf("decode %s: %w", k.Kind, err)
	}
	return obj, &rk, nil
}
