package azureapi_test

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	azfake "github.com/Azure/azure-sdk-for-go/sdk/azcore/fake"
	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/azureapi"
	"github.com/aksguard/aksguard/source/azureapi/azuretest"
)

func denied(action, scope string) *azuretest.Response {
	return &azuretest.Response{Status: 403, Code: "AuthorizationFailed", Message: "The client 'c' with object id 'o' " +
		"does not have authorization to perform action '" + action + "' over scope '" + scope + "' or the scope is invalid."}
}

// A subscription the identity may not read is an error naming it and what
// is missing; the other subscriptions are read in full. Resource Graph may
// deny the request that names it, or leave it out of the result.
func TestSubscriptionForbidden(t *testing.T) {
	bad := testSubs[1]
	for _, tc := range []struct {
		name string
		deny bool   // Resource Graph answers 403 to a request naming bad
		want string // in the diagnostic
	}{
		{"denied", true, "Microsoft.ResourceGraph/resources/read"},
		{"omitted", false, "Microsoft.Resources/subscriptions/read"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			snap := corpusSnapshot(t)
			if !tc.deny {
				snap.Subscriptions = []string{testSubs[0], testSubs[2]}
			}
			srv := newServer(t, snap)
			if tc.deny {
				srv.Fault = func(r azuretest.Request) *azuretest.Response {
					for _, s := range r.Subscriptions {
						if s == bad {
							return denied("Microsoft.ResourceGraph/resources/read", "/subscriptions/"+bad)
						}
					}
					return nil
				}
			}
			res := read(t, srv, azureapi.Options{Subscriptions: testSubs})
			wantError(t, res.Diagnostics, "/subscriptions/"+bad, tc.want)
			if diff := cmp.Diff([]string{bad}, res.Stats.FailedSubscriptions); diff != "" {
				t.Errorf("failed subscriptions (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{testSubs[0], testSubs[2]}, res.Stats.Subscriptions); diff != "" {
				t.Errorf("subscriptions read (-want +got):\n%s", diff)
			}
			want := len(clusterIDs(snap, testSubs[0])) + len(clusterIDs(snap, testSubs[2]))
			if len(res.Estate.Clusters) != want {
				t.Errorf("read %d clusters, want the %d of the readable subscriptions", len(res.Estate.Clusters), want)
			}
			for _, c := range res.Estate.Clusters {
				if strings.EqualFold(c.ID.Subscription(), bad) {
					t.Errorf("cluster %s of the denied subscription was read", c.ID)
				}
			}
			if len(res.Diagnostics) != 1 {
				t.Errorf("diagnostics: %v, want the one about %s", res.Diagnostics, bad)
			}
		})
	}
}

// What cannot be read about one resource is a diagnostic naming it, and
// the verdicts that depend on it are unknown, live and offline alike;
// everything else is read.
func TestResourceFaults(t *testing.T) {
	snap := corpusSnapshot(t)
	clusters := clusterIDs(snap, testSubs[0])
	gone, locked := clusters[0], clusters[1]
	for _, tc := range []struct {
		name     string
		status   int
		fault    *azuretest.Response
		severity source.Severity
		msg      string
	}{
		{"deleted", 404, &azuretest.Response{Status: 404, Code: "ResourceNotFound", Message: "The Resource was not found."},
			source.Warning, "no longer exists (404 ResourceNotFound"},
		{"denied", 403, denied("Microsoft.Insights/diagnosticSettings/read", locked),
			source.Error, "the identity lacks Microsoft.Insights/diagnosticSettings/read"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			target := gone
			if tc.status == 403 {
				target = locked
			}
			srv := newServer(t, snap)
			srv.Fault = func(r azuretest.Request) *azuretest.Response {
				if r.Kind == "settings" && strings.EqualFold(r.Resource, target) {
					return tc.fault
				}
				return nil
			}
			dir := t.TempDir() + "/export"
			res := read(t, srv, azureapi.Options{Subscriptions: testSubs, ExportDir: dir})
			ds := diagFor(res.Diagnostics, target)
			if len(ds) != 1 || ds[0].Severity != tc.severity || !strings.Contains(ds[0].Message, tc.msg) {
				t.Fatalf("diagnostics of %s: %v, want one %s saying %q", target, ds, tc.severity, tc.msg)
			}
			if len(res.Stats.Unread) != 1 || res.Stats.Unread[0].ID != target {
				t.Errorf("unread: %+v, want %s alone", res.Stats.Unread, target)
			}
			live := evaluate(t, res.Estate)
			if fs := find(live, "AKS-LOG-01", target); len(fs) != 1 || fs[0].Verdict != rules.Unknown {
				t.Errorf("AKS-LOG-01 on %s: %+v, want one unknown", target, fs)
			}
			if fs := find(live, "AKS-IAM-02", target); len(fs) != 1 {
				t.Errorf("the cluster is not audited as Resource Graph saw it: AKS-IAM-02 %+v", fs)
			}
			est, _ := offline(t, dir)
			if diff := cmp.Diff(verdicts(live), verdicts(evaluate(t, est)), cmpVerdictOnly); diff != "" {
				t.Errorf("offline verdicts differ from live (-live +export):\n%s", diff)
			}
		})
	}
}

