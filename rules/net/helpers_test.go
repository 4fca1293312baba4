package net

import (
	"context"
	"strings"
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

const sub = "/subscriptions/s/resourceGroups/rg/providers/"

// id builds an ARM ID under the test resource group.
func id(typeAndName string) estate.ResourceID { return estate.ResourceID(sub + typeAndName) }

func clusterID(name string) estate.ResourceID {
	return id("Microsoft.ContainerService/managedClusters/" + name)
}

func meta(rid estate.ResourceID) estate.Meta {
	return estate.Meta{ID: rid, Name: rid.Name(), Source: estate.SourceAzure, Loc: estate.Loc{Resource: rid}}
}

func at(path string) estate.Loc { return estate.Loc{File: "main.tf", Line: 7, Path: path} }

func set[T any](v T, path string) estate.Value[T] { return estate.Set(v, at(path)) }

func def[T any](v T, path string) estate.Value[T] { return estate.Defaulted(v, at(path)) }

func unresolved[T any](path, why string) estate.Value[T] {
	return estate.Unresolved[T](at(path), why)
}

// want is the expected finding of a rule on one resource.
type want struct {
	verdict rules.Verdict
	// evidence are substrings the finding's evidence must contain.
	evidence []string
}

// ruleCase is one table entry: an estate, a configuration and the findings
// expected per resource ID. Every finding must be expected: a rule reports
// once per resource it applies to, and no more.
type ruleCase struct {
	name string
	e    *estate.Estate
	cfg  *rules.Config
	want map[estate.ResourceID]want
}

func runCases(t *testing.T, r *rules.Rule, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := rules.DefaultConfig()
			if tc.cfg != nil {
				cfg = *tc.cfg
			}
			fs, err := rules.Evaluate(context.Background(), tc.e, cfg, []*rules.Rule{r})
			if err != nil {
				t.Fatal(err)
			}
			got := make(map[string]rules.Finding)
			for _, f := range fs {
				if _, dup := got[f.Resource.ID]; dup {
					t.Errorf("two findings for %s", f.Resource.ID)
				}
				got[f.Resource.ID] = f
			}
			for rid, w := range tc.want {
				f, ok := got[string(rid)]
				if !ok {
					t.Errorf("no finding for %s; got %v", rid, summary(fs))
					continue
				}
				delete(got, string(rid))
				if f.Verdict != w.verdict {
					t.Errorf("%s: verdict %s, want %s; evidence: %s", rid.Name(), f.Verdict, w.verdict, f.Evidence)
				}
				for _, s := range w.evidence {
					if !strings.Contains(f.Evidence, s) {
						t.Errorf("%s: evidence lacks %q:\n%s", rid.Name(), s, f.Evidence)
					}
				}
				if f.Evidence == "" {
					t.Errorf("%s: empty evidence", rid.Name())
				}
				if f.Remediation == "" {
					t.Errorf("%s: no remediation for source %q", rid.Name(), f.Source)
				}
			}
			for rid, f := range got {
				t.Errorf("unexpected finding for %s: %s: %s", rid, f.Verdict, f.Evidence)
			}
		})
	}
}

func summary(fs []rules.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Resource.ID+"="+f.Verdict.String())
	}
	return out
}
