//go:build load

// The load test: admission reviews at a fixed rate, over TLS on loopback,
// against the webhook running in a process of its own. It is not part of the
// default `go test` run; scripts/webhook-load.sh runs it:
//
//	go test -tags load -run TestLoad -count=1 -v ./internal/webhook/
//
// Knobs: AKSGUARD_LOAD_RATE (reviews a second, default 1000),
// AKSGUARD_LOAD_DURATION (default 30s), AKSGUARD_LOAD_P99 (the p99 budget the
// test fails above, default 5ms), AKSGUARD_LOAD_HTTP2 (0 for HTTP/1.1
// keep-alive connections instead of one HTTP/2 connection, as the API server
// uses), AKSGUARD_LOAD_SERVER_GOMAXPROCS (GOMAXPROCS of the webhook process
// only), AKSGUARD_LOAD_CPUPROFILE (a file for the webhook process's CPU
// profile).

package webhook

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	admissionv1 "k8s.io/api/admission/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

const serveEnv = "AKSGUARD_LOAD_SERVE_DIR"

// TestLoadServe is the webhook process of TestLoad (the test binary run
// again); it does nothing in a normal run.
func TestLoadServe(t *testing.T) {
	dir := os.Getenv(serveEnv)
	if dir == "" {
		t.Skip("the webhook process of TestLoad")
	}
	logf, err := os.Create(filepath.Join(dir, "webhook.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer logf.Close()
	log := slog.New(slog.NewJSONHandler(logf, nil)) // info, as deployed: denials and warnings are logged
	m := NewMetrics()
	cluster := &StaticCluster{Policies: []*networkingv1.NetworkPolicy{defaultDeny("shop")}}
	rev, err := NewReviewer(cfgWith(nil), cluster, log, m)
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewServer(ServerOptions{
		Addr: "127.0.0.1:0", MetricsAddr: "127.0.0.1:0",
		CertFile: filepath.Join(dir, "tls.crt"), KeyFile: filepath.Join(dir, "tls.key"), Logger: log,
	}, rev, m)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Listen(); err != nil {
		t.Fatal(err)
	}
	addrs := s.Addr() + "\n" + s.MetricsAddr() + "\n"
	if err := os.WriteFile(filepath.Join(dir, "addrs"), []byte(addrs), 0o644); err != nil {
		t.Fatal(err)
	}
	if prof := os.Getenv("AKSGUARD_LOAD_CPUPROFILE"); prof != "" {
		f, err := os.Create(prof)
		if err != nil {
			t.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			t.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	if err := s.Serve(ctx); err != nil {
		t.Fatal(err)
	}
}

// loadCase is one kind of review the driver sends, with the verdict the
// webhook must give.
type loadCase struct {
	name    string
	body    []byte
	allowed bool
}

func loadCases(t *testing.T) []loadCase {
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Namespace: "team-b", Name: "debug"},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: trustedImage}}},
	}
	return []loadCase{
		{"compliant Deployment", reviewBody(t, request(t, admissionv1.Create, "Deployment", "shop", "web", deployment("shop", "web", trustedImage), nil)), true},
		{"untrusted image (denied)", reviewBody(t, request(t, admissionv1.Create, "Deployment", "shop", "bad", deployment("shop", "bad", untrustedImage), nil)), false},
		{"credential in env (denied)", reviewBody(t, request(t, admissionv1.Create, "Deployment", "shop", "creds",
			deployment("shop", "creds", trustedImage, envVar("DB_PASSWORD", secretValue)), nil)), false},
		{"Pod without default deny (warned)", reviewBody(t, request(t, admissionv1.Create, "Pod", "team-b", "debug", pod, nil)), true},
		{"update keeping a failure (warned)", reviewBody(t, request(t, admissionv1.Update, "Deployment", "shop", "bad",
			deployment("shop", "bad", untrustedImage), deployment("shop", "bad", untrustedImage))), true},
	}
}

func envDuration(t *testing.T, name string, def time.Duration) time.Duration {
	if v := os.Getenv(name); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return d
	}
	return def
}

