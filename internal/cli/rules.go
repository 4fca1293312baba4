package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/aksguard/aksguard/internal/policy"
	"github.com/aksguard/aksguard/rules"
)

func newCmdRules(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "rules",
		Short: "List the rules of the catalog",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			rs := f.Rules()
			if len(rs) == 0 {
				fmt.Fprintln(f.IO.ErrOut, "aksguard: the catalog has no rules")
				return nil
			}
			tw := tabwriter.NewWriter(f.IO.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tSEVERITY\tSECTION\tTITLE")
			for _, r := range rs {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Section, r.Title)
			}
			return tw.Flush()
		},
	}
}

func newCmdExplain(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:     "explain RULE-ID",
		Short:   "Print a rule in full: why it matters, what it reads, how to fix it",
		Example: "  aksguard explain AKS-NET-01",
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r := findRule(f.Rules(), args[0])
			if r == nil {
				fmt.Fprintf(f.IO.ErrOut, "aksguard: unknown rule %q; `aksguard rules` lists them\n", args[0])
				return &exitError{policy.ExitError}
			}
			return explain(f.IO.Out, r)
		},
	}
}

func findRule(rs []*rules.Rule, id string) *rules.Rule {
	for _, r := range rs {
		if strings.EqualFold(r.ID, strings.TrimSpace(id)) {
			return r
		}
	}
	return nil
}

// explain prints everything the catalog says about r.
func explain(w io.Writer, r *rules.Rule) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n\n", r.ID, r.Title)
	fmt.Fprintf(&b, "Severity:  %s\n", r.Severity)
	if r.SensitiveOnly {
		b.WriteString("           (applies at the sensitive profile; informational at baseline)\n")
	}
	fmt.Fprintf(&b, "Section:   %s\n", r.Section)
	if r.Practice != "" {
		fmt.Fprintf(&b, "Practice:  %s\n", r.Practice)
	}
	if doc := strings.TrimSpace(r.Doc); doc != "" {
		fmt.Fprintf(&b, "\n%s\n", doc)
	}
	fixes := []struct{ label, text string }{
		{"Azure CLI", r.Fix.CLI},
		{"Terraform", r.Fix.Terraform},
		{"ARM / Bicep", r.Fix.ARM},
		{"Kubernetes", r.Fix.Kubernetes},
		{"Dockerfile", r.Fix.Dockerfile},
	}
	first := true
	for _, fx := range fixes {
		text := strings.TrimSpace(fx.text)
		if text == "" {
			continue
		}
		if first {
			b.WriteString("\nHow to fix:\n")
			first = false
		}
		fmt.Fprintf(&b, "  %s:\n", fx.label)
		for _, line := range strings.Split(text, "\n") {
			fmt.Fprintf(&b, "    %s\n", line)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
