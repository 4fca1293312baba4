package azureapi_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/azureapi"
)

// The live scan of a snapshot and the offline scan of its export give the
// same findings: the reader feeds the file source's adapter with the JSON
// Azure returned, and the export writes that JSON.
func TestLiveEqualsExport(t *testing.T) {
	snap := corpusSnapshot(t)
	srv := newServer(t, snap)
	dir := t.TempDir() + "/export"
	res := read(t, srv, azureapi.Options{Subscriptions: testSubs, ExportDir: dir})
	if len(res.Diagnostics) > 0 {
		t.Errorf("diagnostics of a clean scan: %v", res.Diagnostics)
	}
	live := evaluate(t, res.Estate)

	est, diags := offline(t, dir)
	if diags.HasErrors() {
		t.Fatalf("offline scan of the export: %v", diags)
	}
	exported := evaluate(t, est)
	if diff := cmp.Diff(verdicts(live), verdicts(exported)); diff != "" {
		t.Errorf("live and exported findings differ (-live +export):\n%s", diff)
	}

	// The snapshot is really there: every cluster, registry and workspace
	// of every subscription, each with its log verdict.
	st := res.Stats
	if got, want := len(st.Subscriptions), len(testSubs); got != want {
		t.Errorf("read %d subscriptions, want %d", got, want)
	}
	clusters := st.Resources["microsoft.containerservice/managedclusters"]
	if clusters < 15*len(testSubs) {
		t.Errorf("read %d clusters, want every corpus cluster in each subscription", clusters)
	}
	if got, want := len(res.Estate.Clusters), clusters; got != want {
		t.Errorf("estate has %d clusters, the inventory %d", got, want)
	}
	settingsTargets := clusters + st.Resources["microsoft.containerregistry/registries"] + st.Resources["microsoft.operationalinsights/workspaces"]
	if st.Settings != settingsTargets || len(st.Unread) != 0 {
		t.Errorf("read the diagnostic settings of %d resources (%d unread), want all %d", st.Settings, len(st.Unread), settingsTargets)
	}
	count := map[rules.Verdict]int{}
	for _, f := range live {
		if f.Rule == "AKS-LOG-01" {
			count[f.Verdict]++
		}
	}
	if count[rules.Passed] == 0 || count[rules.Failed] == 0 || count[rules.Passed]+count[rules.Failed] != clusters {
		t.Errorf("AKS-LOG-01 verdicts %v: want passes (clusters with a setting) and failures (without), one per cluster", count)
	}
	if len(res.Estate.Locks) != len(testSubs) || len(res.Estate.DefenderPlans) == 0 || len(res.Estate.RoleAssignments) == 0 {
		t.Errorf("locks %d, pricings %d, role assignments %d: want every table read",
			len(res.Estate.Locks), len(res.Estate.DefenderPlans), len(res.Estate.RoleAssignments))
	}
}

// Small pages make many skip-token round trips; every page repeats the
// query and scope (the fake refuses a token used with another), and every
// resource arrives once.
func TestPagingFollowsSkipTokens(t *testing.T) {
	snap := corpusSnapshot(t)
	srv := newServer(t, snap)
	whole := read(t, srv, azureapi.Options{Subscriptions: testSubs})
	paged := read(t, srv, azureapi.Options{Subscriptions: testSubs, PageSize: 7})
	if len(paged.Diagnostics) > 0 {
		t.Fatalf("diagnostics: %v", paged.Diagnostics)
	}
	if diff := cmp.Diff(whole.Stats.Resources, paged.Stats.Resources); diff != "" {
		t.Errorf("paged inventory differs (-one page +pages of 7):\n%s", diff)
	}
	if paged.Stats.Pages <= whole.Stats.Pages*3 {
		t.Errorf("pages: %d with 7 rows a page, %d whole: want many more", paged.Stats.Pages, whole.Stats.Pages)
	}
	var tokens int
	for _, e := range srv.Requests() {
		if e.Status != 200 {
			t.Errorf("request %+v answered %d", e.Req, e.Status)
		}
		if e.Req.SkipToken != "" {
			tokens++
		}
	}
	if tokens == 0 {
		t.Error("no page was asked with a skip token")
	}
	if diff := cmp.Diff(verdicts(evaluate(t, whole.Estate)), verdicts(evaluate(t, paged.Estate))); diff != "" {
		t.Errorf("findings differ with paging:\n%s", diff)
	}
}

