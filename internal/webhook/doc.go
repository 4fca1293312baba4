// Package webhook is aksguard's validating admission webhook: it runs the
// workload rules of the catalog (AKS-IMG-01, AKS-IMG-02, AKS-IAM-08,
// AKS-IAM-07, AKS-NET-07) on each object the API server admits, with the same
// rule code as `aksguard scan`.
//
// # How an object is judged
//
// The object of an admission.k8s.io/v1 AdmissionReview is decoded into its
// k8s.io/api type and adapted with kube.AdaptObject into a one-object
// estate, the same adapter a scan of manifests or of the live cluster uses.
// For workloads, AKS-NET-07 also needs the namespace's NetworkPolicies: they
// come from a shared informer (Cluster), so a review never waits on the API
// server. rules.Evaluate then runs only the rules the configuration leaves on.
// The catalog, the modes and the trusted registries are prepared once, at
// start (Reviewer), not per request.
//
// Each rule has a mode (Config.Rules):
//
//   - enforce: a failure denies the object (403), with a message naming the
//     rule, what failed and the fix;
//   - warn: a failure admits the object with an admission warning, which
//     kubectl prints;
//   - audit: a failure admits the object, is logged, and is recorded as an
//     audit annotation in the API server's audit log;
//   - off: the rule does not run.
//
// An unknown verdict (an image reference the rule cannot read) is a warning
// in enforce and warn modes: it is not a pass, but not a reason to deny.
//
// On UPDATE, an enforced failure that the object already had before the
// update (same rule, same evidence) is a warning, not a denial. Controllers
// update the objects they own (the deployment controller scales old
// ReplicaSets through updates), and blocking them for a violation they did
// not introduce would stall the rollout that fixes it. Objects being deleted
// (deletionTimestamp set) are never judged, so finalizers can be removed.
//
// # Secrets and AKS-IAM-08
//
// The webhook checks AKS-IAM-08's workload part: a credential-looking literal
// in a container's env. It does not judge Secret objects, and the chart does
// not register Secrets. The rule's Secret part asks that secret material
// not ship in manifests, which is a property of the repository a scan reads;
// through the API, every Secret has data, and most are written by
// controllers (cert-manager, the Key Vault provider's sync, external-secrets,
// Helm's release records, service account tokens). Denying them would break
// the very tooling that keeps secrets out of manifests, and the request does
// not tell a manifest from a controller.
//
// # Exemptions
//
// Namespaces are exempt by name (kube-system always; `aksguard webhook` adds
// its own namespace from POD_NAMESPACE) and by label (ExemptNamespaceSelector,
// aksguard.io/exempt=true by default). The ValidatingWebhookConfiguration's
// namespaceSelector keeps those requests from reaching the webhook at all;
// the check here covers a configuration without one. The aksguard.io/ignore
// annotation, which a scan honours, is not honoured unless
// HonorIgnoreAnnotations is set: whoever may create the object could
// otherwise lift enforcement on it.
//
// # Errors
//
// A request that is not a readable AdmissionReview gets a 4xx status, so the
// API server applies the webhook's failurePolicy. A review whose object
// cannot be decoded is denied with code 400 (the object is not judged, so it
// is not let in unchecked). Kinds and operations the webhook does not review
// are allowed.
//
// # Serving
//
// Server serves /validate over TLS 1.2 or later with a certificate reloaded
// from its files when they change (CertReloader), /healthz and /readyz, and
// Prometheus metrics (Metrics) on a separate plain-HTTP port. Logs are JSON
// (log/slog) and never hold the object or an env value. On shutdown /readyz
// fails first, then the listeners close and reviews in flight finish.
package webhook
