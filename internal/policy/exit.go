package policy

import (
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/source"
)

// Exit codes: a documented contract, the same for every output format.
const (
	// ExitOK: the scan ran; nothing at or above --fail-on failed.
	ExitOK = 0
	// ExitFindings: the scan ran; an unsuppressed failed finding is at or
	// above --fail-on.
	ExitFindings = 1
	// ExitError: the scan could not do what was asked: a bad flag or
	// configuration, an input that could not be read. Inputs that were read
	// are still reported; 2 wins over 1.
	ExitError = 2
)

// FailOn is the --fail-on threshold: the lowest severity whose failed
// findings fail the run. The zero value is "none": nothing fails the run.
type FailOn rules.Severity

// DefaultFailOn is the threshold when --fail-on is not given.
const DefaultFailOn = FailOn(rules.High)

// ParseFailOn parses "low", "medium", "high", "critical" or "none".
func ParseFailOn(s string) (FailOn, error) {
	switch strings.ToLower(s) {
	case "none":
		return 0, nil
	case "info":
		return 0, fmt.Errorf("info findings never fail a run; want low, medium, high, critical or none")
	}
	sev, err := rules.ParseSeverity(s)
	if err != nil {
		return 0, fmt.Errorf("unknown severity %q: want low, medium, high, critical or none", s)
	}
	return FailOn(sev), nil
}

// String returns the severity name, or "none".
func (f FailOn) String() string {
	if f == 0 {
		return "none"
	}
	return rules.Severity(f).String()
}

// Set implements pflag.Value, so that --fail-on is validated while flags
// are parsed (a bad value is a usage error).
func (f *FailOn) Set(s string) error {
	v, err := ParseFailOn(s)
	if err != nil {
		return err
	}
	*f = v
	return nil
}

// Type implements pflag.Value.
func (f *FailOn) Type() string { return "severity" }

// ExitCode decides the exit code of a scan. An error diagnostic gives
// ExitError. Otherwise an unsuppressed failed finding at or above failOn
// gives ExitFindings; so does an unknown one when failOnUnknown is set.
// Manual findings never fail a run: no configuration can settle them. Nor
// does a finding a baseline report already held (rules.BaselineUnchanged):
// compared with a baseline, only what is new fails the run.
func ExitCode(findings []rules.Finding, diags source.Diagnostics, failOn FailOn, failOnUnknown bool) int {
	if diags.HasErrors() {
		return ExitError
	}
	if failOn == 0 {
		return ExitOK
	}
	for _, f := range findings {
		if f.Suppressed || f.Baseline == rules.BaselineUnchanged || f.Severity < rules.Severity(failOn) {
			continue
		}
		if f.Verdict == rules.Failed || (failOnUnknown && f.Verdict == rules.Unknown) {
			return ExitFindings
		}
	}
	return ExitOK
}