// --resource-group narrows the audited resources but keeps the network of
// the whole subscription for the joins; --cluster reads only the clusters
// named; a name found nowhere is an error.
func TestScope(t *testing.T) {
	snap := corpusSnapshot(t)
	mustAdd(t, snap, `{"id": "/subscriptions/`+testSubs[0]+`/resourceGroups/other/providers/Microsoft.ContainerRegistry/registries/elsewhere",
		"name": "elsewhere", "type": "Microsoft.ContainerRegistry/registries", "properties": {"adminUserEnabled": true}}`)
	mustAdd(t, snap, `{"id": "/subscriptions/`+testSubs[0]+`/resourceGroups/net/providers/Microsoft.Network/routeTables/hub",
		"name": "hub", "type": "Microsoft.Network/routeTables", "properties": {"routes": []}}`)
	srv := newServer(t, snap)
	one := testSubs[:1]

	res := read(t, srv, azureapi.Options{Subscriptions: one, ResourceGroups: []string{"RG1", "nope"}})
	for _, r := range res.Estate.Registries {
		if strings.EqualFold(r.ID.ResourceGroup(), "other") {
			t.Errorf("registry %s outside the resource groups was read", r.ID)
		}
	}
	if len(res.Estate.Clusters) == 0 {
		t.Error("no cluster of rg1 was read")
	}
	var hub bool
	for _, rt := range res.Estate.RouteTables {
		hub = hub || rt.Name == "hub"
	}
	if !hub {
		t.Error("the route table of another resource group was not read: joins need it")
	}
	wantError(t, res.Diagnostics, "azure", `resource group "nope": not found`)

	ids := clusterIDs(snap, testSubs[0])
	name := ids[0][strings.LastIndex(ids[0], "/")+1:]
	res = read(t, srv, azureapi.Options{Subscriptions: one, Clusters: []string{strings.ToUpper(name), "ghost"}})
	if len(res.Estate.Clusters) != 1 || !strings.EqualFold(res.Estate.Clusters[0].Name, name) {
		t.Errorf("clusters read: %d, want only %s", len(res.Estate.Clusters), name)
	}
	if res.Stats.Settings != 1+res.Stats.Resources["microsoft.containerregistry/registries"]+res.Stats.Resources["microsoft.operationalinsights/workspaces"] {
		t.Errorf("diagnostic settings read for %d resources", res.Stats.Settings)
	}
	wantError(t, res.Diagnostics, "azure", `cluster "ghost": not found`)
}

// --all-subscriptions reads every subscription Resource Graph lists.
func TestAllSubscriptions(t *testing.T) {
	srv := newServer(t, corpusSnapshot(t))
	res := read(t, srv, azureapi.Options{AllSubscriptions: true})
	if diff := cmp.Diff(testSubs, res.Stats.Subscriptions); diff != "" {
		t.Errorf("subscriptions (-want +got):\n%s", diff)
	}
}

// An export goes to a new or empty directory only, so that no stale file
// is audited with it.
func TestExportNeedsAnEmptyDirectory(t *testing.T) {
	srv := newServer(t, corpusSnapshot(t))
	dir := t.TempDir()
	read(t, srv, azureapi.Options{Subscriptions: testSubs[:1], ExportDir: dir})
	r, err := azureapi.NewReader(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Read(t.Context(), azureapi.Options{Subscriptions: testSubs[:1], ExportDir: dir})
	if err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("second export to %s: err = %v, want a refusal", dir, err)
	}
}

func TestCloud(t *testing.T) {
	for _, name := range []string{"AzurePublic", "azurechina", "AzureUSGovernment"} {
		if _, err := azureapi.Cloud(name); err != nil {
			t.Errorf("Cloud(%q): %v", name, err)
		}
	}
	if _, err := azureapi.Cloud("AzureGermany"); err == nil {
		t.Error("Cloud(AzureGermany): no error")
	}
}

// wantError fails unless an error diagnostic of input id says msg.
func wantError(t *testing.T, ds source.Diagnostics, id, msg string) {
	t.Helper()
	in := "azure:" + id
	if id == "azure" {
		in = id
	}
	for _, d := range ds {
		if d.Severity == source.Error && strings.EqualFold(d.Input, in) && strings.Contains(d.Message, msg) {
			return
		}
	}
	t.Errorf("no error diagnostic of %s saying %q in %v", in, msg, ds)
}
