package report

import (
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/rules"
)

// fixKinds names each remediation of a rule as the help text shows it, with
// the language of its Markdown code block.
var fixKinds = []struct {
	label, lang string
	text        func(rules.Fix) string
}{
	{"Azure CLI (exported and live resources)", "shell", func(f rules.Fix) string { return f.CLI }},
	{"Terraform (azurerm)", "hcl", func(f rules.Fix) string { return f.Terraform }},
	{"ARM template or Bicep", "", func(f rules.Fix) string { return f.ARM }},
	{"Kubernetes manifest", "yaml", func(f rules.Fix) string { return f.Kubernetes }},
	{"Dockerfile", "dockerfile", func(f rules.Fix) string { return f.Dockerfile }},
}

// sarifHelpFor writes a rule's help: its rationale, then the remediation for
// every kind of source, since one SARIF rule serves results from all of them.
func sarifHelpFor(r *rules.Rule) sarifHelp {
	var text, md strings.Builder
	title := r.Title
	if title == "" {
		title = r.ID
	}
	fmt.Fprintf(&text, "%s: %s\n", r.ID, title)
	fmt.Fprintf(&md, "**%s**: %s\n", r.ID, mdEscape(title))
	if r.Practice != "" {
		fmt.Fprintf(&text, "Practice: %s\n", r.Practice)
		fmt.Fprintf(&md, "\nPractice: %s\n", mdEscape(r.Practice))
	}
	if doc := strings.TrimSpace(r.Doc); doc != "" {
		fmt.Fprintf(&text, "\n%s\n", doc)
		fmt.Fprintf(&md, "\n%s\n", mdEscape(doc))
	}
	first := true
	for _, k := range fixKinds {
		fix := strings.TrimSpace(k.text(r.Fix))
		if fix == "" {
			continue
		}
		if first {
			text.WriteString("\nRemediation:\n")
			md.WriteString("\n## Remediation\n")
			first = false
		}
		fmt.Fprintf(&text, "- %s: %s\n", k.label, strings.ReplaceAll(fix, "\n", "\n  "))
		fence := codeFence(fix)
		fmt.Fprintf(&md, "\n%s:\n\n%s%s\n%s\n%s\n", k.label, fence, k.lang, fix, fence)
	}
	if first {
		text.WriteString("\nNo remediation is recorded for this rule.\n")
		md.WriteString("\nNo remediation is recorded for this rule.\n")
	}
	return sarifHelp{Text: strings.TrimSpace(text.String()), Markdown: strings.TrimSpace(md.String())}
}

// codeFence returns a backtick fence longer than any backtick run in s, so
// that a fix quoting Markdown cannot close its own block.
func codeFence(s string) string {
	return strings.Repeat("`", max(3, longestRun(s, '`')+1))
}

// mdEscape keeps prose from turning into Markdown markup where it holds the
// characters rules use in names ("*", "_" in property paths, "<rg>"). Text
// between backticks is already code and is left alone.
func mdEscape(s string) string {
	parts := strings.Split(s, "`")
	if len(parts)%2 == 0 {
		// An unpaired backtick: escape it too, and treat everything as prose.
		return strings.ReplaceAll(mdProse.Replace(s), "`", "\\`")
	}
	for i := 0; i < len(parts); i += 2 {
		parts[i] = mdProse.Replace(parts[i])
	}
	return strings.Join(parts, "`")
}

var mdProse = strings.NewReplacer(
	`\`, `\\`, "*", `\*`, "_", `\_`, "<", `\<`, ">", `\>`, "[", `\[`, "]", `\]`, "#", `\#`,
)
