package cli

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/internal/iostreams"
	"github.com/aksguard/aksguard/internal/policy"
	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/rules/catalog"
	"github.com/aksguard/aksguard/source/azureapi"
	"github.com/aksguard/aksguard/source/azureapi/azuretest"
)

var azureSubs = []string{"11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222"}

// fakeAzure points `scan azure` at a fake Azure serving the corpus in
// azureSubs, for the rest of the test.
func fakeAzure(t *testing.T) *azuretest.Server {
	t.Helper()
	snap, err := azuretest.FromCorpus("../../testdata/corpus/arm-api", azureSubs...)
	if err != nil {
		t.Fatal(err)
	}
	srv := azuretest.NewServer(snap)
	t.Cleanup(srv.Close)
	old := newAzureReader
	newAzureReader = func(cloudName, tenant string) (*azureapi.Reader, error) {
		if _, err := azureapi.Cloud(cloudName); err != nil {
			return nil, err
		}
		return azureapi.NewReader(srv.Config())
	}
	t.Cleanup(func() { newAzureReader = old })
	return srv
}

func TestScanAzureUsage(t *testing.T) {
	fakeAzure(t)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no scope", nil, "give --subscription ID (repeatable) or --all-subscriptions"},
		{"both scopes", []string{"--subscription", azureSubs[0], "--all-subscriptions"}, "not both"},
		{"not a GUID", []string{"--subscription", "prod"}, `--subscription "prod": give the subscription ID`},
		{"bad cloud", []string{"--all-subscriptions", "--cloud", "AzureGermany"}, `unknown cloud "AzureGermany"`},
		{"concurrency", []string{"--all-subscriptions", "--concurrency", "0"}, "--concurrency 0"},
		{"templates only", []string{"--all-subscriptions", "--parameters", "p.json"}, "unknown flag: --parameters"},
		{"terraform only", []string{"--all-subscriptions", "--var", "a=b"}, "unknown flag: --var"},
		{"no paths", []string{"--all-subscriptions", "infra/"}, "azure takes no arguments"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, t.TempDir(), catalog.All(), "", append([]string{"scan", "azure"}, tc.args...)...)
			if r.code != policy.ExitError || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %q", r.code, r.stderr, tc.want)
			}
		})
	}
}

// The live scan reports like a file scan, shows progress on stderr, and its
// export scanned offline gives the same findings.
func TestScanAzureExportRoundTrip(t *testing.T) {
	fakeAzure(t)
	dir := t.TempDir()
	export := filepath.Join(dir, "snapshot")
	args := []string{"scan", "azure", "--format", "json", "--export", export}
	for _, s := range azureSubs {
		args = append(args, "--subscription", s)
	}
	live := run(t, dir, catalog.All(), "", args...)
	if live.code != policy.ExitFindings {
		t.Fatalf("exit %d, want 1 (the corpus has failures); stderr:\n%s", live.code, live.stderr)
	}
	for _, want := range []string{
		"aksguard: Azure: reading the inventory of 2 subscriptions through Resource Graph",
		"reading the diagnostic settings of",
		"aksguard: read 2 subscriptions",
		"exported to " + export,
	} {
		if !strings.Contains(live.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, live.stderr)
		}
	}
	offline := run(t, dir, catalog.All(), "", "scan", "--format", "json", "@snapshot")
	if offline.code != live.code {
		t.Errorf("offline exit %d, live %d; stderr:\n%s", offline.code, live.code, offline.stderr)
	}
	lr, or := decodeReport(t, live.stdout), decodeReport(t, offline.stdout)
	if len(lr.Findings) == 0 {
		t.Fatal("the live scan found nothing")
	}
	if diff := cmp.Diff(withoutLocations(lr.Findings), withoutLocations(or.Findings)); diff != "" {
		t.Errorf("live and offline findings differ (-live +offline):\n%s", diff)
	}
	if diff := cmp.Diff(lr.Summary, or.Summary); diff != "" {
		t.Errorf("summaries differ:\n%s", diff)
	}

	quiet := run(t, dir, catalog.All(), "", "scan", "azure", "-q", "--subscription", azureSubs[0], "--format", "json")
	if strings.Contains(quiet.stderr, "aksguard: Azure:") {
		t.Errorf("--quiet printed progress:\n%s", quiet.stderr)
	}
}

// The report options of scan work for scan azure: a second scan against the
// first one's report as baseline finds nothing new and passes.
func TestScanAzureBaseline(t *testing.T) {
	fakeAzure(t)
	dir := t.TempDir()
	first := run(t, dir, catalog.All(), "", "scan", "azure", "--subscription", azureSubs[0], "--output", "@base.json")
	if first.code != policy.ExitFindings {
		t.Fatalf("first scan: exit %d; stderr:\n%s", first.code, first.stderr)
	}
	again := run(t, dir, catalog.All(), "", "scan", "azure", "--subscription", azureSubs[0], "--format", "json", "--baseline", "@base.json")
	if again.code != policy.ExitOK || !strings.Contains(again.stderr, "0 new") {
		t.Errorf("scan against its own baseline: exit %d; stderr:\n%s", again.code, again.stderr)
	}
}

