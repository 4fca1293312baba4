package report_test

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/aksguard/aksguard/report"
)

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in      string
		want    report.Format
		wantErr bool
	}{
		{"table", report.Table, false},
		{"json", report.JSON, false},
		{"sarif", report.SARIF, false},
		{"SARIF", report.SARIF, false},
		{" Json ", report.JSON, false},
		{"html", report.HTML, false},
		{"JUnit", report.JUnit, false},
		{"csv", report.CSV, false},
		{"markdown", report.Markdown, false},
		{"md", report.Markdown, false},
		{"xml", "", true},
		{"", "", true},
	}
	for _, tt := range tests {
		got, err := report.ParseFormat(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
		if err != nil && !strings.Contains(err.Error(), "table, json, sarif, html, junit, csv or markdown") {
			t.Errorf("ParseFormat(%q) error %q does not list the formats", tt.in, err)
		}
	}
}

// The CLI binds a Format straight to --format: VarP compiles only if
// *Format is a pflag.Value. (Through cobra, which go.mod already requires
// directly, rather than importing pflag, which it lists as indirect.)
func TestFormatIsAFlag(t *testing.T) {
	f := report.Table
	fs := (&cobra.Command{Use: "scan"}).Flags()
	fs.VarP(&f, "format", "f", "output format")
	if err := fs.Parse([]string{"--format", "sarif"}); err != nil {
		t.Fatal(err)
	}
	if f != report.SARIF {
		t.Errorf("--format sarif set %q", f)
	}
	if err := fs.Parse([]string{"-f", "xml"}); err == nil {
		t.Error("-f xml was accepted")
	}
	if got := fs.Lookup("format").Value.Type(); got != "format" {
		t.Errorf("Type() = %q", got)
	}
	if got := fs.Lookup("format").Value.String(); got != "sarif" {
		t.Errorf("String() = %q after a rejected value; want the last good one", got)
	}
}