// cmpVerdictOnly compares what was decided, not the words: a stand-in for
// what could not be read gives a live reason that an export can only say
// as "no properties".
var cmpVerdictOnly = cmp.Transformer("verdict", func(v verdict) verdict {
	v.Evidence = ""
	return v
})

// Role assignments or pricings that cannot be read make the verdicts that
// need them unknown, not passed.
func TestTableFault(t *testing.T) {
	snap := corpusSnapshot(t)
	bad := testSubs[2]
	srv := newServer(t, snap)
	srv.Fault = func(r azuretest.Request) *azuretest.Response {
		if r.Table == "securityresources" && len(r.Subscriptions) == 1 && r.Subscriptions[0] == bad {
			return &azuretest.Response{Status: 400, Code: "BadRequest", Message: "table unavailable"}
		}
		if r.Table == "securityresources" && len(r.Subscriptions) > 1 {
			return denied("Microsoft.Security/pricings/read", "/subscriptions/"+bad)
		}
		return nil
	}
	dir := t.TempDir() + "/export"
	res := read(t, srv, azureapi.Options{Subscriptions: testSubs, ExportDir: dir})
	wantError(t, res.Diagnostics, "/subscriptions/"+bad, "Defender for Cloud pricings of subscription "+bad+" could not be read: 400 BadRequest: table unavailable")
	live := evaluate(t, res.Estate)
	for _, sub := range testSubs {
		want := rules.Passed
		if sub == bad {
			want = rules.Unknown
		}
		for _, id := range clusterIDs(snap, sub) {
			fs := find(live, "AKS-DEF-01", id)
			// A cluster whose own Defender profile is on passes whatever the plan.
			own := len(fs) == 1 && fs[0].Verdict == rules.Passed && strings.Contains(fs[0].Path, "securityProfile.defender")
			if len(fs) != 1 || (fs[0].Verdict != want && !own) {
				t.Errorf("AKS-DEF-01 on %s: %+v, want %s", id, fs, want)
			}
		}
	}
	est, _ := offline(t, dir)
	if diff := cmp.Diff(verdicts(live), verdicts(evaluate(t, est)), cmpVerdictOnly); diff != "" {
		t.Errorf("offline verdicts differ from live (-live +export):\n%s", diff)
	}
}

// A throttled Resource Graph page is retried after the Retry-After the 429
// gives, not after the client's own backoff (1ms here).
func TestThrottledPageHonoursRetryAfter(t *testing.T) {
	srv := newServer(t, corpusSnapshot(t))
	var once sync.Once
	srv.Fault = func(r azuretest.Request) *azuretest.Response {
		var resp *azuretest.Response
		if r.Table == "resources" && r.Page == 2 {
			once.Do(func() {
				resp = &azuretest.Response{Status: 429, Code: "RateLimiting", Message: "Please provide below info when asking for support",
					Header: map[string]string{"Retry-After": "1"}}
			})
		}
		return resp
	}
	res := read(t, srv, azureapi.Options{Subscriptions: testSubs, PageSize: 10})
	if len(res.Diagnostics) > 0 {
		t.Errorf("diagnostics: %v", res.Diagnostics)
	}
	var throttled, retried time.Time
	for _, e := range srv.Requests() {
		if e.Req.Table == "resources" && e.Req.Page == 2 {
			if e.Status == 429 {
				throttled = e.At
			} else if !throttled.IsZero() && retried.IsZero() {
				retried = e.At
			}
		}
	}
	if throttled.IsZero() || retried.IsZero() {
		t.Fatalf("page 2 was not throttled then retried: %v", srv.Requests())
	}
	if wait := retried.Sub(throttled); wait < 900*time.Millisecond {
		t.Errorf("retried %s after the 429, want the 1s Retry-After honoured", wait)
	}
	if got := res.Stats.Resources["microsoft.containerservice/managedclusters"]; got != len(res.Estate.Clusters) || got == 0 {
		t.Errorf("clusters: %d inventoried, %d in the estate", got, len(res.Estate.Clusters))
	}
}

