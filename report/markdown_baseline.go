package report

import (
	"bytes"
	"fmt"
)

// mdBaselineCounts writes, for a report compared with a baseline, what
// changed since: the comment a pull request needs.
func mdBaselineCounts(b *bytes.Buffer, r Report) {
	if r.Baseline == nil && len(r.Fixed) == 0 {
		return
	}
	s := baselineSummary(r)
	b.WriteString("Since the baseline")
	if s.File != "" {
		b.WriteString(" " + mdCode(s.File))
	}
	fmt.Fprintf(b, ": **%d new**, %d unchanged, %d fixed.\n\n", s.New, s.Unchanged, s.Fixed)
}
