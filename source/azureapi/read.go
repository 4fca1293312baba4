package azureapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/armjson"
)

// Defaults of Options.
const (
	// DefaultConcurrency bounds the ARM reads in flight. ARM refills each
	// identity's read budget per subscription at about 25 requests a
	// second; eight calls in flight stay under it at typical latencies,
	// and the 429s beyond it are waited out as Retry-After says.
	DefaultConcurrency = 8
	// DefaultCallTimeout bounds one call, its retries and their waits.
	DefaultCallTimeout = 5 * time.Minute
)

// Options say what a scan reads.
type Options struct {
	// Subscriptions are the IDs of the subscriptions to read.
	Subscriptions []string
	// AllSubscriptions reads every subscription the identity can read
	// (Subscriptions is then ignored).
	AllSubscriptions bool
	// ResourceGroups, when set, narrows the audited resources (clusters,
	// registries, key vaults, workspaces, application gateways, storage
	// accounts) to these groups; networks, NSGs, route tables, firewalls
	// and locks are read from the whole subscription for the joins.
	ResourceGroups []string
	// Clusters, when set, reads only the clusters of these names.
	Clusters []string
	// Concurrency bounds the ARM reads in flight; 0 means DefaultConcurrency.
	Concurrency int
	// CallTimeout bounds each call, retries included; 0 means
	// DefaultCallTimeout.
	CallTimeout time.Duration
	// PageSize is the rows asked of each Resource Graph page; 0 means
	// MaxPageSize.
	PageSize int
	// ExportDir, when set, is a new or empty directory where the snapshot
	// is written as Azure resource JSON that `aksguard scan DIR` reads.
	ExportDir string
	// Progress, when set, is told how far the scan has come.
	Progress func(Progress)
	// Now stamps the export; nil means time.Now.
	Now func() time.Time
}

