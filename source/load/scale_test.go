package load

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aksguard/aksguard/source"
)

// hangBound is how long a load of the large inputs below may take. It
// catches a hang or a quadratic walk, not a slowdown: without -race the
// loads take about a second; with -race on a busy shared machine, tens.
const hangBound = 2 * time.Minute

// TestPathsManyFiles: a tree of 10,000 small files loads in well under the
// time a user waits for.
func TestPathsManyFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 10,000 files")
	}
	root := t.TempDir()
	for d := range 100 {
		dir := filepath.Join(root, "d"+itoa(d))
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for f := range 100 {
			content, name := pod, "pod"+itoa(f)+".yaml"
			if f%2 == 1 {
				content, name = "# notes\n", "notes"+itoa(f)+".txt"
			}
			if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	start := time.Now()
	_, diags, st := Paths(context.Background(), []string{root}, Options{})
	elapsed := time.Since(start)
	if len(diags) != 0 {
		t.Errorf("unexpected diagnostics:\n%s", render(diags))
	}
	if st.Files != 10000 || st.Read[Kubernetes] != 5000 || st.Skipped != 5000 {
		t.Errorf("stats = %+v, want 10000 files: 5000 manifests, 5000 skipped", st)
	}
	if elapsed > hangBound {
		t.Errorf("loading 10,000 files took %v", elapsed)
	}
	t.Logf("10,000 files in %v", elapsed)
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestPathsLargeFiles: a 50 MB file is read without hanging; a file over
// the limit is refused from its size, without reading it.
func TestPathsLargeFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 50 MB file")
	}
	root := t.TempDir()
	big := filepath.Join(root, "big.json")
	data := make([]byte, 0, 50<<20)
	data = append(data, `{"blob": "`...)
	data = append(data, strings.Repeat("x", 50<<20-20)...)
	data = append(data, "\"}\n"...)
	if err := os.WriteFile(big, data, 0o644); err != nil {
		t.Fatal(err)
	}
	huge := filepath.Join(root, "huge.yaml")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(DefaultMaxFileSize + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	start := time.Now()
	_, diags, st := Paths(context.Background(), []string{root}, Options{})
	checkDiags(t, root, diags, []diag{{source.Error, "huge.yaml", 0, "over the 64.0 MiB limit"}})
	if st.Skipped != 2 {
		t.Errorf("stats = %+v, want both skipped", st)
	}
	if d := time.Since(start); d > hangBound {
		t.Errorf("took %v", d)
	}
}

func TestPathsCancelled(t *testing.T) {
	root := writeTree(t, map[string]string{"pod.yaml": pod})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, diags, _ := Paths(ctx, []string{root}, Options{})
	if !diags.HasErrors() || !strings.Contains(render(diags), "interrupted") {
		t.Errorf("a cancelled load must end with an error diagnostic, got:\n%s", render(diags))
	}
}

// TestPathsDeterministic: the order of diagnostics does not depend on how
// many workers read the files.
func TestPathsDeterministic(t *testing.T) {
	files := map[string]string{}
	for i := range 40 {
		files["d/f"+itoa(i)+".json"] = "{\n\"$schema\": \"deploymentTemplate.json#\",\n" + strings.Repeat("\n", i) + "!"
	}
	root := writeTree(t, files)
	_, one, _ := Paths(context.Background(), []string{root}, Options{Workers: 1})
	_, many, _ := Paths(context.Background(), []string{root}, Options{Workers: 8})
	if render(one) != render(many) || len(one) != 40 {
		t.Errorf("diagnostics differ between 1 and 8 workers (or are not 40):\n%s\n---\n%s", render(one), render(many))
	}
}
