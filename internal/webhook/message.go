package webhook

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/aksguard/aksguard/rules"
)

// maxWarning is the length the admission API asks warnings to stay within:
// "Warnings over 256 characters ... may be truncated" (AdmissionResponse).
const maxWarning = 256

// denial is the part of a denial message for one failed rule: the rule, its
// title, what failed and how to fix it, so that the person who ran kubectl
// can act on it without the documentation.
func denial(f rules.Finding) string {
	msg := f.Rule + " (" + f.Title + "): " + f.Evidence
	if f.Remediation != "" {
		msg += ". Fix: " + f.Remediation
	}
	return msg
}

// warning is an admission warning for a finding, within maxWarning
// characters. Warnings travel in HTTP Warning headers, so control characters
// are replaced; the fix is too long for a warning and is referred to.
func warning(f rules.Finding, note string) string {
	head := f.Rule
	if note != "" {
		head += " (" + note + ")"
	}
	head += ": "
	tail := " (fix: aksguard explain " + f.Rule + ")"
	return head + truncate(clean(f.Evidence), maxWarning-utf8.RuneCountInString(head+tail)) + tail
}

// auditAnnotation is the value of the audit annotation of an audited finding,
// recorded in the API server's audit log.
func auditAnnotation(f rules.Finding) string {
	return f.Verdict.String() + ": " + truncate(clean(f.Evidence), 1024)
}

// clean replaces control characters (newlines in evidence) with spaces.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

// truncate shortens s to at most n runes, marking the cut with an ellipsis.
func truncate(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
