package webhook

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	admissionv1 "k8s.io/api/admission/v1"
)

func newTestReviewer(t testing.TB, m *Metrics, logs *bytes.Buffer) *Reviewer {
	t.Helper()
	var log = testLogger(&bytes.Buffer{})
	if logs != nil {
		log = testLogger(logs)
	}
	r, err := NewReviewer(cfgWith(nil), &StaticCluster{}, log, m)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The envelope follows the admission API: a review always gets 200 and an
// AdmissionReview of the same version with the request's UID; a request that
// is not a readable review gets a 4xx, so the API server applies the
// failurePolicy.
func TestServeHTTP(t *testing.T) {
	valid := reviewBody(t, request(t, admissionv1.Create, "Deployment", "shop", "web", deployment("shop", "web", untrustedImage), nil))
	v1beta1 := bytes.Replace(valid, []byte(`"admission.k8s.io/v1"`), []byte(`"admission.k8s.io/v1beta1"`), 1)
	tests := []struct {
		name        string
		method      string
		contentType string
		body        []byte
		wantStatus  int
		wantBody    string
	}{
		{"review", "POST", "application/json", valid, 200, `"allowed":false`},
		{"content type with charset", "POST", "application/json; charset=utf-8", valid, 200, `"uid":"uid-web"`},
		{"GET", "GET", "application/json", nil, 405, "POSTed"},
		{"wrong content type", "POST", "text/plain", valid, 415, "want application/json"},
		{"malformed JSON", "POST", "application/json", []byte(`{"apiVersion":`), 400, "decode AdmissionReview"},
		{"v1beta1", "POST", "application/json", v1beta1, 400, "admissionReviewVersions"},
		{"no request", "POST", "application/json", []byte(`{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}`), 400, "no request"},
		{"no uid", "POST", "application/json", []byte(`{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{}}`), 400, "no uid"},
		{"too large", "POST", "application/json", append([]byte(`{"apiVersion":"`), bytes.Repeat([]byte("x"), maxReviewBytes+1)...), 413, "larger than"},
	}
	r := newTestReviewer(t, nil, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, "/validate", bytes.NewReader(tt.body))
			req.Header.Set("Content-Type", tt.contentType)
			rec := httptest.NewRecorder()
			r.ServeHTTP(rec, req)
			if rec.Code != tt.wantStatus {
				t.Errorf("status %d, want %d; body %s", rec.Code, tt.wantStatus, rec.Body)
			}
			if !strings.Contains(rec.Body.String(), tt.wantBody) {
				t.Errorf("body lacks %q: %s", tt.wantBody, rec.Body)
			}
			if rec.Code != 200 {
				return
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q", ct)
			}
			var out admissionv1.AdmissionReview
			if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
				t.Fatal(err)
			}
			if out.APIVersion != "admission.k8s.io/v1" || out.Kind != "AdmissionReview" || out.Request != nil ||
				out.Response == nil || out.Response.UID != "uid-web" {
				t.Errorf("response envelope %+v", out)
			}
		})
	}
}

// Metrics count requests by kind, operation and outcome, decisions by rule,
// mode and verdict, and time each review.
func TestMetrics(t *testing.T) {
	m := NewMetrics()
	r := newTestReviewer(t, m, nil)
	post := func(body []byte) {
		req := httptest.NewRequest("POST", "/validate", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		r.ServeHTTP(httptest.NewRecorder(), req)
	}
	post(reviewBody(t, request(t, admissionv1.Create, "Deployment", "shop", "web", deployment("shop", "web", untrustedImage), nil)))
	post(reviewBody(t, request(t, admissionv1.Create, "Deployment", "shop", "ok", deployment("shop", "ok", trustedImage), nil)))
	post(reviewBody(t, request(t, admissionv1.Create, "Deployment", "kube-system", "dns", deployment("kube-system", "dns", untrustedImage), nil)))
	post([]byte("not json"))

	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	text := rec.Body.String()
	for _, want := range []string{
		`aksguard_webhook_requests_total{kind="Deployment",operation="CREATE",outcome="denied"} 1`,
		`aksguard_webhook_requests_total{kind="Deployment",operation="CREATE",outcome="allowed"} 1`,
		`aksguard_webhook_requests_total{kind="Deployment",operation="CREATE",outcome="exempt"} 1`,
		`aksguard_webhook_requests_total{kind="unknown",operation="unknown",outcome="error"} 1`,
		`aksguard_webhook_decisions_total{mode="enforce",rule="AKS-IMG-01",verdict="fail"} 1`,
		`aksguard_webhook_decisions_total{mode="enforce",rule="AKS-IMG-01",verdict="pass"} 1`,
		`aksguard_webhook_decisions_total{mode="warn",rule="AKS-IMG-02",verdict="fail"} 1`,
		`aksguard_webhook_review_duration_seconds_count{outcome="denied"} 1`,
		`aksguard_webhook_review_duration_seconds_bucket{outcome="allowed",le="+Inf"} 1`,
		`aksguard_webhook_reviews_in_flight 0`,
		`go_goroutines`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// An arbitrary kind posted to the endpoint must not create metric series.
func TestMetricsKindLabelIsBounded(t *testing.T) {
	m := NewMetrics()
	r := newTestReviewer(t, m, nil)
	req := request(t, admissionv1.Create, "ConfigMap", "shop", "c", nil, nil)
	req.Kind.Kind = "Attacker-Chosen-Kind-1234"
	hr := httptest.NewRequest("POST", "/validate", bytes.NewReader(reviewBody(t, req)))
	hr.Header.Set("Content-Type", "application/json")
	r.ServeHTTP(httptest.NewRecorder(), hr)
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if body, _ := io.ReadAll(rec.Body); bytes.Contains(body, []byte("Attacker")) ||
		!bytes.Contains(body, []byte(`kind="other"`)) {
		t.Errorf("kind label not bounded:\n%s", body)
	}
}

// Logs are JSON lines with the request's identity and the decision, and
// never the object or an env value.
func TestLogs(t *testing.T) {
	var logs bytes.Buffer
	r := newTestReviewer(t, nil, &logs)
	d := deployment("shop", "web", untrustedImage)
	d.Spec.Template.Spec.Containers[0].Env = append(d.Spec.Template.Spec.Containers[0].Env,
		envVar("API_TOKEN", secretValue))
	r.Review(t.Context(), request(t, admissionv1.Create, "Deployment", "shop", "web", d, nil))
	if logs.Len() == 0 {
		t.Fatal("no log")
	}
	for line := range strings.SplitSeq(strings.TrimSpace(logs.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line is not JSON: %s", line)
		}
		if rec["msg"] == "review denied" && (rec["uid"] != "uid-web" || rec["namespace"] != "shop" || rec["user"] != "alice@example.com") {
			t.Errorf("denial log lacks the request identity: %s", line)
		}
	}
	if !strings.Contains(logs.String(), `"msg":"review denied"`) {
		t.Errorf("no denial logged:\n%s", logs.String())
	}
	for _, leak := range []string{secretValue, `"spec"`, `"containers"`} {
		if strings.Contains(logs.String(), leak) {
			t.Errorf("logs hold %q:\n%s", leak, logs.String())
		}
	}
}