// A subscription the identity may not read is an error in the report and
// exit 2, and the other subscription is still reported.
func TestScanAzureForbiddenSubscription(t *testing.T) {
	srv := fakeAzure(t)
	srv.Fault = func(r azuretest.Request) *azuretest.Response {
		for _, s := range r.Subscriptions {
			if s == azureSubs[1] {
				return &azuretest.Response{Status: 403, Code: "AuthorizationFailed", Message: "The client 'c' does not have " +
					"authorization to perform action 'Microsoft.ResourceGraph/resources/read' over scope '/subscriptions/" + s + "'."}
			}
		}
		return nil
	}
	r := run(t, t.TempDir(), catalog.All(), "", "scan", "azure", "--format", "json",
		"--subscription", azureSubs[0], "--subscription", azureSubs[1])
	if r.code != policy.ExitError {
		t.Errorf("exit %d, want 2", r.code)
	}
	rep := decodeReport(t, r.stdout)
	if len(rep.Errors) != 1 || rep.Errors[0].Input != "azure:/subscriptions/"+azureSubs[1] ||
		!strings.Contains(rep.Errors[0].Message, "Microsoft.ResourceGraph/resources/read") {
		t.Errorf("report errors: %+v", rep.Errors)
	}
	var other bool
	for _, f := range rep.Findings {
		other = other || strings.Contains(f.Resource.ID, azureSubs[0])
		if strings.Contains(f.Resource.ID, azureSubs[1]) {
			t.Errorf("finding on the unreadable subscription: %+v", f)
		}
	}
	if !other {
		t.Error("nothing reported on the readable subscription")
	}
	if !strings.Contains(r.stderr, "(1 could not be read)") {
		t.Errorf("stderr does not count the unreadable subscription:\n%s", r.stderr)
	}
}

// withoutLocations drops what differs by design between a live resource
// (its ID) and an exported file (file and line), and sorts.
func withoutLocations(fs []rules.Finding) []rules.Finding {
	out := make([]rules.Finding, len(fs))
	for i, f := range fs {
		f.Location = rules.Location{}
		out[i] = f
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.Resource.ID != b.Resource.ID {
			return a.Resource.ID < b.Resource.ID
		}
		return a.Path+a.Evidence < b.Path+b.Evidence
	})
	return out
}

// Progress is a line rewritten in place on a terminal, plain lines
// otherwise, and nothing with --quiet.
func TestAzureProgress(t *testing.T) {
	steps := []azureapi.Progress{
		{Phase: "subscriptions"},
		{Phase: "inventory", Subscriptions: 2},
		{Phase: "inventory", Subscriptions: 2, SubscriptionsRead: 2, Resources: 40},
		{Phase: "diagnostic settings", Subscriptions: 2, SubscriptionsRead: 2, Resources: 40, Settings: 10},
		{Phase: "diagnostic settings", Subscriptions: 2, SubscriptionsRead: 2, Resources: 40, Settings: 10, SettingsRead: 5},
		{Phase: "done", Subscriptions: 2, SubscriptionsRead: 2, Resources: 40, Settings: 10, SettingsRead: 10},
	}
	for _, tc := range []struct {
		name       string
		tty, quiet bool
		want       []string
	}{
		{"terminal", true, false, []string{"\r\x1b[Kaksguard: Azure: [>                   ] subscriptions 0/0, 0 resources",
			"[==========>         ] subscriptions 2/2, 40 resources, diagnostic settings 5/10", "\r\x1b[K"}},
		{"plain", false, false, []string{"aksguard: Azure: listing the subscriptions in scope\n",
			"reading the inventory of 2 subscriptions through Resource Graph\n",
			"aksguard: Azure: 40 resources inventoried; reading the diagnostic settings of 10\n",
			"aksguard: Azure: diagnostic settings 5/10\n"}},
		{"quiet", true, true, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			io, _, _, errOut := iostreams.Test()
			io.SetStderrTTY(tc.tty)
			p := newAzureProgress(io, tc.quiet)
			for _, st := range steps {
				p.last = time.Time{} // no throttling in the test
				p.update(st)
			}
			p.done()
			got := errOut.String()
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("progress lacks %q:\n%q", w, got)
				}
			}
			if tc.want == nil && got != "" {
				t.Errorf("--quiet printed %q", got)
			}
			if !tc.tty && strings.Contains(got, "\r") {
				t.Errorf("plain progress rewrites lines: %q", got)
			}
		})
	}
}
