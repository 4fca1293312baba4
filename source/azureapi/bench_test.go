package azureapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/source/azureapi"
	"github.com/aksguard/aksguard/source/azureapi/azuretest"
)

// Load: 50 subscriptions, 10,000 clusters, each with a registry, an NSG
// and diagnostic settings on the cluster and the registry, built from the
// corpus's own payloads; Resource Graph pages of 1,000; a 429 (with a
// Retry-After) or a 500 on 5% of all calls. Every resource must be read,
// and every verdict must equal the offline scan of the same data written
// as files. Run it with
//
//	go test -run '^$' -bench BenchmarkLoad -benchtime 1x ./source/azureapi/
//
// peak-heap-MB is the largest heap in use during the scan, in this one
// process, which also holds the fake Azure and its snapshot (baseline-MB);
// cpu-s/op is the CPU both used, which a loaded machine does not inflate
// as it does ns/op.
func BenchmarkLoad(b *testing.B) {
	const subs, perSub = 50, 200
	snap, files := loadSnapshot(b, subs, perSub)
	srv := azuretest.NewServer(snap)
	defer srv.Close()
	var calls, faults atomic.Int64
	var mu sync.Mutex
	rnd := rand.New(rand.NewSource(1))
	srv.Fault = func(azuretest.Request) *azuretest.Response {
		calls.Add(1)
		mu.Lock()
		p := rnd.Float64()
		mu.Unlock()
		switch {
		case p < 0.025:
			faults.Add(1)
			return &azuretest.Response{Status: 429, Code: "TooManyRequests", Message: "throttled",
				Header: map[string]string{"retry-after-ms": "2"}}
		case p < 0.05:
			faults.Add(1)
			return &azuretest.Response{Status: 500, Code: "InternalServerError", Message: "transient"}
		}
		return nil
	}
	ids := make([]string, subs)
	for i := range ids {
		ids[i] = benchSub(i)
	}
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)

	var res *azureapi.Result
	var peak uint64
	cpu0 := cpuTime()
	b.ResetTimer()
	for range b.N {
		stop := sampleHeap(&peak)
		reader, err := azureapi.NewReader(srv.Config())
		if err != nil {
			b.Fatal(err)
		}
		res, err = reader.Read(context.Background(), azureapi.Options{Subscriptions: ids})
		stop()
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(base.HeapInuse)/(1<<20), "baseline-MB")
	b.ReportMetric(float64(calls.Load())/float64(b.N), "calls/op")
	b.ReportMetric(float64(faults.Load())/float64(b.N), "faults/op")

	st := res.Stats
	want := map[string]int{
		"microsoft.containerservice/managedclusters": subs * perSub,
		"microsoft.containerregistry/registries":     subs * perSub,
		"microsoft.network/networksecuritygroups":    subs * perSub,
	}
	for typ, n := range want {
		if st.Resources[typ] != n {
			b.Errorf("%s: %d read, want %d", typ, st.Resources[typ], n)
		}
	}
	if st.Settings != 2*subs*perSub || len(st.Unread) > 0 || len(res.Diagnostics) > 0 {
		b.Errorf("settings read for %d resources (%d unread), diagnostics %d: want all %d read, none lost",
			st.Settings, len(st.Unread), len(res.Diagnostics), 2*subs*perSub)
	}
	if faults.Load() == 0 {
		b.Error("no fault was injected")
	}
	est, diags := offline(b, files)
	if len(diags) > 0 {
		b.Fatalf("offline scan: %v", diags[0])
	}
	if diff := cmp.Diff(verdicts(evaluate(b, est)), verdicts(evaluate(b, res.Estate))); diff != "" {
		b.Errorf("live verdicts differ from the offline scan of the same data (-offline +live):\n%s", diff)
	}
}

func benchSub(i int) string { return fmt.Sprintf("%08d-0000-4000-8000-%012d", i, i) }

