package baseline

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/rules"
)

const (
	aks  = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1"
	acr  = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr1"
	file = "infra/aks.json"
)

func f(rule string, v rules.Verdict, res string, line int, evidence string) rules.Finding {
	return rules.Finding{
		Rule: rule, Verdict: v, Severity: rules.High,
		Resource: rules.ResourceRef{ID: res, Type: "cluster", Name: "aks1"},
		Location: rules.Location{File: file, Line: line}, Evidence: evidence,
	}
}

// marks is what a test compares: each current finding's state, then the
// fixed findings' rule and resource.
type marks struct {
	States []string
	Fixed  []string
}

func marksOf(r Result) marks {
	var m marks
	for _, f := range r.Findings {
		m.States = append(m.States, f.Rule+" "+f.Verdict.String()+" "+f.Baseline)
	}
	for _, f := range r.Fixed {
		m.Fixed = append(m.Fixed, f.Rule+" "+f.Resource.ID+" "+f.Baseline)
	}
	return m
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name      string
		old, cur  []rules.Finding
		want      marks
		wantCount Counts
	}{
		{
			name: "no baseline findings: every failure and unknown is new, passes and manual are not marked",
			cur: []rules.Finding{
				f("AKS-NET-01", rules.Failed, aks, 3, "e"), f("AKS-NET-02", rules.Unknown, aks, 3, "e"),
				f("AKS-NET-03", rules.Passed, aks, 3, "e"), f("AKS-NET-10", rules.Manual, aks, 3, "e"),
			},
			want:      marks{States: []string{"AKS-NET-01 fail new", "AKS-NET-02 unknown new", "AKS-NET-03 pass ", "AKS-NET-10 manual "}},
			wantCount: Counts{New: 2},
		},
		{
			name:      "same failure on another line is unchanged",
			old:       []rules.Finding{f("AKS-NET-01", rules.Failed, aks, 3, "e")},
			cur:       []rules.Finding{f("AKS-NET-01", rules.Failed, aks, 42, "e")},
			want:      marks{States: []string{"AKS-NET-01 fail unchanged"}},
			wantCount: Counts{Unchanged: 1},
		},
		{
			name:      "rule and resource ID compare case-insensitively",
			old:       []rules.Finding{f("aks-net-01", rules.Failed, "/SUBSCRIPTIONS/s/resourcegroups/RG/providers/microsoft.containerservice/managedclusters/AKS1", 3, "e")},
			cur:       []rules.Finding{f("AKS-NET-01", rules.Failed, aks, 3, "e")},
			want:      marks{States: []string{"AKS-NET-01 fail unchanged"}},
			wantCount: Counts{Unchanged: 1},
		},
		{
			name:      "same rule on another resource is new; the old one is fixed (gone)",
			old:       []rules.Finding{f("AKS-NET-01", rules.Failed, aks, 3, "e")},
			cur:       []rules.Finding{f("AKS-NET-01", rules.Failed, acr, 3, "e")},
			want:      marks{States: []string{"AKS-NET-01 fail new"}, Fixed: []string{"AKS-NET-01 " + aks + " fixed"}},
			wantCount: Counts{New: 1, Fixed: 1},
		},
		{
			name:      "a failure that now passes is fixed",
			old:       []rules.Finding{f("AKS-NET-01", rules.Failed, aks, 3, "e"), f("AKS-NET-02", rules.Failed, aks, 3, "e")},
			cur:       []rules.Finding{f("AKS-NET-01", rules.Passed, aks, 3, "e"), f("AKS-NET-02", rules.Failed, aks, 3, "other evidence")},
			want:      marks{States: []string{"AKS-NET-01 pass ", "AKS-NET-02 fail unchanged"}, Fixed: []string{"AKS-NET-01 " + aks + " fixed"}},
			wantCount: Counts{Unchanged: 1, Fixed: 1},
		},
		{
			name:      "an unknown where the baseline failed is neither new nor fixed",
			old:       []rules.Finding{f("AKS-NET-01", rules.Failed, aks, 3, "e")},
			cur:       []rules.Finding{f("AKS-NET-01", rules.Unknown, aks, 3, "e")},
			want:      marks{States: []string{"AKS-NET-01 unknown unchanged"}},
			wantCount: Counts{Unchanged: 1},
		},
		{
			name:      "a failure where the baseline was unknown is new",
			old:       []rules.Finding{f("AKS-NET-01", rules.Unknown, aks, 3, "e")},
			cur:       []rules.Finding{f("AKS-NET-01", rules.Failed, aks, 3, "e")},
			want:      marks{States: []string{"AKS-NET-01 fail new"}},
			wantCount: Counts{New: 1},
		},
		{
			name:      "a baseline unknown that is gone is not fixed (it never failed)",
			old:       []rules.Finding{f("AKS-NET-01", rules.Unknown, aks, 3, "e")},
			cur:       nil,
			want:      marks{},
			wantCount: Counts{},
		},
		{
			name: "several findings of one rule on one resource pair by evidence first, then by count",
			old:  []rules.Finding{f("AKS-IMG-01", rules.Failed, aks, 3, "container a"), f("AKS-IMG-01", rules.Failed, aks, 4, "container b")},
			cur: []rules.Finding{
				f("AKS-IMG-01", rules.Failed, aks, 9, "container c"),
				f("AKS-IMG-01", rules.Failed, aks, 7, "container b"),
				f("AKS-IMG-01", rules.Failed, aks, 8, "container d"),
			},
			want:      marks{States: []string{"AKS-IMG-01 fail unchanged", "AKS-IMG-01 fail unchanged", "AKS-IMG-01 fail new"}},
			wantCount: Counts{New: 1, Unchanged: 2},
		},
		{
			name:      "fewer findings of one rule on one resource: the surplus is fixed",
			old:       []rules.Finding{f("AKS-IMG-01", rules.Failed, aks, 3, "container a"), f("AKS-IMG-01", rules.Failed, aks, 4, "container b")},
			cur:       []rules.Finding{f("AKS-IMG-01", rules.Failed, aks, 4, "container b")},
			want:      marks{States: []string{"AKS-IMG-01 fail unchanged"}, Fixed: []string{"AKS-IMG-01 " + aks + " fixed"}},
			wantCount: Counts{Unchanged: 1, Fixed: 1},
		},
		{
			name: "suppression plays no part",
			old:  []rules.Finding{func() rules.Finding { x := f("AKS-NET-01", rules.Failed, aks, 3, "e"); x.Suppressed = true; return x }()},
			cur:  []rules.Finding{f("AKS-NET-01", rules.Failed, aks, 3, "e")},
			want: marks{States: []string{"AKS-NET-01 fail unchanged"}}, wantCount: Counts{Unchanged: 1},
		},
		{
			name: "marks of a report that was itself compared are recomputed",
			old:  nil,
			cur: []rules.Finding{func() rules.Finding {
				x := f("AKS-NET-01", rules.Failed, aks, 3, "e")
				x.Baseline = rules.BaselineUnchanged
				return x
			}()},
			want: marks{States: []string{"AKS-NET-01 fail new"}}, wantCount: Counts{New: 1},
		},
		{
			name: "resources without an ID are matched by type and name",
			old: []rules.Finding{{Rule: "AKS-IMG-04", Verdict: rules.Failed,
				Resource: rules.ResourceRef{Type: "dockerfile", Name: "Dockerfile"}, Location: rules.Location{File: "Dockerfile", Line: 1}}},
			cur: []rules.Finding{{Rule: "AKS-IMG-04", Verdict: rules.Failed,
				Resource: rules.ResourceRef{Type: "dockerfile", Name: "Dockerfile"}, Location: rules.Location{File: "Dockerfile", Line: 5}}},
			want: marks{States: []string{"AKS-IMG-04 fail unchanged"}}, wantCount: Counts{Unchanged: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cur := append([]rules.Finding(nil), tt.cur...)
			got := Compare(tt.old, tt.cur)
			if d := cmp.Diff(tt.want, marksOf(got)); d != "" {
				t.Errorf("marks (-want +got):\n%s", d)
			}
			if c := got.Counts(); c != tt.wantCount {
				t.Errorf("counts %+v, want %+v", c, tt.wantCount)
			}
			if d := cmp.Diff(cur, tt.cur); d != "" {
				t.Errorf("Compare modified the current findings:\n%s", d)
			}
		})
	}
}

// TestCompareOrderIndependent: the pairing of several findings of one rule
// on one resource does not depend on the order the rules reported them in.
func TestCompareOrderIndependent(t *testing.T) {
	old := []rules.Finding{f("AKS-IMG-01", rules.Failed, aks, 3, "container a")}
	a := f("AKS-IMG-01", rules.Failed, aks, 3, "container b")
	b := f("AKS-IMG-01", rules.Failed, aks, 4, "container a")
	for _, cur := range [][]rules.Finding{{a, b}, {b, a}} {
		got := Compare(old, cur)
		for _, x := range got.Findings {
			want := rules.BaselineNew
			if x.Evidence == "container a" {
				want = rules.BaselineUnchanged
			}
			if x.Baseline != want {
				t.Errorf("%q: %s, want %s", x.Evidence, x.Baseline, want)
			}
		}
	}
}
