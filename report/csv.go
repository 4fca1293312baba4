package report

import (
	"cmp"
	"encoding/csv"
	"io"
	"slices"
	"strconv"

	"github.com/aksguard/aksguard/rules"
)

// csvHeader names the CSV columns. The order is part of what spreadsheets
// and scripts rely on: add columns at the end only.
var csvHeader = []string{
	"rule", "verdict", "severity", "section", "practice", "title",
	"resource_type", "resource_name", "resource_id", "file", "line",
	"evidence", "remediation", "suppressed", "suppressed_by", "source", "path",
}

// writeCSV writes one row per finding, passes included, after a header row:
// RFC 4180 (CRLF line ends, quoted fields where needed), in the table's
// order (what needs attention first).
func writeCSV(w io.Writer, r *Report, o Options) error {
	c := normalize(r)
	practices := practiceIndex(practicesFor(r, o))
	fs := slices.Clone(c.Findings)
	slices.SortStableFunc(fs, func(a, b rules.Finding) int {
		return cmp.Or(
			compareFindings(a, b),
			cmp.Compare(resourceLabel(a.Resource), resourceLabel(b.Resource)),
			cmp.Compare(a.Resource.ID, b.Resource.ID),
			cmp.Compare(a.Location.File, b.Location.File),
		)
	})
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, f := range fs {
		practice := ""
		if p := practices[f.Rule]; p != nil {
			practice = p.Practice
		}
		line := ""
		if f.Location.Line > 0 {
			line = strconv.Itoa(f.Location.Line)
		}
		row := []string{
			f.Rule, f.Verdict.String(), f.Severity.String(), string(sectionOf(f.Section)), practice, f.Title,
			f.Resource.Type, f.Resource.Name, f.Resource.ID, f.Location.File, line,
			f.Evidence, f.Remediation, strconv.FormatBool(f.Suppressed), f.SuppressedBy, string(f.Source), f.Path,
		}
		for i := range row {
			row[i] = csvCell(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvCell defuses a cell that a spreadsheet would run as a formula (CSV
// injection): resource names and evidence come from inputs an attacker may
// write, and "=HYPERLINK(...)" in a cell is a live link once opened. A
// leading quote makes the spreadsheet show the text as text. Tab and
// carriage return, which start formulas in some spreadsheets too, are
// already gone: sanitize turns tabs into spaces and control characters into
// visible escapes, as in every other format.
func csvCell(s string) string {
	s = sanitize(s)
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@') {
		return "'" + s
	}
	return s
}
