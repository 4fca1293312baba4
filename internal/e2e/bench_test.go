package e2e

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/internal/policy"
	"github.com/aksguard/aksguard/report"
	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/rules/catalog"
	"github.com/aksguard/aksguard/source/load"
)

// benchTree returns the Terraform tree the benchmarks scan:
// $AKSGUARD_TF_CORPUS (scripts/bench-terraform.sh sets it), else the first
// 100 environments of internal/gencorpus, generated once.
func benchTree(b *testing.B) string {
	b.Helper()
	if dir := os.Getenv("AKSGUARD_TF_CORPUS"); dir != "" {
		return dir
	}
	gen := filepath.Join(root, "internal", "gencorpus", "main.go")
	if _, err := os.Stat(gen); err != nil {
		b.Skipf("no corpus generator at %s; set AKSGUARD_TF_CORPUS", gen)
	}
	dir := filepath.Join(b.TempDir(), "n100")
	if out, err := exec.Command("go", "run", gen, "-n", "100", "-out", dir).CombinedOutput(); err != nil {
		b.Fatalf("gen-corpus: %v\n%s", err, out)
	}
	return dir
}

// BenchmarkScanTerraformTree is `aksguard scan DIR --format json` without
// the process: load (walk, detect, read, merge), rules (link included),
// policy and the JSON report. Its phases are the sub-benchmarks' sums.
func BenchmarkScanTerraformTree(b *testing.B) {
	dir := benchTree(b)
	ctx := context.Background()
	scanLoad := func(b *testing.B) *estate.Estate {
		e, diags, _ := load.Paths(ctx, []string{dir}, load.Options{})
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		return e
	}
	evaluate := func(b *testing.B, e *estate.Estate) []rules.Finding {
		fs, err := rules.Evaluate(ctx, e, rules.DefaultConfig(), catalog.All())
		if err != nil {
			b.Fatal(err)
		}
		return fs
	}
	write := func(b *testing.B, e *estate.Estate, fs []rules.Finding) {
		res := policy.Apply(fs, e, policy.Options{})
		rep := &report.Report{SchemaVersion: report.SchemaVersion, Findings: res.Findings, Summary: report.Summarize(res.Findings)}
		if err := report.Write(io.Discard, report.JSON, rep, report.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("all", func(b *testing.B) {
		for b.Loop() {
			e := scanLoad(b)
			write(b, e, evaluate(b, e))
		}
	})
	b.Run("load", func(b *testing.B) {
		for b.Loop() {
			scanLoad(b)
		}
	})
	b.Run("rules", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			e := scanLoad(b)
			b.StartTimer()
			evaluate(b, e)
		}
	})
	b.Run("report", func(b *testing.B) {
		e := scanLoad(b)
		fs := evaluate(b, e)
		b.ResetTimer()
		for b.Loop() {
			write(b, e, fs)
		}
	})
}
