package azuretest

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	azfake "github.com/Azure/azure-sdk-for-go/sdk/azcore/fake"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/aksguard/aksguard/source/azureapi"
)

// Request is what the server was asked, as a Fault sees it.
type Request struct {
	// Kind is "graph" (a Resource Graph query) or "settings" (an ARM list
	// of a resource's diagnostic settings).
	Kind string
	// Table is the Resource Graph table queried; Subscriptions the scope.
	Table         string
	Subscriptions []string
	// Page counts the pages of one query from 1; SkipToken is the token sent.
	Page      int
	SkipToken string
	// Resource is the resource whose diagnostic settings are read.
	Resource string
}

// Response is what a Fault answers instead of the snapshot.
type Response struct {
	Status int
	Header map[string]string
	// Code and Message make the ARM error body {"error": {...}}.
	Code, Message string
	// Hang holds the request until the client gives up.
	Hang bool
}

// Entry is one request the server answered.
type Entry struct {
	At     time.Time
	Req    Request
	Status int
}

// Server is a fake Azure over HTTPS on loopback.
type Server struct {
	*httptest.Server
	snap *Snapshot
	// Fault, when set, is asked first about every request; a non-nil
	// Response is answered instead of the snapshot. It may be called
	// concurrently.
	Fault func(Request) *Response

	mu      sync.Mutex
	log     []Entry
	results map[string][]json.RawMessage // rows by query and scope

	indexOnce sync.Once
	tables    map[string][]row
}

// NewServer starts a server serving snap; Close stops it.
func NewServer(snap *Snapshot) *Server {
	s := &Server{snap: snap}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	// Connections the client drops (timeouts, Close) are expected here.
	s.Server.Config.ErrorLog = log.New(io.Discard, "", 0)
	s.Server.StartTLS()
	return s
}

// Close stops the server, ending the requests it holds first.
func (s *Server) Close() {
	s.Server.CloseClientConnections()
	s.Server.Close()
}

// Config returns a reader configuration pointed at the server: its cloud
// endpoint, a transport that trusts its certificate, a fake credential and
// retries fast enough for tests (RetryDelay 1ms) that still honour
// Retry-After.
func (s *Server) Config() azureapi.Config {
	retry := azureapi.DefaultRetry
	retry.RetryDelay = time.Millisecond
	retry.MaxRetryDelay = 5 * time.Second
	retry.TryTimeout = 0
	return azureapi.Config{
		Credential: &azfake.TokenCredential{},
		Cloud: cloud.Configuration{
			ActiveDirectoryAuthorityHost: s.URL + "/",
			Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
				cloud.ResourceManager: {Endpoint: s.URL, Audience: "https://management.azure.com"},
			},
		},
		Retry:     retry,
		Transport: s.Client(),
	}
}

var _ policy.Transporter = (*http.Client)(nil) // Config's transport

// Requests returns the requests answered so far, in order.
func (s *Server) Requests() []Entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Entry(nil), s.log...)
}

func (s *Server) record(req Request, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = append(s.log, Entry{At: time.Now(), Req: req, Status: status})
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
		writeError(w, http.StatusUnauthorized, "AuthenticationFailed", "no bearer token")
		return
	}
	switch {
	case r.Method == http.MethodPost && strings.EqualFold(r.URL.Path, "/providers/Microsoft.ResourceGraph/resources"):
		s.graph(w, r)
	case r.Method == http.MethodGet && strings.HasSuffix(strings.ToLower(r.URL.Path), "/providers/microsoft.insights/diagnosticsettings"):
		s.settings(w, r)
	default:
		writeError(w, http.StatusNotFound, "NoRoute", fmt.Sprintf("the fake serves no %s %s", r.Method, r.URL.Path))
	}
}

// fault answers the request from Fault when it says so.
func (s *Server) fault(w http.ResponseWriter, r *http.Request, req Request) bool {
	if s.Fault == nil {
		return false
	}
	resp := s.Fault(req)
	if resp == nil {
		return false
	}
	if resp.Hang {
		s.record(req, 0)
		<-r.Context().Done()
		// End without a response, as a dead server does; returning would
		// send an empty 200 that a client racing its own time-out may read.
		panic(http.ErrAbortHandler)
	}
	for k, v := range resp.Header {
		w.Header().Set(k, v)
	}
	writeError(w, resp.Status, resp.Code, resp.Message)
	s.record(req, resp.Status)
	return true
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	if code != "" {
		w.Header().Set("x-ms-error-code", code)
	}
	w.WriteHeader(status)
	body, _ := json.Marshal(map[string]any{"error": map[string]string{"code": code, "message": msg}})
	w.Write(body)
}

