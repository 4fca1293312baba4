package webhook

import (
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"time"

	admissionv1 "k8s.io/api/admission/v1"
)

// maxReviewBytes bounds a request body. An object is at most about 1.5 MiB
// (etcd's limit), and an update review carries the object twice.
const maxReviewBytes = 8 << 20

// ServeHTTP serves POST /validate: an admission.k8s.io/v1 AdmissionReview in,
// the same with its response out, with status 200 and whatever the verdict.
//
// A request that is not a readable AdmissionReview (wrong method or content
// type, malformed JSON, another API version, no request or UID) gets a 4xx
// status and a plain-text reason, as the admission API expects of a call
// that failed: the API server then applies the webhook's failurePolicy. A
// review whose object cannot be decoded gets a denied response with code
// 400 (see Reviewer.Review).
func (r *Reviewer) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	start := time.Now()
	r.metrics.inFlight.Inc()
	defer r.metrics.inFlight.Dec()
	review, status, err := readReview(w, req)
	if err != nil {
		r.metrics.requests.WithLabelValues("unknown", "unknown", outcomeError).Inc()
		r.metrics.latency.WithLabelValues(outcomeError).Observe(time.Since(start).Seconds())
		r.log.Warn("rejected admission request", "status", status, "error", err.Error(), "remote", req.RemoteAddr)
		http.Error(w, err.Error(), status)
		return
	}
	resp, outcome := r.Review(req.Context(), review.Request)
	out := admissionv1.AdmissionReview{TypeMeta: review.TypeMeta, Response: resp}
	body, err := json.Marshal(&out)
	if err != nil { // cannot happen with these types; still, no panic
		http.Error(w, "encode response: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(body)
	r.metrics.requests.WithLabelValues(kindLabel(review.Request.Kind), string(review.Request.Operation), outcome).Inc()
	r.metrics.latency.WithLabelValues(outcome).Observe(time.Since(start).Seconds())
}

// readReview reads and checks the envelope; it returns the HTTP status to
// answer with when it cannot.
func readReview(w http.ResponseWriter, req *http.Request) (*admissionv1.AdmissionReview, int, error) {
	if req.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		return nil, http.StatusMethodNotAllowed, fmt.Errorf("method %s: admission reviews are POSTed", req.Method)
	}
	if mt, _, err := mime.ParseMediaType(req.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return nil, http.StatusUnsupportedMediaType, fmt.Errorf("content type %q: want application/json", req.Header.Get("Content-Type"))
	}
	var review admissionv1.AdmissionReview
	dec := json.NewDecoder(http.MaxBytesReader(w, req.Body, maxReviewBytes))
	if err := dec.Decode(&review); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return nil, http.StatusRequestEntityTooLarge, fmt.Errorf("the review is larger than %d bytes", maxReviewBytes)
		}
		return nil, http.StatusBadRequest, fmt.Errorf("decode AdmissionReview: %w", err)
	}
	switch {
	case review.APIVersion != admissionv1.SchemeGroupVersion.String() || review.Kind != "AdmissionReview":
		return nil, http.StatusBadRequest, fmt.Errorf("got %s %q: want an AdmissionReview of %s (set admissionReviewVersions: [v1])",
			review.Kind, review.APIVersion, admissionv1.SchemeGroupVersion)
	case review.Request == nil:
		return nil, http.StatusBadRequest, errors.New("the AdmissionReview has no request")
	case review.Request.UID == "":
		return nil, http.StatusBadRequest, errors.New("the AdmissionReview's request has no uid")
	}
	return &review, 0, nil
}
