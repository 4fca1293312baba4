package kubetest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Versions the project's script builds (scripts/kube-test-assets.sh); the
// default cache directory is derived from them.
const (
	KubeVersion = "v1.37.2"
	EtcdVersion = "v3.7.3"
)

// ErrNoAssets says that the kube-apiserver and etcd binaries were not found.
var ErrNoAssets = errors.New("kube-apiserver and etcd binaries not found")

// Assets returns the paths of the kube-apiserver and etcd binaries. It looks,
// in order, at TEST_ASSET_KUBE_APISERVER and TEST_ASSET_ETCD (envtest's
// names for single binaries), at the directory KUBEBUILDER_ASSETS, and at
// the default cache of scripts/kube-test-assets.sh
// ($XDG_CACHE_HOME or ~/.cache, kube-test-assets/k8s-<ver>-etcd-<ver>-<os>-<arch>).
// The error wraps ErrNoAssets and says where it looked and how to build them.
func Assets() (apiserver, etcd string, err error) {
	apiserver, etcd = os.Getenv("TEST_ASSET_KUBE_APISERVER"), os.Getenv("TEST_ASSET_ETCD")
	var looked []string
	var dirs []string
	if d := os.Getenv("KUBEBUILDER_ASSETS"); d != "" {
		dirs = append(dirs, d)
	}
	if d := defaultAssetDir(); d != "" {
		dirs = append(dirs, d)
	}
	for _, d := range dirs {
		if apiserver == "" && executable(filepath.Join(d, "kube-apiserver")) {
			apiserver = filepath.Join(d, "kube-apiserver")
		}
		if etcd == "" && executable(filepath.Join(d, "etcd")) {
			etcd = filepath.Join(d, "etcd")
		}
		looked = append(looked, d)
	}
	if apiserver != "" && etcd != "" {
		return apiserver, etcd, nil
	}
	where := "KUBEBUILDER_ASSETS is not set"
	if len(looked) > 0 {
		where = "looked in " + strings.Join(looked, ", ")
	}
	return "", "", fmt.Errorf("%w (%s); build them once with scripts/kube-test-assets.sh "+
		"(about 13 minutes on 2 cores) and export KUBEBUILDER_ASSETS=<the directory it prints>", ErrNoAssets, where)
}

// defaultAssetDir is where scripts/kube-test-assets.sh puts the binaries
// by default.
func defaultAssetDir() string {
	cache := os.Getenv("XDG_CACHE_HOME")
	if cache == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		cache = filepath.Join(home, ".cache")
	}
	return filepath.Join(cache, "kube-test-assets",
		fmt.Sprintf("k8s-%s-etcd-%s-%s-%s", KubeVersion, EtcdVersion, runtime.GOOS, runtime.GOARCH))
}

func executable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0
}

// inCI reports whether the tests run in CI, where a missing binary must fail
// the test rather than skip it: a green CI then always means the tests ran.
func inCI() bool {
	v := strings.ToLower(os.Getenv("CI"))
	return v == "true" || v == "1"
}

// RequireAssets returns the binaries' paths; without them it skips t, or
// fails it when CI=true.
func RequireAssets(t testing.TB) (apiserver, etcd string) {
	t.Helper()
	apiserver, etcd, err := Assets()
	if err != nil {
		unavailable(t, err)
	}
	return apiserver, etcd
}

// unavailable skips t, or fails it in CI, for a reason that stops the API
// server from running.
func unavailable(t testing.TB, err error) {
	t.Helper()
	if inCI() || !errors.Is(err, ErrNoAssets) {
		// In CI a skip would turn the run green without testing anything;
		// outside CI only the absence of the binaries is a reason to skip.
		t.Fatalf("kubetest: %v", err)
	}
	t.Skipf("kubetest: %v", err)
}