// A 500 is retried until it recovers; nothing is lost.
func TestServerErrorRecovers(t *testing.T) {
	snap := corpusSnapshot(t)
	target := clusterIDs(snap, testSubs[0])[0]
	srv := newServer(t, snap)
	var mu sync.Mutex
	failures := 2
	srv.Fault = func(r azuretest.Request) *azuretest.Response {
		mu.Lock()
		defer mu.Unlock()
		if r.Kind == "settings" && strings.EqualFold(r.Resource, target) && failures > 0 {
			failures--
			return &azuretest.Response{Status: 500, Code: "InternalServerError", Message: "try again"}
		}
		return nil
	}
	res := read(t, srv, azureapi.Options{Subscriptions: testSubs})
	if len(res.Diagnostics) > 0 {
		t.Errorf("diagnostics: %v", res.Diagnostics)
	}
	var statuses []int
	for _, e := range srv.Requests() {
		if strings.EqualFold(e.Req.Resource, target) {
			statuses = append(statuses, e.Status)
		}
	}
	if diff := cmp.Diff([]int{500, 500, 200}, statuses); diff != "" {
		t.Errorf("calls for %s (-want +got):\n%s", target, diff)
	}
	if fs := find(evaluate(t, res.Estate), "AKS-LOG-01", target); len(fs) != 1 || fs[0].Verdict != rules.Passed {
		t.Errorf("AKS-LOG-01 on %s after recovery: %+v, want pass", target, fs)
	}
}

// A call that hangs ends at the call timeout with an error naming the
// resource, and the scan finishes; a try that hangs once is abandoned after
// the try timeout and retried.
func TestHungCall(t *testing.T) {
	snap := corpusSnapshot(t)
	target := clusterIDs(snap, testSubs[0])[0]

	t.Run("times out", func(t *testing.T) {
		srv := newServer(t, snap)
		srv.Fault = func(r azuretest.Request) *azuretest.Response {
			if strings.EqualFold(r.Resource, target) {
				return &azuretest.Response{Hang: true}
			}
			return nil
		}
		start := time.Now()
		res := read(t, srv, azureapi.Options{Subscriptions: testSubs, CallTimeout: 5 * time.Second, Concurrency: 2})
		if took := time.Since(start); took > time.Minute {
			t.Errorf("the scan took %s", took)
		}
		ds := diagFor(res.Diagnostics, target)
		if len(ds) != 1 || ds[0].Severity != source.Error || !strings.Contains(ds[0].Message, "timed out after 5s") {
			t.Errorf("diagnostics of %s: %v, want a time-out error", target, ds)
		}
		if len(res.Diagnostics) != 1 || res.Stats.Settings != 62 {
			t.Errorf("diagnostics %v, settings read %d: want the one time-out and all others read", res.Diagnostics, res.Stats.Settings)
		}
	})

	t.Run("retried", func(t *testing.T) {
		srv := newServer(t, snap)
		var once sync.Once
		srv.Fault = func(r azuretest.Request) *azuretest.Response {
			var resp *azuretest.Response
			if r.Table == "resources" {
				once.Do(func() { resp = &azuretest.Response{Hang: true} })
			}
			return resp
		}
		cfg := srv.Config()
		cfg.Retry.TryTimeout = 2 * time.Second
		res := readWith(t, cfg, azureapi.Options{Subscriptions: testSubs})
		if len(res.Diagnostics) > 0 || len(res.Estate.Clusters) == 0 {
			t.Errorf("diagnostics %v, %d clusters: want the hung try retried", res.Diagnostics, len(res.Estate.Clusters))
		}
		var statuses []int
		for _, e := range srv.Requests() {
			if e.Req.Table == "resources" {
				statuses = append(statuses, e.Status)
			}
		}
		if len(statuses) < 2 || statuses[0] != 0 || statuses[len(statuses)-1] != 200 {
			t.Errorf("resources queries %v (0: held), want the held one then an answered retry", statuses)
		}
	})
}

// Credentials that fail end the scan before anything is read.
func TestCredentialFailure(t *testing.T) {
	srv := newServer(t, corpusSnapshot(t))
	cfg := srv.Config()
	cred := &azfake.TokenCredential{}
	cred.SetError(errors.New("DefaultAzureCredential: failed to acquire a token"))
	cfg.Credential = cred
	r, err := azureapi.NewReader(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Read(t.Context(), azureapi.Options{Subscriptions: testSubs})
	if err == nil || !strings.Contains(err.Error(), "failed to acquire a token") {
		t.Errorf("Read with failing credentials: %v", err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests reached Azure without a token", n)
	}
}

// A token Azure rejects ends the scan with what Azure said.
func TestTokenRejected(t *testing.T) {
	srv := newServer(t, corpusSnapshot(t))
	srv.Fault = func(azuretest.Request) *azuretest.Response {
		return &azuretest.Response{Status: 401, Code: "InvalidAuthenticationToken", Message: "The access token is invalid."}
	}
	r, err := azureapi.NewReader(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Read(t.Context(), azureapi.Options{Subscriptions: testSubs})
	if err == nil || !strings.Contains(err.Error(), "authentication failed (401 InvalidAuthenticationToken): The access token is invalid.") {
		t.Errorf("Read with a rejected token: %v", err)
	}
}

// An identity that can read no subscription is told so.
func TestNoSubscriptionReadable(t *testing.T) {
	snap := corpusSnapshot(t)
	snap.Subscriptions = nil
	res := read(t, newServer(t, snap), azureapi.Options{AllSubscriptions: true})
	wantError(t, res.Diagnostics, "azure", "the identity can read no subscription")
}
