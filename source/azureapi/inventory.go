package azureapi

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/source/armjson"
)

// subscriptions returns the subscriptions in scope that the identity can
// read. A subscription given but not returned by Resource Graph is an error
// diagnostic (it does not exist, or the identity may not read it). Failing
// to list at all is fatal: nothing else could be read either.
func (s *scan) subscriptions(ctx context.Context) ([]string, error) {
	q := graphQuery{
		what:       "subscriptions",
		permission: "Microsoft.Resources/subscriptions/read",
		text:       subscriptionsQuery(s.o.ResourceGroups),
	}
	found := map[string]string{} // lower-case ID → ID as Azure spells it
	var order []string
	groups := map[string]bool{}
	collect := func(rows []json.RawMessage) {
		for _, row := range rows {
			var c struct {
				Type           string `json:"type"`
				Name           string `json:"name"`
				SubscriptionID string `json:"subscriptionId"`
			}
			if json.Unmarshal(row, &c) != nil || c.SubscriptionID == "" {
				continue
			}
			switch strings.ToLower(c.Type) {
			case typeSub:
				if _, ok := found[strings.ToLower(c.SubscriptionID)]; !ok {
					order = append(order, c.SubscriptionID)
				}
				found[strings.ToLower(c.SubscriptionID)] = c.SubscriptionID
			case typeGroup:
				groups[strings.ToLower(c.Name)] = true
			}
		}
	}
	if s.o.AllSubscriptions {
		if _, err := s.query(ctx, q, collect); err != nil {
			return nil, s.fatal(ctx, "list the subscriptions", q, err)
		}
	} else {
		for _, batch := range batches(dedupe(s.o.Subscriptions)) {
			if err := s.eachSubscription(ctx, q, batch, collect); err != nil {
				return nil, err
			}
		}
	}
	var subs []string
	if s.o.AllSubscriptions {
		subs = order
	} else {
		for _, id := range dedupe(s.o.Subscriptions) {
			if canon, ok := found[strings.ToLower(id)]; ok {
				subs = append(subs, canon)
				continue
			}
			if !s.failed(id) {
				s.failSubscription(id, "not found, or the identity may not read it: it needs "+
					"Microsoft.Resources/subscriptions/read there (the Reader role, or the role in docs/azure-reader-role.json)")
			}
		}
	}
	if s.o.AllSubscriptions && len(subs) == 0 {
		s.errorf("azure", "the identity can read no subscription in its tenant: grant it the Reader role "+
			"(or the role in docs/azure-reader-role.json) on the subscriptions to scan")
	}
	for _, g := range s.o.ResourceGroups {
		if len(subs) > 0 && !groups[strings.ToLower(g)] {
			s.errorf("azure", "resource group %q: not found in the %d subscription(s) read", g, len(subs))
		}
	}
	s.count(func(st *Stats) { st.Subscriptions = subs })
	return subs, nil
}

// eachSubscription runs the subscriptions query over a batch; when Resource
// Graph denies the batch, it asks subscription by subscription, so that one
// subscription the identity may not read does not hide the others.
func (s *scan) eachSubscription(ctx context.Context, q graphQuery, batch []string, collect func([]json.RawMessage)) error {
	q.subs = batch
	_, err := s.query(ctx, q, collect)
	if err == nil {
		return nil
	}
	f := describe(err, q.permission, s.o.CallTimeout)
	if !f.forbidden() || ctx.Err() != nil {
		return s.fatal(ctx, "read the subscriptions", q, err)
	}
	if len(batch) == 1 {
		s.failSubscription(batch[0], f.String())
		return nil
	}
	for _, sub := range batch {
		if err := s.eachSubscription(ctx, q, []string{sub}, collect); err != nil {
			return err
		}
	}
	return nil
}

// fatal wraps an error that ends the scan.
func (s *scan) fatal(ctx context.Context, doing string, q graphQuery, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return fmt.Errorf("%s through Azure Resource Graph: %s", doing, describe(err, q.permission, s.o.CallTimeout))
}

func (s *scan) failSubscription(id, reason string) {
	s.errorf("/subscriptions/"+id, "subscription %s could not be read: %s; nothing in it is audited", id, reason)
	s.count(func(st *Stats) { st.FailedSubscriptions = append(st.FailedSubscriptions, id) })
}

func (s *scan) failed(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.stats.FailedSubscriptions {
		if strings.EqualFold(f, id) {
			return true
		}
	}
	return false
}

