// Package rules holds the rule framework: a Rule is a value with an ID, its
// documentation, its remediation per source kind and a pure Check over the
// estate; Evaluate runs rules and returns one finding per rule and resource.
// The catalog itself is in package rules/catalog.
package rules

import (
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/estate"
)

// Verdict is the outcome of a rule on one resource.
type Verdict uint8

// Verdicts.
const (
	Passed Verdict = iota + 1
	Failed
	// Unknown: the inputs do not determine the outcome; never a pass.
	Unknown
	// Manual: no configuration can show it; a person must check.
	Manual
)

var verdictNames = map[Verdict]string{Passed: "pass", Failed: "fail", Unknown: "unknown", Manual: "manual"}

// String returns "pass", "fail", "unknown" or "manual".
func (v Verdict) String() string { return verdictNames[v] }

// MarshalText implements encoding.TextMarshaler.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (v *Verdict) UnmarshalText(b []byte) error {
	for k, n := range verdictNames {
		if n == string(b) {
			*v = k
			return nil
		}
	}
	return fmt.Errorf("unknown verdict %q", b)
}

// Severity ranks how much a failed rule matters.
type Severity uint8

// Severities, lowest first. Info findings never fail a run.
const (
	Info Severity = iota + 1
	Low
	Medium
	High
	Critical
)

var severityNames = map[Severity]string{Info: "info", Low: "low", Medium: "medium", High: "high", Critical: "critical"}

// String returns the lower-case name.
func (s Severity) String() string { return severityNames[s] }

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Severity) UnmarshalText(b []byte) error {
	p, err := ParseSeverity(string(b))
	if err == nil {
		*s = p
	}
	return err
}

// ParseSeverity parses "info", "low", "medium", "high" or "critical"
// case-insensitively.
func ParseSeverity(s string) (Severity, error) {
	for k, n := range severityNames {
		if strings.EqualFold(n, s) {
			return k, nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want info, low, medium, high or critical)", s)
}

// Section is the part of the brief a rule comes from.
type Section string

// Sections of the brief.
const (
	IAM        Section = "iam"
	Network    Section = "network"
	Audit      Section = "audit"
	Compliance Section = "compliance"
	Extra      Section = "extra" // beyond the brief; peers check these
)

// Fix is the remediation of a rule, one text per kind of source, so that a
// finding shows the fix in the terms of the input it came from.
type Fix struct {
	CLI        string // an az command, for exported and live resources
	Terraform  string // the azurerm attribute to set
	ARM        string // the ARM property to set (templates and Bicep)
	Kubernetes string // the manifest field or object to add
	Dockerfile string
}

// For returns the remediation for a source kind, falling back to the first
// non-empty text.
func (f Fix) For(k estate.SourceKind) string {
	var s string
	switch k {
	case estate.SourceAzure:
		s = f.CLI
	case estate.SourceTerraform:
		s = f.Terraform
	case estate.SourceARM, estate.SourceBicep:
		s = f.ARM
	case estate.SourceKubernetes:
		s = f.Kubernetes
	case estate.SourceDockerfile:
		s = f.Dockerfile
	}
	if s != "" {
		return s
	}
	for _, x := range []string{f.CLI, f.Terraform, f.ARM, f.Kubernetes, f.Dockerfile} {
		if x != "" {
			return x
		}
	}
	return ""
}

// Rule is one check of the catalog. It is a value: immutable, listed
// explicitly in rules/catalog, and documented by its fields.
type Rule struct {
	ID       string // "AKS-NET-01": stable, never reused
	Title    string // one line, stated as the good practice
	Severity Severity
	Section  Section
	// Practice names the practice of the brief the rule implements, as an
	// auditor reads it ("No public API server").
	Practice string
	// Doc is the rationale: why the practice matters, what the rule reads.
	Doc string
	Fix Fix
	// SensitiveOnly marks rules that apply at the "sensitive" profile; at
	// "baseline" their findings are reported with Info severity.
	SensitiveOnly bool
	// Check evaluates the rule on the estate and reports through p. It must
	// not do I/O and must report every resource it applies to, passes included.
	Check func(p *Pass)
}
