package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"slices"

	"github.com/aksguard/aksguard/rules"
)

// ToolName is the scanner's name in every report format.
const ToolName = "aksguard"

// writeJSON writes the contract: every finding (passes included), indented
// by two spaces, with a trailing newline. The findings are encoded one at a
// time into the rest of the report: a tree of thousands of environments
// has hundreds of thousands of findings, whose JSON must not be held in
// memory at once (twice, with the indentation pass), on top of the findings.
func writeJSON(w io.Writer, r *Report) error {
	c := normalize(r)
	findings := c.Findings
	c.Findings = []rules.Finding{}
	var skel bytes.Buffer
	if err := newJSONEncoder(&skel, "").Encode(c); err != nil {
		return err
	}
	// The empty array at the top level, where the findings go.
	const slot = "\n  \"findings\": []"
	i := bytes.Index(skel.Bytes(), []byte(slot))
	if i < 0 || len(findings) == 0 {
		_, err := w.Write(skel.Bytes())
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(skel.Bytes()[:i+len(slot)-1]) // up to the '['
	var buf bytes.Buffer
	enc := newJSONEncoder(&buf, "    ")
	for k := range findings {
		buf.Reset()
		if err := enc.Encode(&findings[k]); err != nil {
			return err
		}
		if k > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	}
	bw.WriteString("\n  ]")
	bw.Write(skel.Bytes()[i+len(slot):])
	return bw.Flush()
}

// newJSONEncoder is the report's encoder: two-space indentation under
// prefix, and no HTML escaping, because evidence and remediation quote
// "<rg>", "&&" and "->" and must stay readable.
func newJSONEncoder(w io.Writer, prefix string) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	return enc
}

// normalize returns a copy of r that satisfies the contract whatever the
// caller left zero: the schema version and tool name are set, findings and
// errors are arrays (never null), every error has a severity, and a zero
// summary is counted from the findings. r itself is not modified.
func normalize(r *Report) Report {
	c := *r
	if c.SchemaVersion == 0 {
		c.SchemaVersion = SchemaVersion
	}
	if c.Tool.Name == "" {
		c.Tool.Name = ToolName
	}
	if c.Findings == nil {
		c.Findings = []rules.Finding{}
	}
	if c.Summary == (Summary{}) {
		c.Summary = Summarize(c.Findings)
	}
	c.Errors = slices.Clone(c.Errors)
	if c.Errors == nil {
		c.Errors = []Error{}
	}
	for i := range c.Errors {
		if c.Errors[i].Severity == "" {
			c.Errors[i].Severity = "error"
		}
	}
	return c
}
