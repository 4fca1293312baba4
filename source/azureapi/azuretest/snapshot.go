// Package azuretest serves a fake Azure on loopback, for tests of the live
// reader: an HTTPS server that answers Azure Resource Graph queries and ARM
// diagnostic settings reads from a Snapshot, with faults a test injects
// (denials, throttling, server errors, hangs). The reader under test runs
// its real SDK clients against it, pointed there by Server.Config.
package azuretest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Snapshot is the Azure a Server serves.
type Snapshot struct {
	// Subscriptions are the subscriptions that exist, by ID.
	Subscriptions []string
	// Tables holds the rows of each Resource Graph table ("resources",
	// "authorizationresources", "securityresources"), without the columns
	// Resource Graph adds (subscriptionId, resourceGroup): the server adds
	// them.
	Tables map[string][]json.RawMessage
	// Settings maps a resource ID (lower-case) to its diagnostic settings.
	Settings map[string][]json.RawMessage

	ids map[string]bool // lower-case IDs of the resources, for renaming
}

// NewSnapshot returns an empty snapshot of the given subscriptions.
func NewSnapshot(subs ...string) *Snapshot {
	return &Snapshot{
		Subscriptions: subs,
		Tables:        map[string][]json.RawMessage{},
		Settings:      map[string][]json.RawMessage{},
		ids:           map[string]bool{},
	}
}

// TableOf returns the Resource Graph table a resource type lives in.
func TableOf(typ string) string {
	switch t := strings.ToLower(typ); {
	case strings.HasPrefix(t, "microsoft.authorization/role"):
		return "authorizationresources"
	case strings.HasPrefix(t, "microsoft.security/"):
		return "securityresources"
	}
	return "resources"
}

// Add adds a resource as Azure returns it: a diagnostic setting goes to the
// settings of the resource its ID is attached to, anything else to its
// table. A resource whose ID is taken is renamed (a suffix on its name),
// since examples often reuse one ID. It returns the ID the resource got.
func (s *Snapshot) Add(raw json.RawMessage) (string, error) {
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		return "", fmt.Errorf("azuretest: resource is not a JSON object: %w", err)
	}
	id, _ := m["id"].(string)
	typ, _ := m["type"].(string)
	if id == "" || typ == "" {
		return "", fmt.Errorf("azuretest: resource needs an id and a type")
	}
	if strings.EqualFold(typ, "Microsoft.Insights/diagnosticSettings") {
		target := strings.ToLower(id[:strings.LastIndex(strings.ToLower(id), "/providers/")])
		s.Settings[target] = append(s.Settings[target], raw)
		return id, nil
	}
	if s.ids[strings.ToLower(id)] {
		base, name := id, m["name"]
		for n := 2; s.ids[strings.ToLower(id)]; n++ {
			id = fmt.Sprintf("%s-%d", base, n)
			name = id[strings.LastIndex(id, "/")+1:]
		}
		m["id"], m["name"] = id, name
		var err error
		if raw, err = json.Marshal(m); err != nil {
			return "", err
		}
	}
	s.ids[strings.ToLower(id)] = true
	t := TableOf(typ)
	s.Tables[t] = append(s.Tables[t], raw)
	return id, nil
}

// FromCorpus builds a snapshot from REST API reference example files (the
// body of each file's 200 response, else its first 2xx body; a list body
// gives each of its values): every resource is placed in each of subs, its
// subscription ID rewritten, and every cluster and registry but every third
// gets a diagnostic setting made from the corpus's own, so that the log
// rules see both. Resources without a type (child examples) are skipped.
func FromCorpus(dir string, subs ...string) (*Snapshot, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var bodies []json.RawMessage
	var setting json.RawMessage
	for _, f := range files {
		rs, err := exampleResources(f)
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			var h struct{ ID, Type string }
			if json.Unmarshal(r, &h) != nil || h.Type == "" || h.ID == "" {
				continue
			}
			if strings.EqualFold(h.Type, "Microsoft.Insights/diagnosticSettings") {
				if setting == nil {
					setting = r
				}
				continue
			}
			bodies = append(bodies, r)
		}
	}
	s := NewSnapshot(subs...)
	for _, sub := range subs {
		n := 0
		for _, b := range bodies {
			id, err := s.Add(json.RawMessage(rewriteSubscription(string(b), sub)))
			if err != nil {
				return nil, err
			}
			lower := strings.ToLower(id)
			attach := strings.Contains(lower, "/microsoft.containerservice/managedclusters/") ||
				strings.Contains(lower, "/microsoft.containerregistry/registries/")
			if attach && setting != nil {
				if n%3 != 2 {
					if _, err := s.Add(SettingFor(setting, id, "audit")); err != nil {
						return nil, err
					}
				}
				n++
			}
		}
	}
	return s, nil
}

// SettingFor copies a diagnostic setting onto the resource target.
func SettingFor(setting json.RawMessage, target, name string) json.RawMessage {
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(setting))
	dec.UseNumber()
	if dec.Decode(&m) != nil {
		return setting
	}
	m["id"] = target + "/providers/Microsoft.Insights/diagnosticSettings/" + name
	m["name"] = name
	out, _ := json.Marshal(m)
	return out
}

// rewriteSubscription moves every ID in a resource to subscription sub.
func rewriteSubscription(s, sub string) string {
	var b strings.Builder
	const seg = "/subscriptions/"
	for {
		i := strings.Index(strings.ToLower(s), seg)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i+len(seg)])
		s = s[i+len(seg):]
		end := strings.IndexAny(s, `/"`)
		if end < 0 {
			end = len(s)
		}
		b.WriteString(sub)
		s = s[end:]
	}
}

// exampleResources returns the resources of an example file's response.
func exampleResources(file string) ([]json.RawMessage, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var ex struct {
		Responses map[string]struct {
			Body json.RawMessage `json:"body"`
		} `json:"responses"`
	}
	if err := json.Unmarshal(data, &ex); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	code := ""
	for c, r := range ex.Responses {
		if r.Body == nil || !strings.HasPrefix(c, "2") {
			continue
		}
		if code == "" || c == "200" || (code != "200" && c < code) {
			code = c
		}
	}
	if code == "" {
		return nil, nil
	}
	body := ex.Responses[code].Body
	var list struct {
		Value []json.RawMessage `json:"value"`
	}
	if json.Unmarshal(body, &list) == nil && list.Value != nil {
		return list.Value, nil
	}
	return []json.RawMessage{body}, nil
}
