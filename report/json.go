package report

import (
	"encoding/json"
	"io"
	"slices"

	"github.com/aksguard/aksguard/rules"
)

// ToolName is the scanner's name in every report format.
const ToolName = "aksguard"

// writeJSON writes the contract: every finding (passes included), indented
// by two spaces, with a trailing newline.
func writeJSON(w io.Writer, r *Report) error {
	c := normalize(r)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// Evidence and remediation quote "<rg>", "&&" and "->": keep them readable.
	enc.SetEscapeHTML(false)
	return enc.Encode(c)
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
