package report_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aksguard/aksguard/report"
)

func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v", err)
	}
	return rows
}

// A header, then one row per finding, passes and suppressed included; RFC
// 4180 line ends; the practice of each finding.
func TestCSVRows(t *testing.T) {
	r := fixture()
	out := render(t, report.CSV, r, report.Options{Rules: catalog()})
	if !bytes.HasSuffix(out, []byte("\r\n")) || bytes.Count(out, []byte("\r\n")) < len(r.Findings)+1 {
		t.Error("rows do not end in CRLF (RFC 4180)")
	}
	rows := readCSV(t, out)
	want := []string{
		"rule", "verdict", "severity", "section", "practice", "title",
		"resource_type", "resource_name", "resource_id", "file", "line",
		"evidence", "remediation", "suppressed", "suppressed_by", "source", "path",
	}
	if diff := cmp.Diff(want, rows[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	if len(rows) != len(r.Findings)+1 {
		t.Fatalf("%d rows; want a header and %d findings", len(rows), len(r.Findings))
	}
	col := func(row []string, name string) string {
		for i, h := range rows[0] {
			if h == name {
				return row[i]
			}
		}
		t.Fatalf("no column %q", name)
		return ""
	}
	first := rows[1]
	if col(first, "verdict") != "fail" || col(first, "severity") != "critical" {
		t.Errorf("first row is %v; want the worst finding first", first)
	}
	byRule := map[string][]string{}
	for _, row := range rows[1:] {
		byRule[col(row, "rule")+"/"+col(row, "resource_name")] = row
	}
	iam01 := byRule["AKS-IAM-01/aks-prod"]
	if got := col(iam01, "practice"); got != "Use Entra ID for cluster authentication" {
		t.Errorf("AKS-IAM-01 practice %q", got)
	}
	if got := col(iam01, "line"); got != "12" {
		t.Errorf("AKS-IAM-01 line %q", got)
	}
	net05 := byRule["AKS-NET-05/aks-legacy"]
	if col(net05, "suppressed") != "true" || !strings.Contains(col(net05, "suppressed_by"), "Cilium") {
		t.Errorf("suppressed finding row %v", net05)
	}
}

// Cells that start like a formula are defused with a leading quote; the
// rest of the text is unchanged.
func TestCSVFormulaInjection(t *testing.T) {
	rows := readCSV(t, render(t, report.CSV, hostile(), report.Options{}))
	for _, row := range rows {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q would run as a formula", cell)
			}
		}
	}
	all := strings.Join(func() []string {
		var cells []string
		for _, r := range rows {
			cells = append(cells, r...)
		}
		return cells
	}(), "\n")
	for _, want := range []string{
		`'=HYPERLINK("http://evil.example/","x")`, "'-2+3", "'=1+1", "'@evil.tf",
		"'+cmd|' /C calc'!A0\n  | line two",
		`\x1b[31mred`, // a terminal escape shown, not sent
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no cell holds %q", want)
		}
	}
	if strings.ContainsRune(all, '\x1b') {
		t.Error("a raw escape character reached the CSV")
	}
}
