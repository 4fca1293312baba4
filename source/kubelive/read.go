package kubelive

import (
	"context"
	"errors"
	"fmt"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/metadata"
	"k8s.io/client-go/rest"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
)

// DefaultPageSize is the number of objects asked for per list request.
// 500 is kubectl's and client-go's pager default: large enough that a
// cluster of a few thousand objects takes a handful of requests, small
// enough that no single response strains the API server.
const DefaultPageSize = 500

// configMapPageSize caps the pages of config maps, which, unlike the other
// kinds, may each hold up to 1 MiB of data.
const configMapPageSize = 100

// Options say what a scan reads.
type Options struct {
	// Namespace, when set, reads only that namespace (and its Namespace
	// object); otherwise every namespace is read.
	Namespace string
	// PageSize is the number of objects per list request; 0 means
	// DefaultPageSize.
	PageSize int64
	// Progress, when set, is told how far the scan has come after every
	// page, one call at a time.
	Progress func(Progress)
}

// Progress is how far a scan has come.
type Progress struct {
	// Kind is the kind being listed ("Pod", "Secret", ...).
	Kind string
	// Listed is the number of objects of Kind listed so far.
	Listed int
	// Done is set once Kind is fully listed (or failed).
	Done bool
}

// Result is what a scan read.
type Result struct {
	// Estate holds the cluster's objects, located by resource
	// ("k8s:Deployment/shop/web"), with Source kubernetes.
	Estate *estate.Estate
	// Diagnostics says what could not be read: an error for a kind the
	// credentials may not list, a warning for a kind the server does not
	// serve.
	Diagnostics source.Diagnostics
	Stats       Stats
}

// Reader reads a cluster through its API server.
type Reader struct {
	target Target
	core   kubernetes.Interface
	meta   metadata.Interface
}

// NewReader returns a reader for the cluster cfg points at; target names
// it in diagnostics. userAgent, when set, is sent with every request.
func NewReader(cfg *rest.Config, target Target, userAgent string) (*Reader, error) {
	cfg = tune(cfg, userAgent)
	if target.Server == "" {
		target.Server = cfg.Host
	}
	core, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return nil, fmt.Errorf("client for %s: %w", target, err)
	}
	meta, err := metadata.NewForConfig(cfg)
	if err != nil {
		return nil, fmt.Errorf("client for %s: %w", target, err)
	}
	return &Reader{target: target, core: core, meta: meta}, nil
}

// Target returns the cluster the reader reads.
func (r *Reader) Target() Target { return r.target }

// Read lists the cluster's objects of the kinds the estate models and
// adapts each with kube.AdaptObject, the adapter of manifest files, so a
// live object and the same object in a file get the same verdicts.
//
// A kind the credentials may not list becomes an error diagnostic and the
// other kinds are still read. Read returns an error only when the cluster
// cannot be read at all (unreachable, credentials refused, the namespace
// asked for does not exist) or ctx ends.
func (r *Reader) Read(ctx context.Context, opts Options) (*Result, error) {
	if opts.PageSize <= 0 {
		opts.PageSize = DefaultPageSize
	}
	s := &scan{r: r, opts: opts, est: &estate.Estate{}, owners: map[string]bool{},
		stats: Stats{Listed: map[string]int{}, Skipped: map[string]int{}}}
	if err := s.namespaces(ctx); err != nil {
		return nil, err
	}
	for _, k := range workloadKinds {
		if err := s.list(ctx, k); err != nil {
			return nil, err
		}
	}
	for _, k := range otherKinds {
		if err := s.list(ctx, k); err != nil {
			return nil, err
		}
	}
	if err := s.secrets(ctx); err != nil {
		return nil, err
	}
	return &Result{Estate: s.est, Diagnostics: s.diags, Stats: s.stats}, nil
}

// scan is the state of one Read.
type scan struct {
	r     *Reader
	opts  Options
	est   *estate.Estate
	diags source.Diagnostics
	stats Stats
	// owners holds the UIDs of the listed objects that own others
	// (Deployments, CronJobs, ReplicaSets, Jobs, StatefulSets, DaemonSets,
	// ReplicationControllers).
	owners map[string]bool
}

// namespaces reads the Namespace objects: all of them, or the one asked for.
func (s *scan) namespaces(ctx context.Context) error {
	if s.opts.Namespace == "" {
		return s.list(ctx, namespaceKind)
	}
	ns, err := s.r.core.CoreV1().Namespaces().Get(ctx, s.opts.Namespace, metav1.GetOptions{})
	switch {
	case err == nil:
		s.add("Namespace", ns)
		s.stats.Listed["Namespace"]++
		s.progress(Progress{Kind: "Namespace", Listed: 1, Done: true})
		return nil
	case apierrors.IsNotFound(err):
		return fmt.Errorf("%s has no namespace %q", s.r.target, s.opts.Namespace)
	}
	return s.failed(err, "Namespace", "get namespace "+s.opts.Namespace)
}

// failed turns a list error into a diagnostic, or into Read's error when
// the cluster cannot be read at all.
func (s *scan) failed(err error, kind, what string) error {
	switch {
	case canceled(err):
		return err
	case apierrors.IsForbidden(err):
		s.diags = append(s.diags, source.Errorf(s.r.target.Input(), 0,
			"cannot %s: %s; %s objects are not audited (grant list on them, read-only)", what, reason(err), kind))
		return nil
	case apierrors.IsNotFound(err):
		s.diags = append(s.diags, source.Warnf(s.r.target.Input(), 0,
			"cannot %s: the server does not serve this API; %s objects are not audited", what, kind))
		return nil
	case apierrors.IsUnauthorized(err):
		return fmt.Errorf("%s refused the credentials: %s", s.r.target, reason(err))
	}
	return fmt.Errorf("cannot read %s: %s: %w", s.r.target, what, err)
}

func canceled(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// reason is the API server's message without client-go's prefixes.
func reason(err error) string {
	var se apierrors.APIStatus
	if errors.As(err, &se) && se.Status().Message != "" {
		return se.Status().Message
	}
	return err.Error()
}

func (s *scan) progress(p Progress) {
	if s.opts.Progress != nil {
		s.opts.Progress(p)
	}
}

// namespace is the namespace lists are narrowed to ("" for all).
func (s *scan) namespace() string { return s.opts.Namespace }
