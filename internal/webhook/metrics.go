package webhook

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Outcomes of a review, the "outcome" label of the request metrics.
const (
	outcomeAllowed = "allowed" // admitted (possibly with warnings)
	outcomeDenied  = "denied"  // an enforced rule failed
	outcomeExempt  = "exempt"  // the namespace is exempt
	outcomeSkipped = "skipped" // a kind or operation the webhook does not review
	outcomeError   = "error"   // the request or its object could not be read
)

// Metrics are the webhook's Prometheus metrics, on a registry of their own
// (with the Go runtime and process collectors) so that tests and a second
// server do not collide on the global one.
type Metrics struct {
	Registry     *prometheus.Registry
	requests     *prometheus.CounterVec
	decisions    *prometheus.CounterVec
	latency      *prometheus.HistogramVec
	certReloads  *prometheus.CounterVec
	certNotAfter prometheus.Gauge
	inFlight     prometheus.Gauge
}

// NewMetrics registers the webhook's metrics on a new registry.
func NewMetrics() *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "aksguard_webhook_requests_total",
			Help: "Admission reviews handled, by kind, operation and outcome (allowed, denied, exempt, skipped, error).",
		}, []string{"kind", "operation", "outcome"}),
		decisions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "aksguard_webhook_decisions_total",
			Help: "Rule verdicts on reviewed objects, by rule, mode (enforce, warn, audit) and verdict (pass, fail, unknown).",
		}, []string{"rule", "mode", "verdict"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "aksguard_webhook_review_duration_seconds",
			Help: "Time from reading an admission review to writing its response, by outcome.",
			// Reviews take well under a millisecond; the API server's
			// timeout is seconds. Buckets cover both ends.
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, 1, 5},
		}, []string{"outcome"}),
		certReloads: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "aksguard_webhook_certificate_reloads_total",
			Help: "Serving certificate reloads after the files changed, by result (ok, error).",
		}, []string{"result"}),
		certNotAfter: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "aksguard_webhook_certificate_expiry_timestamp_seconds",
			Help: "When the serving certificate in use expires (Unix time).",
		}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "aksguard_webhook_reviews_in_flight",
			Help: "Admission reviews being handled.",
		}),
	}
	m.Registry.MustRegister(m.requests, m.decisions, m.latency, m.certReloads, m.certNotAfter, m.inFlight,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in the Prometheus exposition format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{Registry: m.Registry})
}
