package kubetest

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

// The one server of a test binary, started by the first test that asks.
var shared struct {
	once   sync.Once
	server *Server
	err    error
	ns     atomic.Int64
}

// Main runs the tests of a package and then stops the server Shared
// started, if any. Use it as the package's TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(kubetest.Main(m)) }
func Main(m *testing.M) int {
	code := m.Run()
	if shared.server != nil {
		shared.server.Stop()
	}
	return code
}

// Shared returns the package's API server, starting it on first use, so
// that the tests of a package pay the 3-4 s start once. Without the
// binaries it skips t (fails it when CI=true); a server that fails to
// start fails every test that asks for it. The package's TestMain must
// call Main, which stops it. Tests share its state: each should work in
// namespaces of its own (see Namespace).
func Shared(t testing.TB) *Server {
	t.Helper()
	if _, _, err := Assets(); err != nil {
		unavailable(t, err)
	}
	shared.once.Do(func() {
		shared.server, shared.err = Start(context.Background(), Options{})
	})
	if shared.err != nil {
		t.Fatalf("kubetest: start the shared API server: %v", shared.err)
	}
	return shared.server
}

// Client returns an admin clientset for s, failing t if it cannot.
func (s *Server) Client(t testing.TB) *kubernetes.Clientset {
	t.Helper()
	cs, err := s.Clientset()
	if err != nil {
		t.Fatalf("kubetest: clientset: %v", err)
	}
	return cs
}

var notDNS = regexp.MustCompile(`[^a-z0-9-]+`)

// Namespace creates a namespace whose name starts with a form of t's name
// and is unique in the test binary, and returns its name. Namespaces are
// not deleted afterwards: without a controller manager a deleted namespace
// only turns Terminating, and the server is thrown away at the end anyway.
func (s *Server) Namespace(t testing.TB, labels map[string]string) string {
	t.Helper()
	base := strings.Trim(notDNS.ReplaceAllString(strings.ToLower(t.Name()), "-"), "-")
	if len(base) > 40 {
		base = strings.Trim(base[:40], "-")
	}
	name := fmt.Sprintf("%s-%d", base, shared.ns.Add(1))
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels}}
	if _, err := s.Client(t).CoreV1().Namespaces().Create(context.Background(), ns, metav1.CreateOptions{}); err != nil {
		t.Fatalf("kubetest: create namespace %s: %v", name, err)
	}
	return name
}

// KeepDir reports whether Stop keeps the server's directory (KUBETEST_KEEP
// set), for looking at the logs after a failure.
func KeepDir() bool { return os.Getenv("KUBETEST_KEEP") != "" }

// Eventually calls f every 50 ms until it returns nil, and fails t with
// f's last error if that takes longer than timeout. It covers what the API
// server does asynchronously: a new webhook configuration, for one, takes
// effect within a second or so.
func Eventually(t testing.TB, timeout time.Duration, f func() error) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		err := f()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("kubetest: still failing after %s: %v", timeout, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
