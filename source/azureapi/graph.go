package azureapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/resourcegraph/armresourcegraph"
)

// MaxPageSize is the most rows Resource Graph returns in one page.
const MaxPageSize = 1000

// maxSubscriptionsPerQuery is the most subscriptions one Resource Graph
// request may name; larger scopes are queried in batches.
const maxSubscriptionsPerQuery = 1000

// graphQuery is one Resource Graph query over a scope.
type graphQuery struct {
	// what names the data in diagnostics ("role assignments").
	what string
	// permission is what the identity needs to read it.
	permission string
	text       string
	subs       []string // nil: every subscription the identity can read
	// above asks for authorization resources at and above the scope too
	// (management groups, the tenant root), which cover the subscriptions.
	above bool
}

// query runs q page by page: the same query and scope each time, with the
// skip token of the previous page, until Resource Graph gives none. page is
// called with the raw rows of each page; it may keep them. The rows come
// from the response body captured from the SDK's pipeline, not from the
// SDK's decoded Data, so no number or member is altered on the way.
func (s *scan) query(ctx context.Context, q graphQuery, page func(rows []json.RawMessage)) (rows int, err error) {
	req := armresourcegraph.QueryRequest{
		Query:         to.Ptr(q.text),
		Subscriptions: to.SliceOfPtrs(q.subs...),
		Options: &armresourcegraph.QueryRequestOptions{
			ResultFormat: to.Ptr(armresourcegraph.ResultFormatObjectArray),
			Top:          to.Ptr(int32(s.o.PageSize)),
		},
	}
	if len(q.subs) == 0 {
		req.Subscriptions = nil
	}
	if q.above {
		req.Options.AuthorizationScopeFilter = to.Ptr(armresourcegraph.AuthorizationScopeFilterAtScopeAboveAndBelow)
	}
	for {
		data, token, truncated, err := s.graphPage(ctx, req)
		if err != nil {
			return rows, err
		}
		rows += len(data)
		s.count(func(st *Stats) { st.Pages++ })
		page(data)
		if token == "" {
			if truncated {
				s.warnf("azure", "Resource Graph truncated the result of the %s query without a skip token; "+
					"what it left out is not audited", q.what)
			}
			return rows, nil
		}
		req.Options.SkipToken = to.Ptr(token)
	}
}

// graphPage runs one page of a query within the call timeout.
func (s *scan) graphPage(ctx context.Context, req armresourcegraph.QueryRequest) (rows []json.RawMessage, token string, truncated bool, err error) {
	call, cancel := context.WithTimeout(ctx, s.o.CallTimeout)
	defer cancel()
	var raw *http.Response
	resp, err := s.r.graph.Resources(policy.WithCaptureResponse(call, &raw), req, nil)
	if err != nil {
		return nil, "", false, timedOut(call, ctx, err)
	}
	body, err := runtime.Payload(raw)
	if err != nil {
		return nil, "", false, fmt.Errorf("read Resource Graph response: %w", err)
	}
	var page struct {
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		return nil, "", false, fmt.Errorf("decode Resource Graph response: %w", err)
	}
	if d := strings.TrimSpace(string(page.Data)); d != "" && d != "null" {
		if err := json.Unmarshal(page.Data, &rows); err != nil {
			return nil, "", false, fmt.Errorf("decode Resource Graph rows (want an array of objects): %w", err)
		}
	}
	if resp.SkipToken != nil {
		token = *resp.SkipToken
	}
	truncated = resp.ResultTruncated != nil && *resp.ResultTruncated == armresourcegraph.ResultTruncatedTrue
	return rows, token, truncated, nil
}

// batches splits subscriptions into groups one request may name.
func batches(subs []string) [][]string {
	var out [][]string
	for len(subs) > maxSubscriptionsPerQuery {
		out = append(out, subs[:maxSubscriptionsPerQuery])
		subs = subs[maxSubscriptionsPerQuery:]
	}
	if len(subs) > 0 {
		out = append(out, subs)
	}
	return out
}

// kqlList renders strings as a KQL list: ('a', 'b').
func kqlList(vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = kqlString(v)
	}
	return "(" + strings.Join(q, ", ") + ")"
}

// kqlString quotes s as a KQL string literal.
func kqlString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`)
	return "'" + r.Replace(s) + "'"
}
