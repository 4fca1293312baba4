package report_test

import (
	"crypto/sha256"
	"encoding/base64"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/aksguard/aksguard/report"
	"github.com/aksguard/aksguard/rules"
)

func element(t *testing.T, page, tag string) string {
	t.Helper()
	re := regexp.MustCompile(`(?s)<` + tag + `>(.*?)</` + tag + `>`)
	m := re.FindAllStringSubmatch(page, -1)
	if len(m) != 1 {
		t.Fatalf("%d <%s> elements; want exactly one", len(m), tag)
	}
	return m[0][1]
}

// The page loads nothing from anywhere: no external reference, and a
// Content Security Policy that forbids every fetch and allows exactly the
// page's own style and script (by hash), so an injected element could not
// run or load either.
func TestHTMLSelfContained(t *testing.T) {
	page := string(render(t, report.HTML, fixture(), report.Options{Rules: catalog()}))
	for _, bad := range []string{"http://", "https://", "<link", "@import", "url(", "<iframe", "<img", "<object", "<embed"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	for _, m := range regexp.MustCompile(`(?:src|href|action)="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		if !strings.HasPrefix(m[1], "#") {
			t.Errorf("reference %q leaves the page", m[0])
		}
	}
	csp := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]+)">`).FindStringSubmatch(page)
	if csp == nil {
		t.Fatal("no Content-Security-Policy")
	}
	policy := html.UnescapeString(csp[1])
	hash := func(s string) string {
		sum := sha256.Sum256([]byte(s))
		return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	for _, want := range []string{
		"default-src 'none'",
		"style-src " + hash(element(t, page, "style")),
		"script-src " + hash(element(t, page, "script")),
	} {
		if !strings.Contains(policy, want) {
			t.Errorf("policy %q lacks %q", policy, want)
		}
	}
	if strings.Contains(page, "unsafe-inline") || strings.Contains(page, ` style="`) {
		t.Error("inline styles would need 'unsafe-inline'")
	}
}

// Input text is shown as text: no markup, no terminal escape, no
// bidirectional override reaches the page.
func TestHTMLEscaping(t *testing.T) {
	page := string(render(t, report.HTML, hostile(), report.Options{}))
	body := page[strings.Index(page, "<body>"):strings.LastIndex(page, "<script>")]
	for _, bad := range []string{"<script>alert", "<img", "</details><img", "<x/>", "<b>", "\x1b", "\u202e"} {
		if strings.Contains(body, bad) {
			t.Errorf("page body contains %q", bad)
		}
	}
	for _, want := range []string{
		"&lt;script&gt;alert(1)&lt;/script&gt;|`x`",
		`\x1b[31mred`,
		`\u202eevil`,
		"ws&lt;/details&gt;&lt;img src=x onerror=alert(1)&gt;",
		"&lt;img src=x&gt;.json:1",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page body lacks %q", want)
		}
	}
	if n := strings.Count(page, "<script"); n != 1 {
		t.Errorf("%d script elements; want the page's own only", n)
	}
}

// What a security lead reads: the counts, per section and in total, every
// finding with its evidence and location, the fix with a copy button for
// what needs one, the compliance view and the errors.
func TestHTMLContent(t *testing.T) {
	r := fixture()
	page := string(render(t, report.HTML, r, report.Options{Rules: catalog()}))
	for _, want := range []string{
		`data-count="fail">4<`, `data-count="pass">2<`, `data-count="unknown">1<`, `data-count="manual">1<`,
		`data-count="suppressed">1<`, `data-count="score">28%<`,
		`<tr data-section="iam"><th scope="row">IAM</th><td data-col="fail" class="nz">1</td><td data-col="unknown">1</td><td data-col="manual">0</td><td data-col="pass">2</td>`,
		`<tr data-section="audit"><th scope="row">Audit and monitoring</th>`,
		`<tr data-section="extra"><th scope="row">Beyond the brief</th>`,
		`aria-label="Network: 2 failed, 0 unknown, 0 manual, 0 passed"`,
		`<h3><span class="rtype">nsg</span> nsg-aks-nodes</h3>`,
		`<dt>Location</dt><dd><code>infra/aks.tf:18</code> · <code>api_server_access_profile.authorized_ip_ranges</code></dd>`,
		`<span>Remediation</span><button type="button" class="copy"`,
		`<span>Remediation, if the check fails</span>`,
		`<tr data-status="suppressed"><td><span class="badge st-suppressed">suppressed</span></td><td>A network policy engine is enabled</td>`,
		`<span class="badge e-error">error</span> <code>exports/bad.json:3:7</code> invalid character`,
		`.aksguard.yaml:12: AKS-NET-09 on aks-old: stale (reason: decommissioned)`,
		`Showing 9 of 9 findings`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if n := strings.Count(page, "data-finding "); n != len(r.Findings) {
		t.Errorf("%d findings on the page; want every one, %d", n, len(r.Findings))
	}
	// Passes need no fix; failures are open, the rest one click away.
	if n := strings.Count(page, `class="copy"`); n != len(r.Findings)-2 {
		t.Errorf("%d copy buttons; want one per finding but the 2 passes", n)
	}
	if n := strings.Count(page, "<details open>"); n != r.Summary.Fail {
		t.Errorf("%d findings open; want the %d unsuppressed failures", n, r.Summary.Fail)
	}
}

func TestHTMLEmpty(t *testing.T) {
	page := string(render(t, report.HTML, &report.Report{}, report.Options{}))
	for _, want := range []string{`data-count="score">–<`, "No rule applied to the inputs", "Every input was read."} {
		if !strings.Contains(page, want) {
			t.Errorf("empty page lacks %q", want)
		}
	}
	page = string(render(t, report.HTML, &report.Report{Findings: []rules.Finding{{Rule: "X", Verdict: rules.Manual}}}, report.Options{}))
	if !strings.Contains(page, `data-count="score">–<`) {
		t.Error("a score from manual checks only")
	}
}
