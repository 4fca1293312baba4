package report_test

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"

	"github.com/aksguard/aksguard/report"
)

// gfm renders Markdown as GitHub does: GitHub-flavoured Markdown, with the
// raw HTML the report uses (<details>, <code>, <br>) passed through.
func gfm(t *testing.T, md []byte) string {
	t.Helper()
	var out bytes.Buffer
	g := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	if err := g.Convert(md, &out); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

var (
	tableRe = regexp.MustCompile(`(?s)<table>.*?</table>`)
	rowRe   = regexp.MustCompile(`(?s)<tr>(.*?)</tr>`)
	cellRe  = regexp.MustCompile(`(?s)<t[hd][^>]*>(.*?)</t[hd]>`)
	tagRe   = regexp.MustCompile(`<[^>]*>`)
)

// tables returns each rendered table as rows of cell texts, as a reader
// sees them: tags dropped, line breaks kept, entities decoded.
func tables(rendered string) [][][]string {
	var out [][][]string
	for _, tb := range tableRe.FindAllString(rendered, -1) {
		var rows [][]string
		for _, r := range rowRe.FindAllStringSubmatch(tb, -1) {
			var cells []string
			for _, c := range cellRe.FindAllStringSubmatch(r[1], -1) {
				text := strings.ReplaceAll(c[1], "<br>", "\n")
				text = html.UnescapeString(tagRe.ReplaceAllString(text, ""))
				cells = append(cells, strings.ReplaceAll(text, "\u00a0", " "))
			}
			rows = append(rows, cells)
		}
		out = append(out, rows)
	}
	return out
}

func TestMarkdownRendersAsGitHubDoes(t *testing.T) {
	md := render(t, report.Markdown, fixture(), report.Options{Rules: catalog()})
	got := gfm(t, md)
	ts := tables(got)
	// Counts, failures, unknown, manual, passed, suppressed, and three
	// compliance tables (IAM, network, compliance).
	if len(ts) != 9 {
		t.Fatalf("%d tables rendered; want 9:\n%s", len(ts), got)
	}
	counts := ts[0]
	if diff := cmp.Diff([]string{"Total", "4", "1", "1", "2", "28%"}, counts[len(counts)-1]); diff != "" {
		t.Errorf("total row (-want +got):\n%s", diff)
	}
	fails := ts[1]
	if len(fails) != 5 {
		t.Errorf("failures table has %d rows; want a header and the 4 unsuppressed failures", len(fails))
	}
	wantFirst := []string{
		"AKS-NET-01", "critical", "cluster aks-prod", "infra/aks.tf:18",
		`api_server_access_profile.authorized_ip_ranges = ["0.0.0.0/0"]`,
		"api_server_access_profile {\n  authorized_ip_ranges = [\"203.0.113.0/24\"]\n}",
	}
	if diff := cmp.Diff(wantFirst, fails[1]); diff != "" {
		t.Errorf("first failure as rendered (-want +got):\n%s", diff)
	}
	for _, s := range []string{"<details><summary>Unknown", "<details><summary>Passed (2)", "<details><summary>Compliance: 8 practices"} {
		if !strings.Contains(got, s) {
			t.Errorf("rendered comment lacks %q", s)
		}
	}
	if strings.Contains(got, "<details><summary>Failed") {
		t.Error("failures are collapsed; they must be visible")
	}
}

// Input text can neither break a table nor inject markup: every cell shows
// exactly the text of the finding.
func TestMarkdownEscaping(t *testing.T) {
	md := render(t, report.Markdown, hostile(), report.Options{})
	got := gfm(t, md)
	for _, bad := range []string{"<script", "<img", "<b>", "<em>", "<h1>", `<a href`, "\x1b", "\u202e"} {
		if strings.Contains(got, bad) {
			t.Errorf("rendered Markdown contains %q:\n%s", bad, got)
		}
	}
	fails := tables(got)[1]
	want := []string{
		"AKS-NET-01", "critical", "cluster <script>alert(1)</script>|x", "@evil.tf:3",
		"value = \"]]><x/>\" \\x1b[31mred\\x1b[0m | `tick` ``two`` \\u202eevil\\u202c \uFFFF",
		"+cmd|' /C calc'!A0\n  | line two `code` *bold* <b>",
	}
	if diff := cmp.Diff(want, fails[1]); diff != "" {
		t.Errorf("hostile failure as rendered (-want +got):\n%s", diff)
	}
	var unknown []string
	for _, tb := range tables(got)[2:] {
		for _, row := range tb {
			if len(row) > 0 && row[0] == "AKS-LOG-01" {
				unknown = row
			}
		}
	}
	wantUnknown := []string{"AKS-LOG-01", "high", "workspace ws</details><img src=x onerror=alert(1)>", "ws",
		"</code></td></tr></table>\n# heading [link](http://evil.example/) www.evil.example a@evil.example"}
	if diff := cmp.Diff(wantUnknown, unknown); diff != "" {
		t.Errorf("hostile unknown as rendered (-want +got):\n%s", diff)
	}
}

// A large estate still fits in a pull-request comment.
func TestMarkdownBounded(t *testing.T) {
	r := fixture()
	base := r.Findings
	for i := 0; len(r.Findings) < 2000; i++ {
		f := base[i%len(base)]
		f.Resource.Name += strings.Repeat("x", i%7) + string(rune('a'+i%26))
		r.Findings = append(r.Findings, f)
	}
	r.Summary = report.Summarize(r.Findings)
	md := render(t, report.Markdown, r, report.Options{Rules: catalog()})
	if len(md) > 65536 {
		t.Errorf("%d bytes; GitHub refuses comments over 65,536 characters", len(md))
	}
	if !bytes.Contains(md, []byte("more not shown")) {
		t.Error("no note that rows were left out")
	}
}
