package terraform

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// benchCorpus returns the 1,000-environment tree that
// ../shared/bench/gen-corpus.go writes: $AKSGUARD_TF_CORPUS when set, else
// generated once into a temporary directory.
func benchCorpus(b *testing.B) []string {
	b.Helper()
	dir := os.Getenv("AKSGUARD_TF_CORPUS")
	if dir == "" {
		gen, err := filepath.Abs("../../internal/gencorpus/main.go")
		if err != nil {
			b.Skip(err)
		}
		if _, err := os.Stat(gen); err != nil {
			b.Skipf("no corpus generator at %s; set AKSGUARD_TF_CORPUS", gen)
		}
		dir = filepath.Join(b.TempDir(), "n1000")
		if out, err := exec.Command("go", "run", gen, "-n", "1000", "-out", dir).CombinedOutput(); err != nil {
			b.Fatalf("gen-corpus: %v\n%s", err, out)
		}
	}
	roots, err := FindRoots(context.Background(), dir, Options{})
	if err != nil || len(roots) == 0 {
		b.Fatalf("no root modules in %s: %v", dir, err)
	}
	return roots
}

// BenchmarkRead reads every environment of the corpus, evaluated and
// adapted, one root module per processor as the scan does.
func BenchmarkRead(b *testing.B) {
	roots := benchCorpus(b)
	b.ResetTimer()
	for b.Loop() {
		for _, res := range ReadAll(context.Background(), roots, Options{}) {
			if res.Diagnostics.HasErrors() {
				b.Fatal(res.Diagnostics)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(roots)), "µs/env")
}

// BenchmarkResources is BenchmarkRead without the adapter.
func BenchmarkResources(b *testing.B) {
	roots := benchCorpus(b)
	b.ResetTimer()
	for b.Loop() {
		each(roots, func(dir string) {
			if rs, _ := Resources(context.Background(), dir, Options{}); len(rs) == 0 {
				b.Errorf("%s: no resources", dir)
			}
		})
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(roots)), "µs/env")
}

// BenchmarkParseOnly is the floor: reading and parsing the same files with
// hclsyntax and nothing else.
func BenchmarkParseOnly(b *testing.B) {
	roots := benchCorpus(b)
	b.ResetTimer()
	for b.Loop() {
		each(roots, func(dir string) {
			src, err := os.ReadFile(filepath.Join(dir, "main.tf"))
			if err != nil {
				b.Error(err)
				return
			}
			if _, d := hclsyntax.ParseConfig(src, "main.tf", hcl.InitialPos); d.HasErrors() {
				b.Error(d)
			}
		})
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(roots)), "µs/env")
}

func each(dirs []string, f func(string)) {
	next := make(chan string)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range next {
				f(d)
			}
		}()
	}
	for _, d := range dirs {
		next <- d
	}
	close(next)
	wg.Wait()
}
