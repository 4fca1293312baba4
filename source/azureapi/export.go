package azureapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// exporter writes what a scan read as files of Azure resource JSON: arrays
// of resources in the REST shape, as Resource Graph and ARM return them,
// which armjson.Read (and so `aksguard scan DIR`) reads back. Each file
// holds at most one page of rows, so no file approaches the loader's size
// limit.
type exporter struct {
	dir   string
	files map[string]int // per kind, the files written
	err   error          // the first write error; later writes are skipped
}

// newExporter prepares dir, which must be new or empty: an export mixed
// with older files would audit resources that no longer exist.
func newExporter(dir string) (*exporter, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("export to %s: %w", dir, err)
	}
	f, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("export to %s: %w", dir, err)
	}
	defer f.Close()
	if _, err := f.Readdirnames(1); err == nil {
		return nil, fmt.Errorf("export to %s: the directory is not empty; give a new or empty directory", dir)
	} else if !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("export to %s: %w", dir, err)
	}
	return &exporter{dir: dir, files: map[string]int{}}, nil
}

// write adds a file of rows of one kind ("resources", "diagnostic-settings").
// The rows are written as read, indented so that findings of an offline scan
// point at the line of the property that decided them.
func (x *exporter) write(kind string, rows []json.RawMessage) {
	if x == nil || x.err != nil || len(rows) == 0 {
		return
	}
	x.files[kind]++
	name := filepath.Join(x.dir, fmt.Sprintf("%s-%04d.json", kind, x.files[kind]))
	var b bytes.Buffer
	b.WriteString("[\n")
	for i, r := range rows {
		b.WriteString("  ")
		if err := json.Indent(&b, r, "  ", "  "); err != nil {
			b.Write(r)
		}
		if i < len(rows)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]\n")
	if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
		x.err = fmt.Errorf("export to %s: %w", x.dir, err)
	}
}

// readme writes README.md: what was exported and what could not be read.
// Markdown files are never read as inputs, so it does not change the audit.
func (x *exporter) readme(o Options, st Stats, now time.Time) {
	if x == nil || x.err != nil {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Azure estate exported by aksguard\n\n")
	fmt.Fprintf(&b, "Read %s. Scan it offline with `aksguard scan %s`: the verdicts are the live scan's.\n\n",
		now.UTC().Format(time.RFC3339), x.dir)
	fmt.Fprintf(&b, "- %s\n", st)
	if len(o.ResourceGroups) > 0 {
		fmt.Fprintf(&b, "- resource groups: %s\n", strings.Join(o.ResourceGroups, ", "))
	}
	if len(o.Clusters) > 0 {
		fmt.Fprintf(&b, "- clusters: %s\n", strings.Join(o.Clusters, ", "))
	}
	fmt.Fprintf(&b, "\n## Subscriptions read\n\n")
	for _, s := range st.Subscriptions {
		fmt.Fprintf(&b, "- %s\n", s)
	}
	if len(st.FailedSubscriptions) > 0 || len(st.Unread) > 0 {
		fmt.Fprintf(&b, "\n## Not read\n\nWhat could not be read is exported as a resource without properties, "+
			"so that the offline scan finds its settings unknown, as the live scan did.\n\n")
		for _, s := range st.FailedSubscriptions {
			fmt.Fprintf(&b, "- subscription %s\n", s)
		}
		for _, u := range st.Unread {
			fmt.Fprintf(&b, "- %s: %s: %s\n", u.ID, u.What, u.Reason)
		}
	}
	if err := os.WriteFile(filepath.Join(x.dir, "README.md"), []byte(b.String()), 0o644); err != nil {
		x.err = fmt.Errorf("export to %s: %w", x.dir, err)
	}
}
