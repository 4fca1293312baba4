// Package ruletest holds what the rule packages' tests share: a compact way
// to state the findings a rule must give on an estate built as Go values,
// and a few locations and IDs to build that estate with.
package ruletest

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// Want is one expected finding: the resource, the verdict and a fragment the
// evidence must contain ("" checks only that there is evidence).
type Want struct {
	Resource string
	Verdict  rules.Verdict
	Evidence string
}

// Check runs rule r over e and compares its findings with wants, in order.
func Check(t *testing.T, r *rules.Rule, e *estate.Estate, cfg rules.Config, wants []Want) {
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

// Here is the location test values are given.
var Here = estate.Loc{File: "main.tf", Line: 1}

// Set, Def and Unk make an explicit, a defaulted and an unresolved value at Here.
func Set[T any](v T) estate.Value[T] { return estate.Set(v, Here) }

// Def returns a value defaulted at Here.
func Def[T any](v T) estate.Value[T] { return estate.Defaulted(v, Here) }

// Unk returns a value unresolved at Here, for the reason why.
func Unk[T any](why string) estate.Value[T] { return estate.Unresolved[T](Here, why) }

// Meta returns the Meta of an exported Azure resource with the given ID.
func Meta(id string) estate.Meta {
	return estate.Meta{ID: estate.ResourceID(id), Name: estate.ResourceID(id).Name(), Source: estate.SourceAzure, Loc: estate.Loc{Resource: estate.ResourceID(id)}}
}

// IDs of a small estate in one resource group.
const (
	Sub     = "/subscriptions/s1"
	RG      = Sub + "/resourceGroups/rg"
	AKS1    = RG + "/providers/Microsoft.ContainerService/managedClusters/aks1"
	ACR1    = RG + "/providers/Microsoft.ContainerRegistry/registries/acr1"
	WS1     = RG + "/providers/Microsoft.OperationalInsights/workspaces/ws1"
	OtherRG = Sub + "/resourceGroups/other"
)