// graphRequest is the body of a Resource Graph query.
type graphRequest struct {
	Query         string   `json:"query"`
	Subscriptions []string `json:"subscriptions"`
	Options       struct {
		Top          *int   `json:"$top"`
		Skip         *int   `json:"$skip"`
		SkipToken    string `json:"$skipToken"`
		ResultFormat string `json:"resultFormat"`
	} `json:"options"`
}

func (s *Server) graph(w http.ResponseWriter, r *http.Request) {
	var q graphRequest
	if err := json.NewDecoder(r.Body).Decode(&q); err != nil {
		writeError(w, http.StatusBadRequest, "BadRequest", err.Error())
		return
	}
	k, err := parseKQL(q.Query)
	req := Request{Kind: "graph", Table: k.table, Subscriptions: q.Subscriptions, SkipToken: q.Options.SkipToken, Page: 1}
	// A skip token is bound to the query and scope that made it: asking
	// with another is an error, as in Azure.
	offset := 0
	if t := q.Options.SkipToken; t != "" {
		off, page, bind, ok := parseToken(t)
		if !ok || bind != binding(q) {
			s.record(req, http.StatusBadRequest)
			writeError(w, http.StatusBadRequest, "InvalidSkipToken", "the skip token does not belong to this query and scope")
			return
		}
		offset, req.Page = off, page
	}
	if s.fault(w, r, req) {
		return
	}
	if err != nil {
		s.record(req, http.StatusBadRequest)
		writeError(w, http.StatusBadRequest, "InvalidQuery", err.Error())
		return
	}
	rows := s.rows(k, q.Subscriptions, binding(q))
	top := 1000
	if q.Options.Top != nil && *q.Options.Top > 0 && *q.Options.Top < top {
		top = *q.Options.Top
	}
	end := min(offset+top, len(rows))
	out := map[string]any{
		"totalRecords": len(rows), "count": end - offset, "data": rows[offset:end],
		"facets": []any{}, "resultTruncated": "false",
	}
	if end < len(rows) {
		out["$skipToken"] = fmt.Sprintf("%d.%d.%s", end, req.Page+1, binding(q))
	}
	body, _ := json.Marshal(out)
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
	s.record(req, http.StatusOK)
}

// binding ties a skip token to the query and scope.
func binding(q graphRequest) string {
	h := sha256.Sum256([]byte(q.Query + "\x00" + strings.ToLower(strings.Join(q.Subscriptions, ","))))
	return fmt.Sprintf("%x", h[:6])
}

func parseToken(t string) (offset, page int, bind string, ok bool) {
	parts := strings.SplitN(t, ".", 3)
	if len(parts) != 3 {
		return 0, 0, "", false
	}
	o, err1 := strconv.Atoi(parts[0])
	p, err2 := strconv.Atoi(parts[1])
	return o, p, parts[2], err1 == nil && err2 == nil
}

// row is a table row with the columns a query compares, and its bytes with
// the columns Resource Graph adds.
type row struct {
	cols map[string]string
	id   string // lower-case, the sort key
	raw  json.RawMessage
}

// index builds the rows of every table once: large snapshots would
// otherwise be decoded again for every page.
func (s *Server) index() map[string][]row {
	s.indexOnce.Do(func() {
		s.tables = map[string][]row{}
		add := func(table string, raws []json.RawMessage) {
			for _, raw := range raws {
				var h struct{ ID, Name, Type string }
				json.Unmarshal(raw, &h)
				sub, group := segment(h.ID, "subscriptions"), segment(h.ID, "resourcegroups")
				s.tables[table] = append(s.tables[table], row{
					cols: map[string]string{"id": h.ID, "name": h.Name, "type": h.Type, "subscriptionid": sub, "resourcegroup": group},
					id:   strings.ToLower(h.ID),
					raw:  withColumns(raw, sub, group),
				})
			}
		}
		for t, raws := range s.snap.Tables {
			add(t, raws)
		}
		add("resourcecontainers", s.containers())
		for t := range s.tables {
			rs := s.tables[t]
			sort.SliceStable(rs, func(i, j int) bool { return rs[i].id < rs[j].id })
		}
	})
	return s.tables
}

