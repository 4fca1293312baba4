package kubelive

import (
	"fmt"
	"sort"
	"strings"

	"github.com/aksguard/aksguard/source"
)

// Stats counts what a scan read.
type Stats struct {
	// Listed counts the objects listed, by kind.
	Listed map[string]int
	// Skipped counts, by kind, the objects not audited because an object
	// the scan listed controls them (their template is the owner's).
	Skipped map[string]int
}

// String summarises the stats for a progress line:
// "listed 412 objects (Deployment 12, Pod 340, ...); 328 owned objects not audited again".
func (s Stats) String() string {
	total, skipped := 0, 0
	var parts []string
	for _, k := range sortedKeys(s.Listed) {
		total += s.Listed[k]
		parts = append(parts, fmt.Sprintf("%s %d", k, s.Listed[k]))
	}
	for _, n := range s.Skipped {
		skipped += n
	}
	msg := fmt.Sprintf("listed %d objects", total)
	if len(parts) > 0 {
		msg += " (" + strings.Join(parts, ", ") + ")"
	}
	if skipped > 0 {
		msg += fmt.Sprintf("; %d owned by a listed object, audited through their owner", skipped)
	}
	return msg
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// warn returns a warning diagnostic about the cluster.
func (s *scan) warn(format string, a ...any) source.Diagnostic {
	return source.Warnf(s.r.target.Input(), 0, format, a...)
}