// loadSnapshot builds the load test's estate twice: as a snapshot for the
// fake Azure, and as files (ARM list responses) for the offline scan.
func loadSnapshot(b *testing.B, subs, perSub int) (*azuretest.Snapshot, string) {
	b.Helper()
	tmpl := func(file string) map[string]any {
		data, err := os.ReadFile(filepath.Join(corpusDir, file))
		if err != nil {
			b.Fatal(err)
		}
		var ex struct {
			Responses map[string]struct{ Body map[string]any } `json:"responses"`
		}
		if err := json.Unmarshal(data, &ex); err != nil {
			b.Fatal(err)
		}
		body := ex.Responses["200"].Body
		if v, ok := body["value"].([]any); ok {
			return v[0].(map[string]any)
		}
		return body
	}
	cluster := tmpl("armapi-containerservice-2026-05-01-ManagedClustersGet.json")
	registry := tmpl("armapi-containerregistry-2025-11-01-RegistryGet.json")
	nsg := tmpl("armapi-network-2025-05-01-NetworkSecurityGroupGet.json")
	setting := tmpl("armapi-insights-2021-05-01-preview-listDiagnosticSettings.json")
	settingRaw, _ := json.Marshal(setting)

	ids := make([]string, subs)
	for i := range ids {
		ids[i] = benchSub(i)
	}
	snap := azuretest.NewSnapshot(ids...)
	dir := b.TempDir()
	for i, sub := range ids {
		var resources, settings []json.RawMessage
		for j := range perSub {
			rg := fmt.Sprintf("/subscriptions/%s/resourceGroups/rg%d", sub, j%10)
			add := func(m map[string]any, typ, name string) string {
				id := fmt.Sprintf("%s/providers/%s/%s", rg, typ, name)
				raw := rewrite(b, m, id, name)
				if _, err := snap.Add(raw); err != nil {
					b.Fatal(err)
				}
				resources = append(resources, raw)
				return id
			}
			c := add(cluster, "Microsoft.ContainerService/managedClusters", fmt.Sprintf("aks-%d-%d", i, j))
			r := add(registry, "Microsoft.ContainerRegistry/registries", fmt.Sprintf("acr%dx%d", i, j))
			add(nsg, "Microsoft.Network/networkSecurityGroups", fmt.Sprintf("nsg-%d-%d", i, j))
			for _, target := range []string{c, r} {
				if j%4 == 3 {
					continue // a quarter have no setting: both verdicts occur
				}
				s := azuretest.SettingFor(settingRaw, target, "audit")
				if _, err := snap.Add(s); err != nil {
					b.Fatal(err)
				}
				settings = append(settings, s)
			}
		}
		writeList(b, filepath.Join(dir, fmt.Sprintf("resources-%02d.json", i)), resources)
		writeList(b, filepath.Join(dir, fmt.Sprintf("settings-%02d.json", i)), settings)
	}
	return snap, dir
}

// rewrite gives a template resource its ID and name, and moves every other
// ID it holds into the same resource group.
func rewrite(b *testing.B, m map[string]any, id, name string) json.RawMessage {
	b.Helper()
	raw, _ := json.Marshal(m)
	old, _ := m["id"].(string)
	s := strings.ReplaceAll(string(raw), old, id)
	// Each cluster has its own identity, as AKS-IAM-06 wants: the template's
	// one client ID shared by 10,000 clusters would make every finding list
	// all the others.
	s = strings.ReplaceAll(s, `"clientid"`, `"client-`+name+`"`)
	var out map[string]any
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		b.Fatal(err)
	}
	out["id"], out["name"] = id, name
	raw, _ = json.Marshal(out)
	return raw
}

func writeList(b *testing.B, file string, rows []json.RawMessage) {
	b.Helper()
	var buf bytes.Buffer
	buf.WriteString(`{"value": [`)
	for i, r := range rows {
		if i > 0 {
			buf.WriteString(",\n")
		}
		buf.Write(r)
	}
	buf.WriteString("]}\n")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
}

// sampleHeap records the largest HeapInuse until stop is called.
func sampleHeap(peak *uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > *peak {
				*peak = m.HeapInuse
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}
