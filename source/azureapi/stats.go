package azureapi

import (
	"fmt"
	"sort"
	"strings"
)

// Stats says what a scan read and what it could not.
type Stats struct {
	// Subscriptions are the subscriptions whose inventory was read.
	Subscriptions []string
	// FailedSubscriptions could not be read at all.
	FailedSubscriptions []string
	// Pages counts the Resource Graph pages read.
	Pages int
	// Resources counts the inventoried resources by lower-case type.
	Resources map[string]int
	// Settings counts the resources whose diagnostic settings were read.
	Settings int
	// Unread lists what could not be read, resource by resource.
	Unread []Unread
}

// Unread is something a scan could not read.
type Unread struct {
	ID     string // the resource or subscription
	What   string // "diagnostic settings", "role assignments"
	Reason string
}

// Inventoried is the number of resources read from Resource Graph.
func (s Stats) Inventoried() int {
	n := 0
	for _, c := range s.Resources {
		n += c
	}
	return n
}

// String summarises the scan in one line for stderr.
func (s Stats) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "read %d subscription%s", len(s.Subscriptions), plural(len(s.Subscriptions)))
	if n := len(s.FailedSubscriptions); n > 0 {
		fmt.Fprintf(&b, " (%d could not be read)", n)
	}
	fmt.Fprintf(&b, ", %d resource%s", s.Inventoried(), plural(s.Inventoried()))
	if types := s.byType(); types != "" {
		fmt.Fprintf(&b, " (%s)", types)
	}
	fmt.Fprintf(&b, ", diagnostic settings of %d resource%s", s.Settings, plural(s.Settings))
	if n := len(s.Unread); n > 0 {
		fmt.Fprintf(&b, "; %d could not be read", n)
	}
	return b.String()
}

// byType lists the counts by short type name, largest first.
func (s Stats) byType() string {
	type kv struct {
		k string
		v int
	}
	var kvs []kv
	for k, v := range s.Resources {
		short := k[strings.LastIndex(k, "/")+1:]
		kvs = append(kvs, kv{short, v})
	}
	sort.Slice(kvs, func(i, j int) bool {
		if kvs[i].v != kvs[j].v {
			return kvs[i].v > kvs[j].v
		}
		return kvs[i].k < kvs[j].k
	})
	parts := make([]string, len(kvs))
	for i, e := range kvs {
		parts[i] = fmt.Sprintf("%d %s", e.v, e.k)
	}
	return strings.Join(parts, ", ")
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// Progress is how far a scan has come; Options.Progress receives it after
// every step, one call at a time.
type Progress struct {
	// Subscriptions in scope, and how many of them have their inventory read.
	Subscriptions, SubscriptionsRead int
	// Resources inventoried so far.
	Resources int
	// Settings is the number of resources whose diagnostic settings are to
	// be read through ARM, SettingsRead how many have been (or failed).
	Settings, SettingsRead int
	// Phase is "subscriptions", "inventory", "diagnostic settings" or "done".
	Phase string
}