func (o Options) withDefaults() Options {
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.CallTimeout <= 0 {
		o.CallTimeout = DefaultCallTimeout
	}
	if o.PageSize <= 0 || o.PageSize > MaxPageSize {
		o.PageSize = MaxPageSize
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Result is what a scan read: the estate, a diagnostic for everything that
// could not be read, and the counts.
type Result struct {
	Estate      *estate.Estate
	Diagnostics source.Diagnostics
	Stats       Stats
}

// Read reads the estate in scope. Whatever can be read is: a subscription
// or resource the identity may not read, or that fails after retries, is a
// diagnostic, and the rest goes on. Read returns an error only when it
// cannot start (no subscription given, credentials that fail, Resource
// Graph out of reach, an export directory that is not empty) or when ctx
// ends.
func (r *Reader) Read(ctx context.Context, opts Options) (*Result, error) {
	o := opts.withDefaults()
	if !o.AllSubscriptions && len(o.Subscriptions) == 0 {
		return nil, errors.New("no subscription to read: give subscription IDs or ask for all subscriptions")
	}
	s := &scan{r: r, o: o, stats: Stats{Resources: map[string]int{}}}
	if o.ExportDir != "" {
		x, err := newExporter(o.ExportDir)
		if err != nil {
			return nil, err
		}
		s.export = x
	}
	s.progress(func(p *Progress) { p.Phase = "subscriptions" })
	subs, err := s.subscriptions(ctx)
	if err != nil {
		return nil, err
	}
	s.progress(func(p *Progress) { p.Phase, p.Subscriptions = "inventory", len(subs) })
	for _, batch := range batches(subs) {
		s.inventory(ctx, batch)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		s.progress(func(p *Progress) { p.SubscriptionsRead += len(batch) })
	}
	s.checkClusters()
	if err := s.readSettings(ctx); err != nil {
		return nil, err
	}
	s.export.readme(o, s.stats, o.Now())
	if s.export != nil && s.export.err != nil {
		s.errorf("azure", "%v", s.export.err)
	}
	s.progress(func(p *Progress) { p.Phase = "done" })
	return &Result{Estate: estate.Merge(s.parts...), Diagnostics: s.diags, Stats: s.stats}, nil
}

// scan is the state of one Read.
type scan struct {
	r      *Reader
	o      Options
	export *exporter

	mu       sync.Mutex // guards what follows
	diags    source.Diagnostics
	stats    Stats
	prog     Progress
	parts    []*estate.Estate
	targets  []string        // resources whose diagnostic settings are read
	clusters map[string]bool // lower-case names of the clusters read
}

func (s *scan) progress(f func(*Progress)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(&s.prog)
	if s.o.Progress != nil {
		s.o.Progress(s.prog)
	}
}

func (s *scan) count(f func(*Stats)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(&s.stats)
}

// input names a live resource or scope in diagnostics.
func input(id string) string {
	if id == "azure" {
		return id
	}
	return "azure:" + id
}

func (s *scan) errorf(id, format string, a ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.diags = append(s.diags, source.Errorf(input(id), 0, format, a...))
}

func (s *scan) warnf(id, format string, a ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.diags = append(s.diags, source.Warnf(input(id), 0, format, a...))
}

// adapt parses raw rows and adapts them with the adapter of exported files,
// so that the live scan and the scan of its export agree by construction.
// It returns the parsed rows.
func (s *scan) adapt(kind string, rows []json.RawMessage) []*armjson.Node {
	rs := make([]armjson.Resource, 0, len(rows))
	nodes := make([]*armjson.Node, 0, len(rows))
	for _, row := range rows {
		n, err := armjson.Parse(row)
		if err != nil {
			s.errorf("azure", "Azure returned a %s row that is not JSON: %v", kind, err)
			continue
		}
		rs = append(rs, armjson.Resource{Node: n, Source: estate.SourceAzure})
		nodes = append(nodes, n)
	}
	s.adaptNodes(rs)
	s.export.write(kind, rows)
	return nodes
}

func (s *scan) adaptNodes(rs []armjson.Resource) {
	res := armjson.Adapt(rs)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.parts = append(s.parts, res.Estate)
	s.diags = append(s.diags, res.Diagnostics...)
}

// placeholderName names the resources a scan stands in for what it could
// not read: they have no properties, so every setting of theirs is unknown.
const placeholderName = "not-read-by-aksguard"

// unread stands in for an extension resource of one subscription that could
// not be read (see standIn).
func (s *scan) unread(kind, id, typ, reason string) {
	node, raw := standIn(id, typ, reason)
	s.adaptNodes([]armjson.Resource{node})
	s.export.write(kind, []json.RawMessage{raw})
}

// standIn is a resource standing in for one that could not be read. Live,
// it is the resource with properties unknown for the reason given;
// exported, the same resource without properties, which the file reader
// also takes for unknown settings. Either way, the verdicts that depend on
// it are unknown, never passed or failed for want of it.
func standIn(id, typ, reason string) (armjson.Resource, json.RawMessage) {
	name := id[strings.LastIndex(id, "/")+1:]
	n := &armjson.Node{Kind: armjson.Object, Fields: []armjson.Field{
		{Key: "id", Value: &armjson.Node{Kind: armjson.String, Str: id}},
		{Key: "name", Value: &armjson.Node{Kind: armjson.String, Str: name}},
		{Key: "type", Value: &armjson.Node{Kind: armjson.String, Str: typ}},
		{Key: "properties", Value: armjson.UnknownNode(0, reason)},
	}}
	raw, _ := json.Marshal(struct {
		ID   string `json:"id"`
		Name string `json:"name"`
		Type string `json:"type"`
	}{id, name, typ})
	return armjson.Resource{Node: n, Source: estate.SourceAzure}, raw
}

// checkClusters reports the clusters asked for by name that no subscription
// in scope holds.
func (s *scan) checkClusters() {
	for _, c := range s.o.Clusters {
		if !s.clusters[strings.ToLower(c)] {
			s.errorf("azure", "cluster %q: not found in the %d subscription(s) read%s", c, len(s.stats.Subscriptions), groupsNote(s.o.ResourceGroups))
		}
	}
}

func groupsNote(groups []string) string {
	if len(groups) == 0 {
		return ""
	}
	return fmt.Sprintf(" (resource groups %s)", strings.Join(groups, ", "))
}
