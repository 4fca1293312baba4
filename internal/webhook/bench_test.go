package webhook

import (
	"bytes"
	"context"
	"net/http/httptest"
	"testing"

	admissionv1 "k8s.io/api/admission/v1"
	networkingv1 "k8s.io/api/networking/v1"
)

// BenchmarkReview is the cost of deciding one review, without HTTP: decode,
// adapt, the five rules, the response.
func BenchmarkReview(b *testing.B) {
	r, err := NewReviewer(cfgWith(nil), &StaticCluster{Policies: []*networkingv1.NetworkPolicy{defaultDeny("shop")}}, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		req  *admissionv1.AdmissionRequest
	}{
		{"compliant", request(b, admissionv1.Create, "Deployment", "shop", "web", deployment("shop", "web", trustedImage), nil)},
		{"denied", request(b, admissionv1.Create, "Deployment", "shop", "web", deployment("shop", "web", untrustedImage), nil)},
		{"update", request(b, admissionv1.Update, "Deployment", "shop", "web", deployment("shop", "web", untrustedImage), deployment("shop", "web", untrustedImage))},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r.Review(context.Background(), bc.req)
			}
		})
	}
}

// BenchmarkServeHTTP adds the envelope: reading and writing the JSON.
func BenchmarkServeHTTP(b *testing.B) {
	r, err := NewReviewer(cfgWith(nil), &StaticCluster{Policies: []*networkingv1.NetworkPolicy{defaultDeny("shop")}}, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	body := reviewBody(b, request(b, admissionv1.Create, "Deployment", "shop", "web", deployment("shop", "web", untrustedImage), nil))
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("POST", "/validate", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		r.ServeHTTP(httptest.NewRecorder(), req)
	}
}
