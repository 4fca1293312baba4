package azureapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/internal/config"
	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/rules/catalog"
	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/azureapi"
	"github.com/aksguard/aksguard/source/azureapi/azuretest"
	"github.com/aksguard/aksguard/source/load"
)

// corpusDir is the REST API reference examples the fake Azure serves.
const corpusDir = "../../testdata/corpus/arm-api"

var testSubs = []string{
	"11111111-1111-1111-1111-111111111111",
	"22222222-2222-2222-2222-222222222222",
	"33333333-3333-3333-3333-333333333333",
}

// corpusSnapshot is the corpus placed in each test subscription, with a
// workspace and a delete lock on it in each, which the corpus lacks.
func corpusSnapshot(t testing.TB) *azuretest.Snapshot {
	t.Helper()
	snap, err := azuretest.FromCorpus(corpusDir, testSubs...)
	if err != nil {
		t.Fatal(err)
	}
	for _, sub := range testSubs {
		ws := fmt.Sprintf("/subscriptions/%s/resourceGroups/rg1/providers/Microsoft.OperationalInsights/workspaces/law1", sub)
		mustAdd(t, snap, fmt.Sprintf(`{"id": %q, "name": "law1", "type": "Microsoft.OperationalInsights/workspaces",
			"location": "westeurope", "properties": {"retentionInDays": 90, "sku": {"name": "PerGB2018"}}}`, ws))
		mustAdd(t, snap, fmt.Sprintf(`{"id": %q, "name": "keep", "type": "Microsoft.Authorization/locks",
			"properties": {"level": "CanNotDelete", "notes": "audit logs"}}`, ws+"/providers/Microsoft.Authorization/locks/keep"))
	}
	return snap
}

func mustAdd(t testing.TB, snap *azuretest.Snapshot, raw string) string {
	t.Helper()
	id, err := snap.Add(json.RawMessage(raw))
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// newServer starts a fake Azure serving snap, stopped when the test ends.
func newServer(t testing.TB, snap *azuretest.Snapshot) *azuretest.Server {
	t.Helper()
	srv := azuretest.NewServer(snap)
	t.Cleanup(srv.Close)
	return srv
}

// read runs the live reader against srv.
func read(t testing.TB, srv *azuretest.Server, opts azureapi.Options) *azureapi.Result {
	t.Helper()
	return readWith(t, srv.Config(), opts)
}

func readWith(t testing.TB, cfg azureapi.Config, opts azureapi.Options) *azureapi.Result {
	t.Helper()
	r, err := azureapi.NewReader(cfg)
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.Read(context.Background(), opts)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return res
}

// evaluate runs the whole catalog with the default configuration.
func evaluate(t testing.TB, e *estate.Estate) []rules.Finding {
	t.Helper()
	fs, err := rules.Evaluate(context.Background(), e, config.Default().Rules(), catalog.All())
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

// offline scans a directory as `aksguard scan DIR` does.
func offline(t testing.TB, dir string) (*estate.Estate, source.Diagnostics) {
	t.Helper()
	e, diags, _ := load.Paths(context.Background(), []string{dir}, load.Options{})
	return e, diags
}

// verdict is a finding without its location, which differs by design
// between a live resource (its ID) and an exported file (file and line).
type verdict struct {
	Rule, Verdict, Resource, Path, Evidence, Remediation string
}

func verdicts(fs []rules.Finding) []verdict {
	out := make([]verdict, len(fs))
	for i, f := range fs {
		out[i] = verdict{f.Rule, f.Verdict.String(), strings.ToLower(f.Resource.ID), f.Path, f.Evidence, f.Remediation}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.Resource != b.Resource {
			return a.Resource < b.Resource
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Evidence < b.Evidence
	})
	return out
}

// find returns the findings of a rule on a resource.
func find(fs []rules.Finding, rule, id string) []rules.Finding {
	var out []rules.Finding
	for _, f := range fs {
		if f.Rule == rule && strings.EqualFold(f.Resource.ID, id) {
			out = append(out, f)
		}
	}
	return out
}

// diagFor returns the diagnostics whose input names id.
func diagFor(ds source.Diagnostics, id string) source.Diagnostics {
	var out source.Diagnostics
	for _, d := range ds {
		if strings.EqualFold(d.Input, "azure:"+id) {
			out = append(out, d)
		}
	}
	return out
}

// clusterIDs returns the IDs of the clusters of a subscription in snap.
func clusterIDs(snap *azuretest.Snapshot, sub string) []string {
	var out []string
	for _, raw := range snap.Tables["resources"] {
		var h struct{ ID, Type string }
		json.Unmarshal(raw, &h)
		if strings.EqualFold(h.Type, "Microsoft.ContainerService/managedClusters") &&
			strings.Contains(strings.ToLower(h.ID), strings.ToLower(sub)) {
			out = append(out, h.ID)
		}
	}
	sort.Strings(out)
	return out
}
