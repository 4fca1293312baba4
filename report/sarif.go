package report

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/aksguard/aksguard/rules"
)

// SARIF output, for GitHub code scanning and other SARIF 2.1.0 consumers.
//
//   - Only findings that need attention become results: a fail is kind "fail"
//     with level error (critical, high), warning (medium) or note (low, info);
//     unknown and manual are kind "review" with level "none", as SARIF
//     §3.27.10 requires of every kind but "fail". Passes are left out, because
//     code scanning turns every result into an alert whatever its kind; the
//     JSON report holds them.
//   - A finding in a file is located by a relative, forward-slash URI and its
//     line; a live resource by a logical location whose fullyQualifiedName is
//     the resource ID. GitHub code scanning rejects a file whose results have
//     no physical location, so upload SARIF from file scans; live scans are
//     for other SARIF consumers.
//   - partialFingerprints hold a hash of rule and resource ID, so an alert
//     survives the resource moving within its file.
//   - Suppressed findings carry an external, accepted suppression, and the
//     report's errors become tool execution notifications.

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// InformationURI is the project's home page, shown by SARIF viewers.
	InformationURI = "https://github.com/aksguard/aksguard"
	// fingerprintKey versions the fingerprint: change it if the hash input changes.
	fingerprintKey = "aksguardResource/v1"
)

func writeSARIF(w io.Writer, r *Report, o Options) error {
	c := normalize(r)
	ruleList, index := sarifRules(o.Rules, c.Findings)
	practices := practicesFor(r, o)
	byRule := practiceIndex(practices)
	for i := range ruleList {
		if p := byRule[ruleList[i].ID]; p != nil {
			ruleList[i].Properties.Section = string(p.Section)
			ruleList[i].Properties.Practice = p.Practice
		}
	}
	results := []sarifResult{}
	for _, f := range c.Findings {
		if f.Verdict == rules.Passed {
			continue
		}
		results = append(results, sarifResultFor(f, index[f.Rule]))
	}
	log := sarifLog{
		Schema:  sarifSchema,
		Version: sarifVersion,
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{
				Name:           c.Tool.Name,
				Version:        c.Tool.Version,
				InformationURI: InformationURI,
				Rules:          ruleList,
			}},
			Invocations: []sarifInvocation{sarifInvocationFor(c)},
			Results:     results,
			Properties:  &sarifRunProps{Practices: practices},
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

// sarifRules describes every rule of the catalog, then any rule a finding
// names that the catalog lacks (described from the finding), and returns
// each rule's index.
func sarifRules(catalog []*rules.Rule, fs []rules.Finding) ([]sarifRule, map[string]int) {
	out := []sarifRule{}
	index := make(map[string]int)
	for _, r := range catalog {
		if r == nil {
			continue
		}
		if _, dup := index[r.ID]; dup {
			continue
		}
		index[r.ID] = len(out)
		out = append(out, sarifRuleFor(r))
	}
	var extra []*rules.Rule
	seen := make(map[string]bool)
	for _, f := range fs {
		if _, ok := index[f.Rule]; ok || seen[f.Rule] || f.Verdict == rules.Passed {
			continue
		}
		seen[f.Rule] = true
		r := &rules.Rule{ID: f.Rule, Title: f.Title, Severity: f.Severity, Section: f.Section}
		// Without the catalog, the remediation is the finding's own.
		r.Fix.CLI = f.Remediation
		extra = append(extra, r)
	}
	slices.SortFunc(extra, func(a, b *rules.Rule) int { return cmp.Compare(a.ID, b.ID) })
	for _, r := range extra {
		index[r.ID] = len(out)
		out = append(out, sarifRuleFor(r))
	}
	return out, index
}

func sarifRuleFor(r *rules.Rule) sarifRule {
	title := cmp.Or(r.Title, r.ID)
	sr := sarifRule{
		ID:                   r.ID,
		Name:                 pascalName(title),
		ShortDescription:     sarifMessage{Text: title},
		Help:                 sarifHelpFor(r),
		DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(r.Severity)},
		Properties: sarifRuleProps{
			SecuritySeverity: securitySeverity(r.Severity),
			Tags:             []string{cmp.Or(string(r.Section), "extra"), "security"},
		},
	}
	if doc := strings.TrimSpace(r.Doc); doc != "" {
		sr.FullDescription = &sarifMessage{Text: doc}
	}
	return sr
}

func sarifResultFor(f rules.Finding, ruleIndex int) sarifResult {
	kind, level := "review", "none"
	if f.Verdict == rules.Failed {
		kind, level = "fail", sarifLevel(f.Severity)
	}
	res := sarifResult{
		RuleID:              f.Rule,
		RuleIndex:           ruleIndex,
		Kind:                kind,
		Level:               level,
		Message:             sarifMessage{Text: sarifText(f)},
		Locations:           []sarifLocation{sarifLocationFor(f)},
		PartialFingerprints: map[string]string{fingerprintKey: fingerprint(f)},
		Properties: sarifResultProps{
			Verdict:      f.Verdict.String(),
			Severity:     f.Severity.String(),
			ResourceID:   f.Resource.ID,
			ResourceType: f.Resource.Type,
			ResourceName: f.Resource.Name,
		},
	}
	switch f.Baseline {
	case rules.BaselineNew, rules.BaselineUnchanged:
		res.BaselineState = f.Baseline
	}
	if f.Suppressed {
		res.Suppressions = []sarifSuppression{{
			// Ignores live in the aksguard config or in comments of the
			// input; the finding does not say which, and both are the
			// user's accepted decision.
			Kind:          "external",
			Status:        "accepted",
			Justification: f.SuppressedBy,
		}}
	}
	return res
}

