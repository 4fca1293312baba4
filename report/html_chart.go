package report

import "fmt"

// The charts of the HTML report are inline SVG computed here, so that the page
// needs no charting library and draws the same in a browser, a mail client's
// viewer and print. The section chart is one SVG bar per row, stretched to
// the row's width, with its labels in HTML: text stays legible at every
// width, which text inside a scaled SVG does not.

// chartScale is the width of a bar in SVG user units.
const chartScale = 1000

// htmlChartRow is a section's bar: its findings stacked by verdict.
type htmlChartRow struct {
	Label    string
	Note     string // beside the bar: the score, or that there is nothing
	Title    string // the bar's accessible description
	Empty    bool
	Segments []htmlSegment
}

type htmlSegment struct {
	Class string
	X, W  int
	Title string
}

func chartFor(sections []sectionSummary) []htmlChartRow {
	var rows []htmlChartRow
	for _, s := range sections {
		sum := s.Summary
		row := htmlChartRow{
			Label: s.Label,
			Title: fmt.Sprintf("%s: %d failed, %d unknown, %d manual, %d passed", s.Label, sum.Fail, sum.Unknown, sum.Manual, sum.Pass),
		}
		n := sum.Total()
		if n == 0 {
			row.Empty, row.Note = true, "no findings"
			rows = append(rows, row)
			continue
		}
		row.Note = "score " + scoreText(sum)
		parts := []struct {
			class, word string
			n           int
		}{
			{"fail", "failed", sum.Fail},
			{"unknown", "unknown", sum.Unknown},
			{"manual", "manual", sum.Manual},
			{"pass", "passed", sum.Pass},
		}
		// Cumulative rounding, so that the segments tile the bar exactly.
		cum := 0
		for _, p := range parts {
			if p.n == 0 {
				continue
			}
			x0 := chartScale * cum / n
			cum += p.n
			x1 := chartScale * cum / n
			row.Segments = append(row.Segments, htmlSegment{
				Class: p.class, X: x0, W: x1 - x0,
				Title: fmt.Sprintf("%s: %d %s", s.Label, p.n, p.word),
			})
		}
		rows = append(rows, row)
	}
	return rows
}

// htmlDonut is the posture score as a ring: a circle of circumference 100,
// so that the dash lengths are the percentages themselves.
type htmlDonut struct {
	OK        bool
	Pass      int // the dash of the passed share
	Rest      int
	Radius    string
	Described string
}

func donutFor(s Summary) htmlDonut {
	p, ok := s.Score()
	d := htmlDonut{OK: ok, Pass: p, Rest: 100 - p, Radius: "15.9155"}
	if ok {
		d.Described = fmt.Sprintf("Posture score %d%%: %d of %d automated checks passed", p, s.Pass, s.Pass+s.Fail+s.Unknown)
	} else {
		d.Described = "No automated check applied to the inputs"
	}
	return d
}
