package webhook

import (
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	corelisters "k8s.io/client-go/listers/core/v1"
	networkinglisters "k8s.io/client-go/listers/networking/v1"
	"k8s.io/client-go/tools/cache"
)

// Cluster is what the webhook reads from the cluster besides the object under
// review. Implementations answer from a cache: a review must not wait on the
// API server that is waiting on it.
type Cluster interface {
	// NetworkPolicies returns the policies of a namespace (AKS-NET-07).
	NetworkPolicies(namespace string) ([]*networkingv1.NetworkPolicy, error)
	// NamespaceLabels returns a namespace's labels; ok is false when the
	// namespace is not known (yet).
	NamespaceLabels(name string) (l map[string]string, ok bool)
	// HasSynced reports whether the cache holds the cluster's state, which
	// /readyz waits for.
	HasSynced() bool
}

// InformerCluster is a Cluster backed by shared informers on NetworkPolicies
// and Namespaces: list and watch, read-only, so the ServiceAccount needs only
// get/list/watch on those two resources.
type InformerCluster struct {
	factory    informers.SharedInformerFactory
	policies   networkinglisters.NetworkPolicyLister
	namespaces corelisters.NamespaceLister
	synced     []cache.InformerSynced
}

// NewInformerCluster prepares the informers; Start runs them.
func NewInformerCluster(cs kubernetes.Interface) *InformerCluster {
	// managedFields are most of a small object's size and nothing here reads
	// them: drop them before they reach the cache.
	f := informers.NewSharedInformerFactoryWithOptions(cs, 0, informers.WithTransform(stripManagedFields))
	np := f.Networking().V1().NetworkPolicies()
	ns := f.Core().V1().Namespaces()
	return &InformerCluster{
		factory:    f,
		policies:   np.Lister(),
		namespaces: ns.Lister(),
		synced:     []cache.InformerSynced{np.Informer().HasSynced, ns.Informer().HasSynced},
	}
}

func stripManagedFields(obj any) (any, error) {
	if a, err := meta.Accessor(obj); err == nil {
		a.SetManagedFields(nil)
	}
	return obj, nil
}

// Start runs the informers until ctx is done.
func (c *InformerCluster) Start(ctx context.Context) { c.factory.Start(ctx.Done()) }

// WaitForSync waits until the caches are filled, or ctx is done.
func (c *InformerCluster) WaitForSync(ctx context.Context) error {
	if !cache.WaitForCacheSync(ctx.Done(), c.synced...) {
		return fmt.Errorf("network policy and namespace caches did not sync: %w", context.Cause(ctx))
	}
	return nil
}

// Shutdown stops the informers and waits for their goroutines.
func (c *InformerCluster) Shutdown() { c.factory.Shutdown() }

// HasSynced implements Cluster.
func (c *InformerCluster) HasSynced() bool {
	for _, s := range c.synced {
		if !s() {
			return false
		}
	}
	return true
}

// NetworkPolicies implements Cluster.
func (c *InformerCluster) NetworkPolicies(namespace string) ([]*networkingv1.NetworkPolicy, error) {
	return c.policies.NetworkPolicies(namespace).List(labels.Everything())
}

// NamespaceLabels implements Cluster.
func (c *InformerCluster) NamespaceLabels(name string) (map[string]string, bool) {
	ns, err := c.namespaces.Get(name)
	if err != nil {
		return nil, false
	}
	return ns.Labels, true
}

// StaticCluster is a Cluster with fixed content, for tests and for running
// without cluster access (no AKS-NET-07, exemption by name only).
type StaticCluster struct {
	Policies   []*networkingv1.NetworkPolicy
	Namespaces []*corev1.Namespace
}

// HasSynced implements Cluster.
func (s *StaticCluster) HasSynced() bool { return true }

// NetworkPolicies implements Cluster.
func (s *StaticCluster) NetworkPolicies(namespace string) ([]*networkingv1.NetworkPolicy, error) {
	var out []*networkingv1.NetworkPolicy
	for _, p := range s.Policies {
		if p.Namespace == namespace {
			out = append(out, p)
		}
	}
	return out, nil
}

// NamespaceLabels implements Cluster.
func (s *StaticCluster) NamespaceLabels(name string) (map[string]string, bool) {
	for _, n := range s.Namespaces {
		if n.Name == name {
			return n.Labels, true
		}
	}
	return nil, false
}
