package ext

import (
	"strings"
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
	"github.com/google/go-cmp/cmp"
)

// want is one expected finding: the resource, the verdict and a fragment the
// evidence must contain ("" checks nothing).
type want struct {
	Resource string
	Verdict  rules.Verdict
	Evidence string `cmp:"-"`
}

// check runs rule r over e and compares its findings with wants, in order.
func check(t *testing.T, r *rules.Rule, e *estate.Estate, cfg rules.Config, wants []want) {
	t.Helper()
	p := rules.NewPass(r, e, cfg)
	r.Check(p)
	got := p.Findings()
	type row struct {
		Resource string
		Verdict  string
	}
	var g, w []row
	for _, f := range got {
		g = append(g, row{f.Resource.ID, f.Verdict.String()})
	}
	for _, x := range wants {
		w = append(w, row{x.Resource, x.Verdict.String()})
	}
	if diff := cmp.Diff(w, g); diff != "" {
		for _, f := range got {
			t.Logf("%s %s: %s", f.Resource.ID, f.Verdict, f.Evidence)
		}
		t.Fatalf("findings differ (-want +got):\n%s", diff)
	}
	for i, x := range wants {
		if x.Evidence != "" && !strings.Contains(got[i].Evidence, x.Evidence) {
			t.Errorf("%s: evidence %q does not contain %q", x.Resource, got[i].Evidence, x.Evidence)
		}
		if got[i].Evidence == "" {
			t.Errorf("%s: empty evidence", x.Resource)
		}
	}
}

var here = estate.Loc{File: "main.tf", Line: 1}

func set[T any](v T) estate.Value[T]        { return estate.Set(v, here) }
func def[T any](v T) estate.Value[T]        { return estate.Defaulted(v, here) }
func unk[T any](why string) estate.Value[T] { return estate.Unresolved[T](here, why) }

func meta(id string) estate.Meta {
	return estate.Meta{ID: estate.ResourceID(id), Name: estate.ResourceID(id).Name(), Source: estate.SourceAzure, Loc: estate.Loc{Resource: estate.ResourceID(id)}}
}

const (
	sub     = "/subscriptions/s1"
	rg      = sub + "/resourceGroups/rg"
	aks1    = rg + "/providers/Microsoft.ContainerService/managedClusters/aks1"
	acr1    = rg + "/providers/Microsoft.ContainerRegistry/registries/acr1"
	ws1     = rg + "/providers/Microsoft.OperationalInsights/workspaces/ws1"
	otherRG = sub + "/resourceGroups/other"
)
