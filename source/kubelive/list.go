package kubelive

import (
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source/kube"
)

// listFunc lists one page of a kind in a namespace ("" for all).
type listFunc func(ctx context.Context, c kubernetes.Interface, ns string, o metav1.ListOptions) (runtime.Object, error)

// kind is one kind the scan lists.
type kind struct {
	name     string // the Kind, "Deployment"
	resource string // the resource, "deployments.apps", for messages
	// owner: the kind's UIDs are recorded, so that the objects it controls
	// are not audited twice (see skipOwned).
	owner     bool
	clustered bool
	pageSize  int64 // 0: Options.PageSize
	list      listFunc
}

var namespaceKind = kind{name: "Namespace", resource: "namespaces", clustered: true,
	list: func(ctx context.Context, c kubernetes.Interface, _ string, o metav1.ListOptions) (runtime.Object, error) {
		return c.CoreV1().Namespaces().List(ctx, o)
	}}

// workloadKinds are the kinds with a pod template, owners before the
// objects they own: Deployment → ReplicaSet → Pod, CronJob → Job → Pod.
var workloadKinds = []kind{
	{name: "Deployment", resource: "deployments.apps", owner: true,
		list: func(ctx context.Context, c kubernetes.Interface, ns string, o metav1.ListOptions) (runtime.Object, error) {
			return c.AppsV1().Deployments(ns).List(ctx, o)
		}},
	{name: "CronJob", resource: "cronjobs.batch", owner: true,
		list: func(ctx context.Context, c kubernetes.Interface, ns string, o metav1.ListOptions) (runtime.Object, error) {
			return c.BatchV1().CronJobs(ns).List(ctx, o)
		}},
	{name: "ReplicaSet", resource: "replicasets.apps", owner: true,
		list: func(ctx context.Context, c kubernetes.Interface, ns string, o metav1.ListOptions) (runtime.Object, error) {
			return c.AppsV1().ReplicaSets(ns).List(ctx, o)
		}},
	{name: "Job", resource: "jobs.batch", owner: true,
		list: func(ctx context.Context, c kubernetes.Interface, ns string, o metav1.ListOptions) (runtime.Object, error) {
			return c.BatchV1().Jobs(ns).List(ctx, o)
		}},
	{name: "StatefulSet", resource: "statefulsets.apps", owner: true,
		list: func(ctx context.Context, c kubernetes.Interface, ns string, o metav1.ListOptions) (runtime.Object, error) {
			return c.AppsV1().StatefulSets(ns).List(ctx, o)
		}},
	{name: "DaemonSet", resource: "daemonsets.apps", owner: true,
		list: func(ctx context.Context, c kubernetes.Interface, ns string, o metav1.ListOptions) (runtime.Object, error) {
			return c.AppsV1().DaemonSets(ns).List(ctx, o)
		}},
	{name: "ReplicationController", resource: "replicationcontrollers", owner: true,
		list: func(ctx context.Context, c kubernetes.Interface, ns string, o metav1.ListOptions) (runtime.Object, error) {
			return c.CoreV1().ReplicationControllers(ns).List(ctx, o)
		}},
	{name: "Pod", resource: "pods",
		list: func(ctx context.Context, c kubernetes.Interface, ns string, o metav1.ListOptions) (runtime.Object, error) {
			return c.CoreV1().Pods(ns).List(ctx, o)
		}},
}

// otherKinds are the namespaced kinds read whole besides workloads.
// Secrets are not among them: only their metadata is read (secrets.go).
var otherKinds = []kind{
	{name: "NetworkPolicy", resource: "networkpolicies.networking.k8s.io",
		list: func(ctx context.Context, c kubernetes.Interface, ns string, o metav1.ListOptions) (runtime.Object, error) {
			return c.NetworkingV1().NetworkPolicies(ns).List(ctx, o)
		}},
	{name: "Ingress", resource: "ingresses.networking.k8s.io",
		list: func(ctx context.Context, c kubernetes.Interface, ns string, o metav1.ListOptions) (runtime.Object, error) {
			return c.NetworkingV1().Ingresses(ns).List(ctx, o)
		}},
	{name: "Service", resource: "services",
		list: func(ctx context.Context, c kubernetes.Interface, ns string, o metav1.ListOptions) (runtime.Object, error) {
			return c.CoreV1().Services(ns).List(ctx, o)
		}},
	// Config maps are read with their data: the ingress-nginx controller's
	// TLS settings (ssl-protocols) live there. A metadata-only list cannot
	// tell which config map is the controller's.
	{name: "ConfigMap", resource: "configmaps", pageSize: configMapPageSize,
		list: func(ctx context.Context, c kubernetes.Interface, ns string, o metav1.ListOptions) (runtime.Object, error) {
			return c.CoreV1().ConfigMaps(ns).List(ctx, o)
		}},
}

