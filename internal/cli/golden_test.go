package cli

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// packageDir is where testdata is, whatever directory a test moves to.
var packageDir, _ = os.Getwd()

// golden compares got with testdata/name, or rewrites it with -update. The
// test's temporary directories are replaced by "$DIR" first, so that the
// files do not depend on where the test ran.
func golden(t *testing.T, name, got string, dirs ...string) {
	t.Helper()
	for _, d := range dirs {
		got = strings.ReplaceAll(got, d, "$DIR")
	}
	path := filepath.Join(packageDir, "testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -update to create it)", err)
	}
	if d := cmp.Diff(string(want), got); d != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, d)
	}
}
