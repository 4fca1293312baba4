package bicep_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/rules/catalog"
	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/armtemplate"
	"github.com/aksguard/aksguard/source/bicep"
)

// TestExamplesParity is the promise that a Bicep file and the ARM template
// it compiles to give the same findings: each example's bicep/ directory is
// written to match its arm/ directory, and every rule of the catalog must
// give the same verdict on the same resource (by ID, type and name).
func TestExamplesParity(t *testing.T) {
	for _, ex := range []string{"insecure", "hardened"} {
		t.Run(ex, func(t *testing.T) {
			dir := filepath.Join("..", "..", "examples", ex)
			armEstate, armDiags := loadARM(t, filepath.Join(dir, "arm"))
			bicepEstate, bicepDiags := loadBicep(t, filepath.Join(dir, "bicep"))
			for _, d := range append(armDiags, bicepDiags...) {
				if d.Severity == source.Error {
					t.Errorf("unexpected error: %v", d)
				}
			}
			// The same estate: every resource and value, with the same
			// origins and reasons; only where they are written differs.
			if diff := cmp.Diff(armEstate, bicepEstate, cmpopts.IgnoreTypes(estate.Loc{}),
				cmpopts.IgnoreFields(estate.Meta{}, "Source"), cmpopts.IgnoreUnexported(estate.Estate{})); diff != "" {
				t.Errorf("the Bicep estate differs from the ARM template's (-arm +bicep):\n%s", diff)
			}
			want, got := verdicts(t, armEstate), verdicts(t, bicepEstate)
			if len(want) < 20 {
				t.Fatalf("the ARM example gives only %d findings; the comparison would prove little", len(want))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Bicep findings differ from the ARM template's (-arm +bicep):\n%s", diff)
			}
		})
	}
}

func loadARM(t *testing.T, dir string) (*estate.Estate, source.Diagnostics) {
	t.Helper()
	var parts []*estate.Estate
	var diags source.Diagnostics
	for _, name := range glob(t, dir, "*.json") {
		data := read(t, name)
		if !armtemplate.IsTemplate(data) {
			continue
		}
		opts := armtemplate.Options{}
		if p := strings.TrimSuffix(name, ".json") + ".parameters.json"; exists(p) {
			opts.Parameters, opts.ParametersName = read(t, p), p
		}
		res := armtemplate.Read(name, data, opts)
		parts, diags = append(parts, res.Estate), append(diags, res.Diagnostics...)
	}
	return estate.Merge(parts...), diags
}

// loadBicep reads each .bicepparam file with its template, and the Bicep
// files no parameters file uses on their own.
func loadBicep(t *testing.T, dir string) (*estate.Estate, source.Diagnostics) {
	t.Helper()
	var parts []*estate.Estate
	var diags source.Diagnostics
	used := map[string]bool{}
	for _, name := range glob(t, dir, "*.bicepparam") {
		data := read(t, name)
		if tmpl, ok := bicep.Using(name, data); ok {
			used[filepath.Clean(tmpl)] = true
		}
		res := bicep.ReadParams(name, data, bicep.Options{})
		parts, diags = append(parts, res.Estate), append(diags, res.Diagnostics...)
	}
	for _, name := range glob(t, dir, "*.bicep") {
		if used[filepath.Clean(name)] {
			continue
		}
		res := bicep.Read(name, read(t, name), bicep.Options{})
		parts, diags = append(parts, res.Estate), append(diags, res.Diagnostics...)
	}
	return estate.Merge(parts...), diags
}

// verdicts evaluates the catalog and lists "rule verdict type name id".
func verdicts(t *testing.T, e *estate.Estate) []string {
	t.Helper()
	fs, err := rules.Evaluate(context.Background(), e, rules.DefaultConfig(), catalog.All())
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s %s %s %s %s", f.Rule, f.Verdict, f.Resource.Type, f.Resource.Name, f.Resource.ID))
	}
	sort.Strings(out)
	return out
}

func glob(t *testing.T, dir, pattern string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func read(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func exists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}
