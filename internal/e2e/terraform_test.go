package e2e

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/internal/policy"
	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/rules/catalog"
	"github.com/aksguard/aksguard/source/load"
)

var update = flag.Bool("update", false, "rewrite the want.txt files of testdata/terraform from the scans (then review the diff)")

// tfCorpus holds the Terraform configurations written for this project, one
// directory each, with the complete expected outcome of a scan in want.txt.
const tfCorpus = "testdata/terraform"

// TestTerraformCorpus scans each configuration of testdata/terraform as
// `aksguard scan DIR` does (load, the catalog, the policy's inline ignores)
// and requires exactly the outcome its want.txt lists: every finding as
// "RULE VERDICT RESOURCE" (with "suppressed" when an inline ignore
// suppresses it), every stale inline ignore as "stale RULE FILE:LINE",
// every error of the scan as "error FILE:LINE" and every ignore the policy
// cannot honour as "warning FILE:LINE". A finding missing from want.txt fails
// the test as much as a wrong verdict does.
//
// A case directory may hold env.txt (NAME=value lines, set in the
// environment the way a shell sets TF_VAR_ variables) and args.txt
// ("--var name=value" and "--var-file FILE" lines, FILE relative to the
// case directory).
func TestTerraformCorpus(t *testing.T) {
	cases := tfCases(t)
	if len(cases) < 30 {
		t.Errorf("%d configurations in %s, want at least 30", len(cases), tfCorpus)
	}
	for _, dir := range cases {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			got := scanTerraformCase(t, dir)
			wantFile := filepath.Join(dir, "want.txt")
			header, want := readWant(t, wantFile)
			if *update {
				writeWant(t, wantFile, header, got)
				return
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("scan of %s differs from want.txt (-want +got):\n%s", dir, diff)
			}
		})
	}
}

// TestTerraformCorpusRenames requires each pair NAME-v3 / NAME-v4 (the same
// estate in azurerm 3.x and 4.x attribute names) to expect the same outcome.
func TestTerraformCorpusRenames(t *testing.T) {
	pairs := 0
	for _, dir := range tfCases(t) {
		base, ok := strings.CutSuffix(dir, "-v3")
		if !ok {
			continue
		}
		pairs++
		_, v3 := readWant(t, dir+"/want.txt")
		_, v4 := readWant(t, base+"-v4/want.txt")
		if len(v3) == 0 {
			t.Errorf("%s: want.txt lists nothing", dir)
		}
		if diff := cmp.Diff(v3, v4); diff != "" {
			t.Errorf("%s: azurerm 3.x and 4.x expectations differ (-v3 +v4):\n%s", filepath.Base(base), diff)
		}
	}
	if pairs < 5 {
		t.Errorf("%d azurerm 3.x/4.x pairs, want at least 5 (one per renamed attribute)", pairs)
	}
}

// TestTerraformCorpusCoversCatalog requires the corpus to exercise every
// rule that applies to Terraform: each appears in some want.txt, and each
// that can both pass and fail on a configuration does both somewhere.
func TestTerraformCorpusCoversCatalog(t *testing.T) {
	seen := map[string]map[string]bool{}
	for _, dir := range tfCases(t) {
		_, lines := readWant(t, filepath.Join(dir, "want.txt"))
		for _, l := range lines {
			f := strings.Fields(l)
			if len(f) >= 3 && strings.HasPrefix(f[0], "AKS-") {
				if seen[f[0]] == nil {
					seen[f[0]] = map[string]bool{}
				}
				seen[f[0]][f[1]] = true
			}
		}
	}
	notTerraform := map[string]bool{"AKS-IMG-04": true} // Dockerfiles
	manualOnly := map[string]bool{"AKS-NET-10": true, "AKS-IMG-05": true}
	for _, r := range catalog.All() {
		switch v := seen[r.ID]; {
		case notTerraform[r.ID]:
		case v == nil:
			t.Errorf("%s: no configuration exercises it", r.ID)
		case manualOnly[r.ID]:
		case !v["pass"] || !v["fail"]:
			t.Errorf("%s: verdicts %v in the corpus, want both pass and fail", r.ID, slices.Sorted(maps.Keys(v)))
		}
	}
}

// tfCases lists the case directories, relative to this package.
func tfCases(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(root, tfCorpus))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, filepath.Join(root, tfCorpus, e.Name()))
		}
	}
	return out
}

// scanTerraformCase scans dir and renders the outcome as want.txt lines,
// sorted.
func scanTerraformCase(t *testing.T, dir string) []string {
	t.Helper()
	opts := load.Options{}
	for _, kv := range caseLines(t, filepath.Join(dir, "env.txt")) {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	opts.Terraform.Env = os.Environ()
	for _, a := range caseLines(t, filepath.Join(dir, "args.txt")) {
		flagName, val, _ := strings.Cut(a, " ")
		switch flagName {
		case "--var":
			k, v, _ := strings.Cut(val, "=")
			if opts.Terraform.Vars == nil {
				opts.Terraform.Vars = map[string]string{}
			}
			opts.Terraform.Vars[k] = v
		case "--var-file":
			opts.Terraform.VarFiles = append(opts.Terraform.VarFiles, filepath.Join(dir, val))
		default:
			t.Fatalf("%s/args.txt: unknown flag %q", dir, flagName)
		}
	}
	ctx := context.Background()
	e, diags, _ := load.Paths(ctx, []string{dir}, opts)
	fs, err := rules.Evaluate(ctx, e, rules.DefaultConfig(), catalog.All())
	if err != nil {
		t.Fatal(err)
	}
	res := policy.Apply(fs, e, policy.Options{})
	rel := func(p string) string {
		if r, err := filepath.Rel(dir, p); err == nil && !strings.HasPrefix(r, "..") {
			return filepath.ToSlash(r)
		}
		return p
	}
	var out []string
	for _, f := range res.Findings {
		l := fmt.Sprintf("%s %s %s", f.Rule, f.Verdict, f.Resource.Name)
		if f.Suppressed {
			l += " suppressed"
		}
		out = append(out, l)
	}
	for _, n := range res.Notes {
		out = append(out, fmt.Sprintf("%s %s %s", n.Status, n.Rule, rel(n.Where)))
	}
	for _, d := range diags {
		if d.Severity.String() == "error" {
			out = append(out, fmt.Sprintf("error %s:%d", rel(d.Input), d.Line))
			t.Logf("error: %s", d.Error())
		}
	}
	// The policy warns about ignores it cannot honour (no reason given).
	for _, d := range res.Diagnostics {
		out = append(out, fmt.Sprintf("%s %s:%d", d.Severity, rel(d.Input), d.Line))
	}
	slices.Sort(out)
	return out
}

// caseLines reads the non-blank, non-comment lines of an optional file.
func caseLines(t *testing.T, name string) []string {
	t.Helper()
	data, err := os.ReadFile(name)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// readWant returns the leading comment lines of a want.txt (what the case
// is about) and its expectations, sorted.
func readWant(t *testing.T, name string) (header, lines []string) {
	t.Helper()
	f, err := os.Open(name)
	if os.IsNotExist(err) && *update {
		return nil, nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(l, "#") && len(lines) == 0:
			header = append(header, l)
		case l != "" && !strings.HasPrefix(l, "#"):
			lines = append(lines, l)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(lines)
	return header, lines
}

func writeWant(t *testing.T, name string, header, lines []string) {
	t.Helper()
	var b strings.Builder
	for _, h := range header {
		b.WriteString(h + "\n")
	}
	for _, l := range lines {
		b.WriteString(l + "\n")
	}
	if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
