package report_test

import (
	"github.com/aksguard/aksguard/report"
	"github.com/aksguard/aksguard/rules"
)

// hostile is a report whose input-controlled text tries to break out of
// every format: HTML markup, Markdown table and code syntax, a CDATA
// terminator, spreadsheet formulas, terminal escapes, a bidirectional
// override and a character XML forbids. Resource names, evidence and error
// messages all come from files and APIs an attacker may write.
func hostile() *report.Report {
	evil := rules.ResourceRef{
		ID:   `=HYPERLINK("http://evil.example/","x")`,
		Type: "cluster",
		Name: "<script>alert(1)</script>|`x`",
	}
	fs := []rules.Finding{
		{
			Rule: "AKS-NET-01", Verdict: rules.Failed, Severity: rules.Critical, Section: rules.Network,
			Title: "The API server is not open to the internet", Resource: evil,
			Location:    rules.Location{File: "@evil.tf", Line: 3},
			Evidence:    "value = \"]]><x/>\" \x1b[31mred\x1b[0m | `tick` ``two`` \u202Eevil\u202C \uFFFF",
			Remediation: "+cmd|' /C calc'!A0\n  | line two `code` *bold* <b>",
		},
		{
			Rule: "AKS-IAM-02", Verdict: rules.Passed, Severity: rules.High, Section: rules.IAM,
			Title:    "Local accounts are disabled",
			Resource: rules.ResourceRef{ID: "-2+3", Type: "cluster", Name: "-2+3"},
			Evidence: "=1+1",
		},
		{
			Rule: "AKS-LOG-01", Verdict: rules.Unknown, Severity: rules.High, Section: rules.Audit,
			Title:    "Control-plane audit logs are collected",
			Resource: rules.ResourceRef{ID: "ws", Type: "workspace", Name: "ws</details><img src=x onerror=alert(1)>"},
			Evidence: "</code></td></tr></table>\n# heading [link](http://evil.example/) www.evil.example a@evil.example",
		},
	}
	return &report.Report{
		Tool:     report.Tool{Name: "aksguard", Version: "1.2.3"},
		Findings: fs,
		Summary:  report.Summarize(fs),
		Errors: []report.Error{
			{Input: "<img src=x>.json", Line: 1, Message: "bad \x1b]8;;http://evil.example/\x07link", Severity: "error"},
		},
	}
}