// table is one of the inventory queries.
type table struct {
	q    graphQuery
	kind string // the export file kind
	// unread stands in for what a subscription's query could not read, so
	// that the verdicts depending on it are unknown; nil when nothing
	// depends on it outside the subscription's own resources.
	unread func(s *scan, sub, reason string)
}

// tables are the inventory queries, in the order they run.
func (s *scan) tables() []table {
	return []table{
		{
			q: graphQuery{what: "resources", permission: "Microsoft.ResourceGraph/resources/read and */read on the subscription",
				text: resourcesQuery(s.o.ResourceGroups, s.o.Clusters)},
			kind: "resources",
		},
		{
			q: graphQuery{what: "role assignments and definitions", permission: "Microsoft.Authorization/roleAssignments/read",
				text: authorizationQuery(), above: true},
			kind: "authorization",
			unread: func(s *scan, sub, reason string) {
				s.unread("authorization", "/subscriptions/"+sub+"/providers/Microsoft.Authorization/roleAssignments/"+placeholderName,
					"Microsoft.Authorization/roleAssignments", reason)
			},
		},
		{
			q: graphQuery{what: "Defender for Cloud pricings", permission: "Microsoft.Security/pricings/read",
				text: securityQuery()},
			kind: "security",
			unread: func(s *scan, sub, reason string) {
				// The Containers plan exists in every subscription; its tier is what is unknown.
				s.unread("security", "/subscriptions/"+sub+"/providers/Microsoft.Security/pricings/Containers",
					"Microsoft.Security/pricings", reason)
			},
		},
	}
}

// inventory reads a batch of subscriptions through Resource Graph.
func (s *scan) inventory(ctx context.Context, batch []string) {
	for _, t := range s.tables() {
		s.readTable(ctx, t, batch)
		if ctx.Err() != nil {
			return
		}
	}
}

// readTable runs one inventory query over a batch. A denied batch is asked
// again subscription by subscription; what still fails is a diagnostic per
// subscription.
func (s *scan) readTable(ctx context.Context, t table, batch []string) {
	q := t.q
	q.subs = batch
	rows, err := s.query(ctx, q, func(rows []json.RawMessage) { s.inventoried(t.kind, rows) })
	if err == nil || ctx.Err() != nil {
		return
	}
	f := describe(err, q.permission, s.o.CallTimeout)
	if f.forbidden() && rows == 0 && len(batch) > 1 {
		for _, sub := range batch {
			s.readTable(ctx, t, []string{sub})
		}
		return
	}
	reason := f.String()
	if rows > 0 {
		reason = fmt.Sprintf("the query stopped after %d rows: %s", rows, reason)
	}
	for _, sub := range batch {
		s.errorf("/subscriptions/"+sub, "%s of subscription %s could not be read: %s; what depends on them is unknown", t.q.what, sub, reason)
		s.count(func(st *Stats) {
			st.Unread = append(st.Unread, Unread{ID: "/subscriptions/" + sub, What: t.q.what, Reason: reason})
		})
		if t.unread != nil {
			t.unread(s, sub, t.q.what+" could not be read: "+reason)
		}
	}
}

// inventoried adapts a page of inventory rows and notes the resources whose
// diagnostic settings must be read through ARM.
func (s *scan) inventoried(kind string, rows []json.RawMessage) {
	nodes := s.adapt(kind, rows)
	s.mu.Lock()
	for _, n := range nodes {
		id, name, typ := str(n, "id"), str(n, "name"), strings.ToLower(str(n, "type"))
		s.stats.Resources[typ]++
		if settingsTypes[typ] && id != "" {
			s.targets = append(s.targets, id)
		}
		if typ == typeCluster {
			if s.clusters == nil {
				s.clusters = map[string]bool{}
			}
			s.clusters[strings.ToLower(name)] = true
		}
	}
	s.mu.Unlock()
	s.progress(func(p *Progress) { p.Resources += len(nodes) })
}

// str returns the string member key of n, or "".
func str(n *armjson.Node, key string) string {
	if v := n.Get(key); v != nil && v.Kind == armjson.String {
		return v.Str
	}
	return ""
}

// dedupe drops repeated subscription IDs (case-insensitively), keeping the
// first spelling and the order.
func dedupe(ids []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		id = strings.TrimSpace(id)
		k := strings.ToLower(id)
		if id == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, id)
	}
	return out
}
