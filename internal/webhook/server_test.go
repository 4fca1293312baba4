package webhook

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	admissionv1 "k8s.io/api/admission/v1"
	networkingv1 "k8s.io/api/networking/v1"
)

// testServer is a Server running on loopback until the test ends.
type testServer struct {
	*Server
	ca     *testCA
	vol    *secretVolume
	cancel context.CancelFunc
	done   chan error
}

func startServer(t *testing.T, cluster Cluster, opts ServerOptions) *testServer {
	t.Helper()
	ca := newTestCA(t)
	cert, key := ca.serving(t, 1)
	vol := newSecretVolume(t, cert, key)
	m := NewMetrics()
	rev, err := NewReviewer(cfgWith(nil), cluster, nil, m)
	if err != nil {
		t.Fatal(err)
	}
	opts.Addr, opts.MetricsAddr = "127.0.0.1:0", "127.0.0.1:0"
	opts.CertFile, opts.KeyFile = vol.cert(), vol.key()
	s, err := NewServer(opts, rev, m)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Listen(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ts := &testServer{Server: s, ca: ca, vol: vol, cancel: cancel, done: make(chan error, 1)}
	go func() { ts.done <- s.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-ts.done:
		case <-time.After(30 * time.Second):
			t.Error("server did not stop")
		}
	})
	return ts
}

func (ts *testServer) tlsConfig() *tls.Config {
	return &tls.Config{RootCAs: ts.ca.pool(), MinVersion: tls.VersionTLS12}
}

func (ts *testServer) client() *http.Client {
	return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: ts.tlsConfig()}}
}