// list lists every object of k, page by page, and adds each to the estate.
func (s *scan) list(ctx context.Context, k kind) error {
	ns := s.namespace()
	if k.clustered {
		ns = ""
	}
	size := s.opts.PageSize
	if k.pageSize > 0 && k.pageSize < size {
		size = k.pageSize
	}
	what := "list " + k.resource
	if ns != "" {
		what += " in namespace " + ns
	}
	err := s.pages(ctx, k.name, size, func(ctx context.Context, o metav1.ListOptions) (runtime.Object, error) {
		return k.list(ctx, s.r.core, ns, o)
	}, func(obj runtime.Object) {
		m, err := meta.Accessor(obj)
		if err != nil {
			return
		}
		if k.owner {
			s.owners[string(m.GetUID())] = true
		}
		if s.skipOwned(obj, m) {
			s.stats.Skipped[k.name]++
			return
		}
		s.add(k.name, obj)
	})
	if err != nil {
		return s.failed(err, k.name, what)
	}
	return nil
}

// pages calls page with Limit and Continue until the list is complete and
// each for every item. A continue token that expired mid-list (the server
// compacted its history: a long list on a busy cluster) restarts the list
// once; items already seen are not handed to each again.
func (s *scan) pages(ctx context.Context, kindName string, size int64,
	page func(context.Context, metav1.ListOptions) (runtime.Object, error), each func(runtime.Object)) error {
	seen := map[string]bool{}
	restarted := false
	opts := metav1.ListOptions{Limit: size}
	defer func() { s.progress(Progress{Kind: kindName, Listed: len(seen), Done: true}) }()
	for {
		list, err := page(ctx, opts)
		if err != nil {
			if apierrors.IsResourceExpired(err) && opts.Continue != "" && !restarted {
				restarted, opts.Continue = true, ""
				continue
			}
			return err
		}
		items, err := meta.ExtractList(list)
		if err != nil {
			return fmt.Errorf("read the %s list: %w", kindName, err)
		}
		for _, item := range items {
			m, err := meta.Accessor(item)
			if err != nil {
				continue
			}
			key := m.GetNamespace() + "/" + m.GetName()
			if seen[key] {
				continue
			}
			seen[key] = true
			s.stats.Listed[kindName]++
			each(item)
		}
		s.progress(Progress{Kind: kindName, Listed: len(seen)})
		lm, err := meta.ListAccessor(list)
		if err != nil || lm.GetContinue() == "" {
			return nil
		}
		opts.Continue = lm.GetContinue()
	}
}

// skipOwned reports whether obj is controlled by an object this scan
// listed: a ReplicaSet of a Deployment, a Job of a CronJob, a Pod of a
// ReplicaSet, Job, StatefulSet, DaemonSet or ReplicationController. Its
// pod template is its owner's, so auditing it would repeat the owner's
// findings under another name, for every replica. A Pod with ephemeral
// containers (kubectl debug) is kept: those containers are in no template.
func (s *scan) skipOwned(obj runtime.Object, m metav1.Object) bool {
	ref := metav1.GetControllerOfNoCopy(m)
	if ref == nil || !s.owners[string(ref.UID)] {
		return false
	}
	if p, ok := obj.(*corev1.Pod); ok && len(p.Spec.EphemeralContainers) > 0 {
		return false
	}
	return true
}

// lastApplied is the annotation kubectl apply keeps a copy of the manifest
// in; it is not configuration, and for a Secret it holds the values.
const lastApplied = "kubectl.kubernetes.io/last-applied-configuration"

// add adapts obj, located by its resource ID, into the estate.
func (s *scan) add(kindName string, obj runtime.Object) {
	m, err := meta.Accessor(obj)
	if err != nil {
		return
	}
	// Dropped before the adapter sees them: bookkeeping of the API server
	// and kubectl, large, and read by no rule.
	m.SetManagedFields(nil)
	if a := m.GetAnnotations(); a[lastApplied] != "" {
		delete(a, lastApplied)
		m.SetAnnotations(a)
	}
	ns := m.GetNamespace()
	loc := estate.Loc{Resource: estate.KubeID(kindName, ns, m.GetName())}
	if err := kube.AdaptObject(obj, loc, s.est); err != nil {
		s.diags = append(s.diags, s.warn("%s %s: %v", kindName, loc.Resource, err))
	}
}
