package e2e

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/rules/catalog"
	"github.com/aksguard/aksguard/source/load"
)

// root is the repository root, relative to this package.
var root = filepath.Join("..", "..")

// scan loads paths (relative to the repository root) and evaluates the whole
// catalog, failing the test on any error diagnostic.
func scan(t *testing.T, paths ...string) []rules.Finding {
	t.Helper()
	var abs []string
	for _, p := range paths {
		abs = append(abs, filepath.Join(root, p))
	}
	e, diags, _ := load.Paths(context.Background(), abs, load.Options{})
	for _, d := range diags {
		if d.Severity.String() == "error" {
			t.Errorf("load %v: %s", paths, d.Error())
		}
	}
	fs, err := rules.Evaluate(context.Background(), e, rules.DefaultConfig(), catalog.All())
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

// key names a finding independently of where the resource came from: rule,
// resource type and resource name. IDs differ between a template (placeholder
// subscription) and an export, names do not.
type key struct{ Rule, Type, Name string }

func verdicts(t *testing.T, fs []rules.Finding) map[key]string {
	t.Helper()
	out := make(map[key]string)
	for _, f := range fs {
		k := key{f.Rule, f.Resource.Type, strings.ToLower(f.Resource.Name)}
		if prev, dup := out[k]; dup && prev != f.Verdict.String() {
			t.Errorf("%v has two verdicts in one input: %s and %s", k, prev, f.Verdict)
		}
		out[k] = f.Verdict.String()
	}
	return out
}

func sortedKeys(m map[key]string) []key {
	ks := make([]key, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool {
		a, b := ks[i], ks[j]
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		return a.Name < b.Name
	})
	return ks
}