// rows returns the table's rows that the query keeps, in the scope, ordered
// by ID; the result of a query and scope is kept for its later pages.
func (s *Server) rows(k kql, subs []string, bind string) []json.RawMessage {
	s.mu.Lock()
	if rs, ok := s.results[bind]; ok {
		s.mu.Unlock()
		return rs
	}
	s.mu.Unlock()
	scope := map[string]bool{}
	for _, sub := range subs {
		scope[strings.ToLower(sub)] = true
	}
	var out []json.RawMessage
	for _, r := range s.index()[k.table] {
		if len(subs) > 0 && !scope[strings.ToLower(r.cols["subscriptionid"])] {
			continue
		}
		if k.keep(r.cols) {
			out = append(out, r.raw)
		}
	}
	s.mu.Lock()
	if s.results == nil {
		s.results = map[string][]json.RawMessage{}
	}
	s.results[bind] = out
	s.mu.Unlock()
	return out
}

// containers are the rows of resourcecontainers: subscriptions and the
// resource groups the resources are in.
func (s *Server) containers() []json.RawMessage {
	var out []json.RawMessage
	groups := map[string]bool{}
	for _, sub := range s.snap.Subscriptions {
		row, _ := json.Marshal(map[string]any{"id": "/subscriptions/" + sub, "name": "subscription " + sub,
			"type": "microsoft.resources/subscriptions", "properties": map[string]string{"state": "Enabled"}})
		out = append(out, row)
	}
	for _, rows := range s.snap.Tables {
		for _, raw := range rows {
			var h struct{ ID string }
			json.Unmarshal(raw, &h)
			sub, g := segment(h.ID, "subscriptions"), segment(h.ID, "resourcegroups")
			key := strings.ToLower(sub + "/" + g)
			if g == "" || groups[key] {
				continue
			}
			groups[key] = true
			row, _ := json.Marshal(map[string]any{"id": "/subscriptions/" + sub + "/resourceGroups/" + g, "name": g,
				"type": "microsoft.resources/subscriptions/resourcegroups"})
			out = append(out, row)
		}
	}
	return out
}

// withColumns adds subscriptionId and resourceGroup to a row, as Resource
// Graph does, keeping the row's own bytes.
func withColumns(raw json.RawMessage, sub, group string) json.RawMessage {
	raw = bytes.TrimSpace(raw)
	if len(raw) < 2 || raw[len(raw)-1] != '}' {
		return raw
	}
	extra, _ := json.Marshal(map[string]string{"subscriptionId": sub, "resourceGroup": strings.ToLower(group)})
	out := append([]byte{}, raw[:len(raw)-1]...)
	if len(bytes.TrimSpace(raw[1:len(raw)-1])) > 0 {
		out = append(out, ',')
	}
	return append(out, extra[1:]...)
}

// segment returns the value after a segment of an ARM ID ("subscriptions").
func segment(id, name string) string {
	parts := strings.Split(strings.Trim(id, "/"), "/")
	for i := 0; i+1 < len(parts); i++ {
		if strings.EqualFold(parts[i], name) {
			return parts[i+1]
		}
	}
	return ""
}

func (s *Server) settings(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	target := path[:len(path)-len("/providers/microsoft.insights/diagnosticSettings")]
	req := Request{Kind: "settings", Resource: target}
	if s.fault(w, r, req) {
		return
	}
	if !s.exists(target) {
		s.record(req, http.StatusNotFound)
		writeError(w, http.StatusNotFound, "ResourceNotFound", fmt.Sprintf("The Resource '%s' was not found.", target))
		return
	}
	rows := s.snap.Settings[strings.ToLower(target)]
	if rows == nil {
		rows = []json.RawMessage{}
	}
	body, _ := json.Marshal(map[string]any{"value": rows})
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
	s.record(req, http.StatusOK)
}

func (s *Server) exists(id string) bool {
	return s.snap.ids[strings.ToLower(id)]
}
