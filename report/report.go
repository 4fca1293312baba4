// Package report holds the report a scan produces (the JSON contract of
// DESIGN.md) and renders it in each output format. Reports render findings;
// they never compute verdicts.
package report

import (
	"github.com/aksguard/aksguard/rules"
)

// SchemaVersion is the version of the JSON report contract.
const SchemaVersion = 1

// Report is the result of one scan.
type Report struct {
	SchemaVersion int             `json:"schemaVersion"`
	Tool          Tool            `json:"tool"`
	Findings      []rules.Finding `json:"findings"`
	Summary       Summary         `json:"summary"`
	Errors        []Error         `json:"errors"`
	// Ignores lists the configured ignores that matched nothing or have
	// expired, so that stale suppressions are visible.
	Ignores []IgnoreNote `json:"ignores,omitempty"`
	// Practices is the compliance view (see Compliance): every practice of
	// the brief and what the findings say of it. Left out when not computed.
	Practices []PracticeSummary `json:"practices,omitempty"`
	// Fixed lists, when the scan was compared with a baseline report, the
	// baseline's failed findings that now pass or are gone (each marked
	// rules.BaselineFixed). The findings themselves are then marked
	// rules.BaselineNew or rules.BaselineUnchanged.
	Fixed []rules.Finding `json:"fixed,omitempty"`
	// Baseline says which report the scan was compared with and counts the
	// comparison; nil when there was none.
	Baseline *BaselineSummary `json:"baseline,omitempty"`
}

// BaselineSummary counts a comparison with a baseline report.
type BaselineSummary struct {
	// File is the baseline report as the user named it.
	File string `json:"file"`
	// New and Unchanged count the fail and unknown findings by their
	// rules.Finding.Baseline; Fixed counts Report.Fixed.
	New       int `json:"new"`
	Unchanged int `json:"unchanged"`
	Fixed     int `json:"fixed"`
}

// Tool names the scanner.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Summary counts unsuppressed findings by verdict.
type Summary struct {
	Pass    int `json:"pass"`
	Fail    int `json:"fail"`
	Unknown int `json:"unknown"`
	Manual  int `json:"manual"`
}

// Error is an input that could not be read, in full or in part.
type Error struct {
	Input    string `json:"input"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
	Message  string `json:"message"`
	Severity string `json:"severity"` // "error" or "warning"
}

// IgnoreNote reports an ignore that expired or suppressed nothing.
type IgnoreNote struct {
	Rule     string `json:"rule"`
	Resource string `json:"resource,omitempty"`
	Reason   string `json:"reason"`
	Status   string `json:"status"` // "expired" or "stale"
	Where    string `json:"where,omitempty"`
}

// Summarize counts the unsuppressed findings by verdict.
func Summarize(fs []rules.Finding) Summary {
	var s Summary
	for _, f := range fs {
		if !f.Suppressed {
			countVerdict(&s, f.Verdict)
		}
	}
	return s
}