// servedSerial is the serial number of the certificate a new handshake gets.
func (ts *testServer) servedSerial(t *testing.T) int64 {
	t.Helper()
	conn, err := tls.Dial("tcp", ts.Addr(), ts.tlsConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	return conn.ConnectionState().PeerCertificates[0].SerialNumber.Int64()
}

func (ts *testServer) review(t *testing.T, body []byte) (*admissionv1.AdmissionReview, error) {
	resp, err := ts.client().Post("https://"+ts.Addr()+"/validate", "application/json", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out admissionv1.AdmissionReview
	if resp.StatusCode != 200 {
		b, _ := io.ReadAll(resp.Body)
		return nil, errors.New(resp.Status + ": " + string(b))
	}
	return &out, json.NewDecoder(resp.Body).Decode(&out)
}

func get(t *testing.T, c *http.Client, url string) (int, string) {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestTLSVersions(t *testing.T) {
	ts := startServer(t, &StaticCluster{}, ServerOptions{})
	for _, tt := range []struct {
		name    string
		max     uint16
		wantErr bool
	}{
		{"TLS 1.0", tls.VersionTLS10, true},
		{"TLS 1.1", tls.VersionTLS11, true},
		{"TLS 1.2", tls.VersionTLS12, false},
		{"TLS 1.3", tls.VersionTLS13, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := ts.tlsConfig()
			cfg.MinVersion, cfg.MaxVersion = tls.VersionTLS10, tt.max
			conn, err := tls.Dial("tcp", ts.Addr(), cfg)
			if (err != nil) != tt.wantErr {
				t.Fatalf("handshake error %v, want error %v", err, tt.wantErr)
			}
			if err == nil {
				if v := conn.ConnectionState().Version; v != tt.max {
					t.Errorf("negotiated %s", tls.VersionName(v))
				}
				conn.Close()
			}
		})
	}
}

func TestServeReviewOverTLS(t *testing.T) {
	ts := startServer(t, &StaticCluster{}, ServerOptions{})
	out, err := ts.review(t, reviewBody(t, request(t, admissionv1.Create, "Deployment", "shop", "web", deployment("shop", "web", untrustedImage), nil)))
	if err != nil {
		t.Fatal(err)
	}
	if out.Response.Allowed || !strings.Contains(out.Response.Result.Message, "AKS-IMG-01") {
		t.Errorf("response %+v", out.Response)
	}
}

// A certificate renewed in the Secret volume (a symlink swap) is served on
// the next handshake, without a restart.
func TestCertificateReload(t *testing.T) {
	ts := startServer(t, &StaticCluster{}, ServerOptions{CertPollInterval: 20 * time.Millisecond})
	if got := ts.servedSerial(t); got != 1 {
		t.Fatalf("serving serial %d, want 1", got)
	}
	cert2, key2 := ts.ca.serving(t, 2)
	ts.vol.update(t, cert2, key2)
	deadline := time.Now().Add(10 * time.Second)
	for ts.servedSerial(t) != 2 {
		if time.Now().After(deadline) {
			t.Fatal("the renewed certificate was not served within 10 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	_, metrics := get(t, http.DefaultClient, "http://"+ts.MetricsAddr()+"/metrics")
	if !strings.Contains(metrics, `aksguard_webhook_certificate_reloads_total{result="ok"} 1`) {
		t.Errorf("reload not counted:\n%s", grep(metrics, "certificate"))
	}
}

// A certificate and key that do not match (the key not written yet) keep the
// previous pair in use; the next change that forms a pair is loaded.
func TestCertificateReloadKeepsPairInUseOnError(t *testing.T) {
	ca := newTestCA(t)
	cert1, key1 := ca.serving(t, 1)
	vol := newSecretVolume(t, cert1, key1)
	c, err := NewCertReloader(vol.cert(), vol.key(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if changed, err := c.Reload(); changed || err != nil {
		t.Fatalf("Reload of unchanged files: changed %v, err %v", changed, err)
	}
	cert2, key2 := ca.serving(t, 2)
	vol.update(t, cert2, key1)
	if _, err := c.Reload(); err == nil {
		t.Fatal("mismatched pair: want an error")
	}
	if got := c.Certificate().Leaf.SerialNumber.Int64(); got != 1 {
		t.Errorf("in use after a failed reload: serial %d, want 1", got)
	}
	vol.update(t, cert2, key2)
	if changed, err := c.Reload(); !changed || err != nil {
		t.Fatalf("Reload of a good pair: changed %v, err %v", changed, err)
	}
	if got := c.Certificate().Leaf.SerialNumber.Int64(); got != 2 {
		t.Errorf("serial %d, want 2", got)
	}
}

func TestNewCertReloaderErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := NewCertReloader(dir+"/tls.crt", dir+"/tls.key", nil, nil); err == nil ||
		!strings.Contains(err.Error(), "tls.crt") {
		t.Errorf("missing files: error %v, want one naming the file", err)
	}
}

type unsynced struct{ StaticCluster }

func (unsynced) HasSynced() bool { return false }

func TestProbes(t *testing.T) {
	ready := startServer(t, &StaticCluster{}, ServerOptions{})
	notReady := startServer(t, &unsynced{}, ServerOptions{})
	for _, tt := range []struct {
		name string
		ts   *testServer
		path string
		want int
	}{
		{"healthz", ready, "/healthz", 200},
		{"readyz", ready, "/readyz", 200},
		{"readyz before the caches sync", notReady, "/readyz", 503},
		{"healthz before the caches sync", notReady, "/healthz", 200},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if code, body := get(t, http.DefaultClient, "http://"+tt.ts.MetricsAddr()+tt.path); code != tt.want {
				t.Errorf("metrics port %s: %d %s, want %d", tt.path, code, body, tt.want)
			}
			if code, body := get(t, tt.ts.client(), "https://"+tt.ts.Addr()+tt.path); code != tt.want {
				t.Errorf("TLS port %s: %d %s, want %d", tt.path, code, body, tt.want)
			}
		})
	}
	if code, _ := get(t, ready.client(), "https://"+ready.Addr()+"/metrics"); code != 404 {
		t.Errorf("metrics on the webhook port: %d, want 404 (they have their own port)", code)
	}
}

// blockingCluster holds every review in NetworkPolicies until released, so
// that a test can shut the server down with a review in flight.
type blockingCluster struct {
	StaticCluster
	entered chan struct{}
	release chan struct{}
}

func (b *blockingCluster) NetworkPolicies(string) ([]*networkingv1.NetworkPolicy, error) {
	b.entered <- struct{}{}
	<-b.release
	return nil, nil
}

// On shutdown, /readyz fails first, then the server stops accepting
// connections, and the review in flight still gets its response.
func TestGracefulShutdown(t *testing.T) {
	bc := &blockingCluster{entered: make(chan struct{}, 1), release: make(chan struct{})}
	ts := startServer(t, bc, ServerOptions{ShutdownDelay: 300 * time.Millisecond, ShutdownTimeout: 10 * time.Second})
	body := reviewBody(t, request(t, admissionv1.Create, "Deployment", "shop", "web", deployment("shop", "web", trustedImage), nil))
	var wg sync.WaitGroup
	var out *admissionv1.AdmissionReview
	var reviewErr error
	wg.Go(func() { out, reviewErr = ts.review(t, body) })
	<-bc.entered
	ts.cancel()
	deadline := time.Now().Add(5 * time.Second)
	for {
		code, _ := get(t, http.DefaultClient, "http://"+ts.MetricsAddr()+"/readyz")
		if code == 503 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("/readyz did not fail after the shutdown began")
		}
		time.Sleep(10 * time.Millisecond)
	}
	// After the delay the listener closes, while the review is still in
	// flight.
	for {
		conn, err := tls.Dial("tcp", ts.Addr(), ts.tlsConfig())
		if err != nil {
			break
		}
		conn.Close()
		if time.Now().After(deadline) {
			t.Fatal("new connections were still accepted 5 s after the shutdown began")
		}
		time.Sleep(20 * time.Millisecond)
	}
	close(bc.release)
	wg.Wait()
	if reviewErr != nil {
		t.Fatalf("the review in flight failed: %v", reviewErr)
	}
	if out.Response == nil || out.Response.UID != "uid-web" {
		t.Errorf("the review in flight got %+v", out)
	}
	if err := <-ts.done; err != nil {
		t.Errorf("Serve: %v", err)
	}
	ts.done <- nil // for the cleanup
}

// A review that outlasts ShutdownTimeout makes Serve return an error rather
// than hang.
func TestShutdownTimeout(t *testing.T) {
	bc := &blockingCluster{entered: make(chan struct{}, 1), release: make(chan struct{})}
	ts := startServer(t, bc, ServerOptions{ShutdownTimeout: 100 * time.Millisecond})
	defer close(bc.release)
	go func() {
		_, _ = ts.review(t, reviewBody(t, request(t, admissionv1.Create, "Deployment", "shop", "web", deployment("shop", "web", trustedImage), nil)))
	}()
	<-bc.entered
	ts.cancel()
	select {
	case err := <-ts.done:
		if err == nil || !strings.Contains(err.Error(), "graceful shutdown") {
			t.Errorf("Serve: %v, want a graceful shutdown error", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after the shutdown timeout")
	}
	ts.done <- nil
}

func grep(text, sub string) string {
	var out []string
	for l := range strings.SplitSeq(text, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
