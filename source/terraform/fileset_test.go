package terraform

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"*.yaml", "a.yaml", true},
		{"*.yaml", "dir/a.yaml", false},
		{"**/*.yaml", "a.yaml", true},
		{"**/*.yaml", "x/y/a.yaml", true},
		{"manifests/**", "manifests/a/b.yaml", true},
		{"manifests/**/deploy-?.yaml", "manifests/prod/deploy-1.yaml", true},
		{"manifests/**/deploy-?.yaml", "manifests/prod/deploy-10.yaml", false},
		{"[ab]*.tf", "b.tf", true},
		{"[ab]*.tf", "c.tf", false},
		{"**/**/x", "x", true},
	}
	for _, tt := range tests {
		if got := globMatch(strings.Split(tt.pattern, "/"), strings.Split(tt.name, "/")); got != tt.want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}

func TestExpandBraces(t *testing.T) {
	got, err := expandBraces("{dev,prod}/*.{yaml,yml}")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"dev/*.yaml", "dev/*.yml", "prod/*.yaml", "prod/*.yml"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("expandBraces (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"{a,b", "a}", strings.Repeat("{a,b}", 7)} {
		if _, err := expandBraces(bad); err == nil {
			t.Errorf("expandBraces(%q): no error", bad)
		}
	}
}