// sarifText is the result's message: what was found on which resource, and
// the fix. A code-scanning alert shows it as its description.
func sarifText(f rules.Finding) string {
	var b strings.Builder
	switch f.Verdict {
	case rules.Unknown:
		b.WriteString("Unknown, needs review: ")
	case rules.Manual:
		b.WriteString("Manual check: ")
	}
	what := strings.TrimSpace(f.Resource.Type + " " + cmp.Or(f.Resource.Name, f.Resource.ID))
	if what != "" {
		b.WriteString(what + ": ")
	}
	b.WriteString(cmp.Or(f.Evidence, f.Title, f.Rule))
	if f.Remediation != "" {
		b.WriteString("\nRemediation: " + f.Remediation)
	}
	return b.String()
}

func sarifLocationFor(f rules.Finding) sarifLocation {
	loc := sarifLocation{}
	if f.Resource.ID != "" {
		loc.LogicalLocations = []sarifLogicalLocation{{
			Name:               f.Resource.Name,
			FullyQualifiedName: f.Resource.ID,
			Kind:               "resource",
		}}
	}
	if uri, ok := artifactURI(f.Location.File); ok {
		loc.PhysicalLocation = &sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: uri}}
		if f.Location.Line > 0 {
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: f.Location.Line}
		}
	}
	if loc.PhysicalLocation == nil && loc.LogicalLocations == nil {
		// A location must say something; the rule is all there is.
		loc.LogicalLocations = []sarifLogicalLocation{{FullyQualifiedName: f.Rule, Kind: "resource"}}
	}
	return loc
}

var drivePath = regexp.MustCompile(`^[A-Za-z]:/`)

// artifactURI turns a file name into a SARIF artifact URI: relative names
// stay relative (code scanning resolves them against the repository root)
// with forward slashes; absolute names become file URIs. Stdin ("-") and
// placeholders such as "<stdin>" are not files.
func artifactURI(file string) (string, bool) {
	if file == "" || file == "-" || strings.HasPrefix(file, "<") {
		return "", false
	}
	p := strings.ReplaceAll(file, `\`, "/")
	switch {
	case drivePath.MatchString(p):
		return (&url.URL{Scheme: "file", Path: "/" + p}).String(), true
	case strings.HasPrefix(p, "/"):
		return (&url.URL{Scheme: "file", Path: p}).String(), true
	}
	for strings.HasPrefix(p, "./") {
		p = p[2:]
	}
	return (&url.URL{Path: p}).String(), true
}

// fingerprint identifies a finding across runs: the rule and the resource
// ID (case-insensitively, as Azure compares IDs), not the line, so that
// moving a block keeps its alert.
func fingerprint(f rules.Finding) string {
	id := strings.ToLower(strings.TrimSuffix(f.Resource.ID, "/"))
	sum := sha256.Sum256([]byte(f.Rule + "\x00" + id))
	return hex.EncodeToString(sum[:16])
}

func sarifInvocationFor(r Report) sarifInvocation {
	inv := sarifInvocation{ExecutionSuccessful: true}
	for _, e := range r.Errors {
		n := sarifNotification{Level: "error", Message: sarifMessage{Text: errorText(e)}}
		if e.Severity == "warning" {
			n.Level = "warning"
		} else {
			inv.ExecutionSuccessful = false
		}
		if uri, ok := artifactURI(e.Input); ok {
			pl := &sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: uri}}
			if e.Line > 0 {
				pl.Region = &sarifRegion{StartLine: e.Line, StartColumn: max(e.Column, 0)}
			}
			n.Locations = []sarifLocation{{PhysicalLocation: pl}}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	for _, ig := range r.Ignores {
		text := fmt.Sprintf("ignore of %s", ig.Rule)
		if ig.Resource != "" {
			text += " on " + ig.Resource
		}
		text += " is " + ig.Status
		if ig.Reason != "" {
			text += " (reason: " + ig.Reason + ")"
		}
		if ig.Where != "" {
			text += " at " + ig.Where
		}
		inv.ToolConfigurationNotifications = append(inv.ToolConfigurationNotifications,
			sarifNotification{Level: "warning", Message: sarifMessage{Text: text}})
	}
	return inv
}

func errorText(e Error) string {
	where := e.Input
	if e.Line > 0 {
		where += fmt.Sprintf(":%d", e.Line)
		if e.Column > 0 {
			where += fmt.Sprintf(":%d", e.Column)
		}
	}
	if where == "" {
		return e.Message
	}
	return where + ": " + e.Message
}

// sarifLevel maps a failed finding's severity to a SARIF level.
func sarifLevel(s rules.Severity) string {
	switch s {
	case rules.Critical, rules.High:
		return "error"
	case rules.Medium:
		return "warning"
	}
	return "note"
}

// securitySeverity is GitHub's score for a severity: critical is above 9.0,
// high 7.0 to 8.9, medium 4.0 to 6.9, low 0.1 to 3.9.
func securitySeverity(s rules.Severity) string {
	switch s {
	case rules.Critical:
		return "9.5"
	case rules.High:
		return "8.0"
	case rules.Medium:
		return "5.5"
	case rules.Low:
		return "3.0"
	}
	return "1.0"
}

// pascalName makes a rule's SARIF name from its title ("Local accounts are
// disabled" → "LocalAccountsAreDisabled"), as SARIF suggests for names.
func pascalName(title string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(title, func(r rune) bool {
		return r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r))
	}) {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}