func TestLoad(t *testing.T) {
	rate := 1000
	if v := os.Getenv("AKSGUARD_LOAD_RATE"); v != "" {
		var err error
		if rate, err = strconv.Atoi(v); err != nil || rate <= 0 {
			t.Fatalf("AKSGUARD_LOAD_RATE %q", v)
		}
	}
	duration := envDuration(t, "AKSGUARD_LOAD_DURATION", 30*time.Second)
	budget := envDuration(t, "AKSGUARD_LOAD_P99", 5*time.Millisecond)
	http2 := os.Getenv("AKSGUARD_LOAD_HTTP2") != "0"

	// The webhook runs in a process of its own, so that its memory and CPU
	// are its own: this test binary, run again as TestLoadServe.
	dir := t.TempDir()
	ca := newTestCA(t)
	cert, key := ca.serving(t, 1)
	for f, b := range map[string][]byte{"tls.crt": cert, "tls.key": key} {
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestLoadServe$", "-test.count=1")
	cmd.Env = append(os.Environ(), serveEnv+"="+dir)
	if p := os.Getenv("AKSGUARD_LOAD_SERVER_GOMAXPROCS"); p != "" {
		cmd.Env = append(cmd.Env, "GOMAXPROCS="+p) // the webhook's only, as a pod's CPU limit sets it
	}
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	addr, metricsAddr := waitAddrs(t, filepath.Join(dir, "addrs"))

	pool := ca.pool()
	tr := &http.Transport{
		TLSClientConfig:     &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12},
		ForceAttemptHTTP2:   http2,
		MaxIdleConnsPerHost: 256,
	}
	if !http2 {
		tr.TLSNextProto = map[string]func(string, *tls.Conn) http.RoundTripper{}
	}
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	cases := loadCases(t)
	url := "https://" + addr + "/validate"
	for _, c := range cases { // warm up, and check each verdict once
		if err := send(client, url, c); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
	}
	before := scrape(t, metricsAddr)
	rssBefore := before["process_resident_memory_bytes"]
	load0 := loadavg()

	// Open loop: request i is due at start + i/rate whatever the earlier
	// ones did, and its latency counts from when it was due, so a slow
	// response delays the measure of those behind it (no coordinated
	// omission).
	n := int(duration.Seconds() * float64(rate))
	interval := time.Second / time.Duration(rate)
	lat := make([]time.Duration, n)
	errs := make([]error, n)
	jobs := make(chan int, 1024)
	var wg sync.WaitGroup
	for range 128 {
		wg.Go(func() {
			for i := range jobs {
				due := start(i, interval)
				errs[i] = send(client, url, cases[i%len(cases)])
				lat[i] = time.Since(due)
			}
		})
	}
	begin = time.Now()
	for i := range n {
		if d := time.Until(start(i, interval)); d > 0 {
			time.Sleep(d)
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	elapsed := time.Since(begin)

	var failed []error
	for _, err := range errs {
		if err != nil {
			failed = append(failed, err)
		}
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	after := scrape(t, metricsAddr)
	cpu := after["process_cpu_seconds_total"] - before["process_cpu_seconds_total"]
	hwm := procStatus(cmd.Process.Pid, "VmHWM")

	// Graceful stop: SIGTERM, and the process exits 0.
	_ = cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("webhook process on SIGTERM: %v", err)
	}

	proto := "HTTP/2, one connection"
	if !http2 {
		proto = "HTTP/1.1 keep-alive"
	}
	summary := fmt.Sprintf(`webhook load test: %d reviews at %d/s for %s (%s, TLS, loopback; %d CPUs, %s)
  sent in %s (%.0f reviews/s achieved), errors: %d
  latency p50 %s, p90 %s, p99 %s, p99.9 %s, max %s
  webhook process: CPU %.1f s for the run (%.0f µs a review, %.0f%% of one core); machine load average %s before, %s after
  webhook process after: RSS %.1f MiB (before the load %.1f MiB, peak %s), Go heap in use %.1f MiB, goroutines %.0f
  reviews counted by the webhook: %.0f`,
		n, rate, duration, proto, runtime.NumCPU(), runtime.Version(),
		elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds(), len(failed),
		pct(0.50).Round(time.Microsecond), pct(0.90).Round(time.Microsecond), pct(0.99).Round(time.Microsecond),
		pct(0.999).Round(time.Microsecond), lat[len(lat)-1].Round(time.Microsecond),
		cpu, cpu/float64(n)*1e6, cpu/elapsed.Seconds()*100, load0, loadavg(),
		after["process_resident_memory_bytes"]/(1<<20), rssBefore/(1<<20), hwm,
		after["go_memstats_heap_inuse_bytes"]/(1<<20), after["go_goroutines"],
		after["aksguard_webhook_requests_total"])
	t.Log("\n" + summary)
	fmt.Println(summary)
	if len(failed) > 0 {
		t.Errorf("%d errors, the first: %v", len(failed), failed[0])
	}
	if p99 := pct(0.99); p99 > budget {
		t.Errorf("p99 %s over the %s budget", p99, budget)
	}
}

var begin time.Time

func start(i int, interval time.Duration) time.Time { return begin.Add(time.Duration(i) * interval) }

// send posts one review and checks the response: status 200, the request's
// UID, the expected verdict.
func send(c *http.Client, url string, lc loadCase) error {
	resp, err := c.Post(url, "application/json", bytes.NewReader(lc.body))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != 200 {
		return fmt.Errorf("%s: status %s: %s", lc.name, resp.Status, body)
	}
	var out admissionv1.AdmissionReview
	if err := json.Unmarshal(body, &out); err != nil {
		return fmt.Errorf("%s: %w", lc.name, err)
	}
	if out.Response == nil || out.Response.Allowed != lc.allowed || !strings.HasPrefix(string(out.Response.UID), "uid-") {
		return fmt.Errorf("%s: unexpected response %s", lc.name, body)
	}
	return nil
}

func waitAddrs(t *testing.T, path string) (string, string) {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(path); err == nil && bytes.Count(b, []byte("\n")) == 2 {
			f := strings.Fields(string(b))
			return f[0], f[1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the webhook process did not start")
	return "", ""
}

// scrape reads the unlabelled samples (and the sum of labelled ones) of the
// webhook's /metrics.
func scrape(t *testing.T, addr string) map[string]float64 {
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		name, rest, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		if i := strings.IndexByte(name, '{'); i >= 0 {
			name = name[:i]
			_, rest, _ = strings.Cut(line[strings.IndexByte(line, '}'):], " ")
		}
		v, err := strconv.ParseFloat(strings.Fields(rest)[0], 64)
		if err == nil {
			out[name] += v
		}
	}
	return out
}

// loadavg is the machine's 1-minute load average: other work competes for
// the same cores and shows in the latency.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Fields(string(b))[0]
}

// procStatus returns a field of /proc/<pid>/status ("VmHWM": the peak RSS).
func procStatus(pid int, field string) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "unknown"
	}
	for l := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, field+":"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}
