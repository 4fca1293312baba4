package webhook

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	admissionv1 "k8s.io/api/admission/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/internal/policy"
	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/rules/catalog"
	"github.com/aksguard/aksguard/source/kube"
)

// Reviewer decides admission requests with the rules of the catalog. It is
// prepared once (rules, modes, trusted registries) and is safe for
// concurrent use.
type Reviewer struct {
	cfg     *Config
	rcfg    rules.Config
	active  []*rules.Rule
	modes   map[string]Mode
	net07   bool
	exempt  map[string]bool
	cluster Cluster
	log     *slog.Logger
	metrics *Metrics
	now     func() time.Time
}

// NewReviewer prepares a reviewer. cluster may be nil when no rule or
// exemption needs it (AKS-NET-07 off, exemption by name only); log and m may
// be nil.
func NewReviewer(cfg *Config, cluster Cluster, log *slog.Logger, m *Metrics) (*Reviewer, error) {
	if cfg == nil {
		cfg = DefaultConfig()
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if m == nil {
		m = NewMetrics()
	}
	r := &Reviewer{
		cfg: cfg, rcfg: cfg.rulesConfig(), modes: cfg.Rules, cluster: cluster, log: log, metrics: m,
		exempt: map[string]bool{}, now: time.Now,
	}
	for _, id := range RuleIDs {
		if cfg.Rules[id] == Off {
			continue
		}
		rule := catalog.ByID(id)
		if rule == nil {
			return nil, fmt.Errorf("rule %s is not in the catalog", id)
		}
		r.active = append(r.active, rule)
	}
	r.net07 = cfg.Rules["AKS-NET-07"] != Off
	if r.net07 && cluster == nil {
		return nil, fmt.Errorf("AKS-NET-07 reads the namespace's network policies: it needs cluster access (or set it to off)")
	}
	for _, n := range cfg.ExemptNamespaces {
		r.exempt[n] = true
	}
	return r, nil
}

// Ready reports whether the reviewer can decide: its cluster cache, if any,
// has synced.
func (r *Reviewer) Ready() bool { return r.cluster == nil || r.cluster.HasSynced() }

// Review decides one admission request. It returns the response and the
// outcome for the metrics (allowed, denied, exempt, skipped, error).
func (r *Reviewer) Review(ctx context.Context, req *admissionv1.AdmissionRequest) (*admissionv1.AdmissionResponse, string) {
	resp := &admissionv1.AdmissionResponse{UID: req.UID, Allowed: true}
	if req.Operation != admissionv1.Create && req.Operation != admissionv1.Update {
		return resp, outcomeSkipped
	}
	if r.isExempt(req.Namespace) {
		return resp, outcomeExempt
	}
	obj, rk, err := decodeObject(req.Kind, req.Object.Raw)
	if err != nil {
		return r.errored(resp, req, err), outcomeError
	}
	if obj == nil {
		return resp, outcomeSkipped
	}
	m, err := meta.Accessor(obj)
	if err != nil {
		return r.errored(resp, req, err), outcomeError
	}
	if m.GetDeletionTimestamp() != nil {
		// Removing finalizers from an object being deleted must never be
		// blocked, whatever the object holds.
		return resp, outcomeSkipped
	}
	fill(m, req)
	findings, err := r.evaluate(ctx, obj, req, rk)
	if err != nil {
		return r.errored(resp, req, err), outcomeError
	}
	var before map[string]bool
	if req.Operation == admissionv1.Update && len(req.OldObject.Raw) > 0 {
		before = r.failingBefore(ctx, req, rk)
	}
	return r.decide(resp, req, findings, m.GetNamespace()+"/"+m.GetName(), before)
}

// fill sets the namespace and name the object may leave to the request: the
// API server fills the namespace from the URL, and a generateName object has
// no name yet.
func fill(m metav1.Object, req *admissionv1.AdmissionRequest) {
	if m.GetNamespace() == "" {
		m.SetNamespace(req.Namespace)
	}
	if m.GetName() == "" {
		name := req.Name
		if name == "" && m.GetGenerateName() != "" {
			name = m.GetGenerateName() + "*"
		}
		m.SetName(name)
	}
}

// evaluate runs the active rules on a one-object estate: the object, plus the
// namespace's network policies when AKS-NET-07 runs on a workload.
func (r *Reviewer) evaluate(ctx context.Context, obj runtime.Object, req *admissionv1.AdmissionRequest, rk *reviewedKind) ([]rules.Finding, error) {
	m, _ := meta.Accessor(obj)
	e := &estate.Estate{}
	loc := estate.Loc{Resource: estate.KubeID(req.Kind.Kind, m.GetNamespace(), m.GetName())}
	if err := kube.AdaptObject(obj, loc, e); err != nil {
		return nil, err
	}
	if r.net07 && rk.workload {
		nps, err := r.cluster.NetworkPolicies(m.GetNamespace())
		if err != nil {
			return nil, fmt.Errorf("list network policies of namespace %s: %w", m.GetNamespace(), err)
		}
		for _, np := range nps {
			at := estate.Loc{Resource: estate.KubeID("NetworkPolicy", np.Namespace, np.Name)}
			if err := kube.AdaptObject(np, at, e); err != nil {
				return nil, err
			}
		}
	}
	fs, err := rules.Evaluate(ctx, e, r.rcfg, r.active)
	if err != nil {
		return nil, err
	}
	if r.cfg.HonorIgnoreAnnotations {
		fs = policy.Apply(fs, e, policy.Options{Now: r.now}).Findings
	}
	return fs, nil
}

// failingBefore returns the failures of the object before an update, keyed
// by rule and evidence. An update that leaves such a failure as it was is not
// denied for it: a controller scaling an old ReplicaSet, or an annotation
// change, must not be blocked by a violation it did not introduce.
func (r *Reviewer) failingBefore(ctx context.Context, req *admissionv1.AdmissionRequest, rk *reviewedKind) map[string]bool {
	old, _, err := decodeObject(req.Kind, req.OldObject.Raw)
	if err != nil || old == nil {
		return nil
	}
	m, err := meta.Accessor(old)
	if err != nil {
		return nil
	}
	fill(m, req)
	fs, err := r.evaluate(ctx, old, req, rk)
	if err != nil {
		return nil
	}
	out := map[string]bool{}
	for _, f := range fs {
		if f.Verdict == rules.Failed && !f.Suppressed {
			out[f.Rule+"\x00"+f.Evidence] = true
		}
	}
	return out
}

// decide maps the findings to the response: failures of enforced rules deny,
// failures of warned rules and unknown verdicts of enforced or warned rules
// become warnings, audited rules are logged.
func (r *Reviewer) decide(resp *admissionv1.AdmissionResponse, req *admissionv1.AdmissionRequest, fs []rules.Finding, name string, before map[string]bool) (*admissionv1.AdmissionResponse, string) {
	var denials []string
	var denied []string
	for _, f := range fs {
		mode := r.modes[f.Rule]
		verdict := f.Verdict.String()
		if f.Suppressed {
			verdict = "suppressed"
		}
		r.metrics.decisions.WithLabelValues(f.Rule, string(mode), verdict).Inc()
		if f.Verdict == rules.Passed || f.Suppressed {
			if f.Suppressed {
				r.logReview(req, slog.LevelInfo, "finding suppressed by annotation", f, mode)
			}
			continue
		}
		switch {
		case mode == Audit:
			r.logReview(req, slog.LevelInfo, "audit finding", f, mode)
			// Also in the API server's audit log, under the webhook's name.
			if resp.AuditAnnotations == nil {
				resp.AuditAnnotations = map[string]string{}
			}
			resp.AuditAnnotations[strings.ToLower(f.Rule)] = auditAnnotation(f)
		case mode == Enforce && f.Verdict == rules.Failed && !before[f.Rule+"\x00"+f.Evidence]:
			denials = append(denials, denial(f))
			denied = append(denied, f.Rule)
		case mode == Enforce && f.Verdict == rules.Failed:
			resp.Warnings = append(resp.Warnings, warning(f, "already failing before this update, so not enforced on it"))
		case f.Verdict == rules.Failed:
			resp.Warnings = append(resp.Warnings, warning(f, ""))
		default: // unknown: the inputs do not decide, which is no reason to deny
			resp.Warnings = append(resp.Warnings, warning(f, "could not decide"))
		}
	}
	if len(denials) > 0 {
		resp.Allowed = false
		resp.Result = &metav1.Status{
			Status:  metav1.StatusFailure,
			Code:    http.StatusForbidden,
			Reason:  metav1.StatusReasonForbidden,
			Message: fmt.Sprintf("aksguard denied %s %s: %s", req.Kind.Kind, name, strings.Join(denials, "\n")),
		}
		r.log.LogAttrs(context.Background(), slog.LevelInfo, "review denied",
			append(requestAttrs(req), slog.Any("rules", slices.Compact(denied)), slog.Int("warnings", len(resp.Warnings)))...)
		return resp, outcomeDenied
	}
	if len(resp.Warnings) > 0 {
		r.log.LogAttrs(context.Background(), slog.LevelInfo, "review admitted with warnings",
			append(requestAttrs(req), slog.Int("warnings", len(resp.Warnings)))...)
	} else {
		r.log.LogAttrs(context.Background(), slog.LevelDebug, "review admitted", requestAttrs(req)...)
	}
	return resp, outcomeAllowed
}

// errored is the response to a request whose object cannot be read: denied
// with code 400, the convention of admission webhooks (the object is not
// judged, so it is not let through unchecked).
func (r *Reviewer) errored(resp *admissionv1.AdmissionResponse, req *admissionv1.AdmissionRequest, err error) *admissionv1.AdmissionResponse {
	r.log.LogAttrs(context.Background(), slog.LevelWarn, "review failed", append(requestAttrs(req), slog.String("error", err.Error()))...)
	resp.Allowed = false
	resp.Result = &metav1.Status{
		Status:  metav1.StatusFailure,
		Code:    http.StatusBadRequest,
		Reason:  metav1.StatusReasonBadRequest,
		Message: "aksguard could not read the object: " + err.Error(),
	}
	return resp
}

// isExempt reports whether a namespace is exempt by name or by its labels.
// The ValidatingWebhookConfiguration's namespaceSelector normally keeps such
// requests away; this covers a configuration without it.
func (r *Reviewer) isExempt(ns string) bool {
	if ns == "" {
		return false // cluster-scoped objects: none of the reviewed kinds
	}
	if r.exempt[ns] {
		return true
	}
	if r.cluster == nil || r.cfg.selector == nil || r.cfg.selector.Empty() {
		return false
	}
	l, ok := r.cluster.NamespaceLabels(ns)
	return ok && r.cfg.selector.Matches(labels.Set(l))
}

// requestAttrs are the log attributes of a request: never the object, which
// may hold credentials in env values.
func requestAttrs(req *admissionv1.AdmissionRequest) []slog.Attr {
	return []slog.Attr{
		slog.String("uid", string(req.UID)),
		slog.String("kind", req.Kind.Kind),
		slog.String("namespace", req.Namespace),
		slog.String("name", req.Name),
		slog.String("operation", string(req.Operation)),
		slog.String("user", req.UserInfo.Username),
		slog.Bool("dryRun", req.DryRun != nil && *req.DryRun),
	}
}

func (r *Reviewer) logReview(req *admissionv1.AdmissionRequest, level slog.Level, msg string, f rules.Finding, mode Mode) {
	r.log.LogAttrs(context.Background(), level, msg, append(requestAttrs(req),
		slog.String("rule", f.Rule), slog.String("mode", string(mode)), slog.String("verdict", f.Verdict.String()),
		slog.String("evidence", f.Evidence))...)
}
