package report_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/aksguard/aksguard/report"
	"github.com/aksguard/aksguard/rules"
)

// chromium finds the browser: $CHROMIUM, else Debian's chromium package
// (which .ci/run installs) or another Chromium on PATH.
func chromium() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// artifacts is where the browser test leaves its screenshots and PDF:
// $ARTIFACTS_DIR when CI sets it, else testdata/out (ignored by git).
func artifacts(t *testing.T) string {
	dir := os.Getenv("ARTIFACTS_DIR")
	if dir == "" {
		dir = filepath.Join("testdata", "out")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browserPage opens path in a fresh headless Chromium with the flags that
// work on these machines (no sandbox as root, no GPU, no background
// networking), and records every request and every console message.
type browserPage struct {
	ctx      context.Context
	mu       sync.Mutex
	requests []string
	console  []string
}

func openInChromium(t *testing.T, path string) *browserPage {
	t.Helper()
	bin := chromium()
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but no Chromium: .ci/run must `apt-get install -y chromium` (or set $CHROMIUM)")
		}
		t.Skip("no Chromium on this machine (apt-get install chromium, or set $CHROMIUM)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelTab := chromedp.NewContext(ctx)
	t.Cleanup(cancelTab)
	p := &browserPage{ctx: ctx}
	// Start the browser, then listen before loading anything.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	err := chromedp.Listen(ctx, func(ev any) {
		p.mu.Lock()
		defer p.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			p.requests = append(p.requests, ev.Request.URL)
		case *cdpruntime.EventExceptionThrown:
			p.console = append(p.console, "exception: "+ev.ExceptionDetails.Text)
		case *cdpruntime.EventConsoleAPICalled:
			p.console = append(p.console, fmt.Sprintf("console.%s", ev.Type))
		case *cdplog.EventEntryAdded:
			// Content Security Policy violations land here.
			p.console = append(p.console, fmt.Sprintf("%s %s: %s", ev.Entry.Source, ev.Entry.Level, ev.Entry.Text))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.ToSlash(abs)), chromedp.WaitReady(chromedp.CSS("#shown"))); err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
	return p
}

func eval[T any](t *testing.T, p *browserPage, js string) T {
	t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

func (p *browserPage) click(t *testing.T, sel string) {
	t.Helper()
	if err := chromedp.Do(p.ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
}

func (p *browserPage) screenshot(t *testing.T, name string) {
	t.Helper()
	png, err := chromedp.Run(p.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(artifacts(t), name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

const visibleFindings = `[...document.querySelectorAll('[data-finding]')].filter(e => e.offsetParent !== null).length`

// The HTML report in a real browser: it loads with no request beyond the
// file, its script runs under its own security policy, the counts on the
// page are the JSON report's, the filters change what is shown, the copy
// button answers, it fits a phone's width, and it prints with every finding
// expanded and no controls.
func TestHTMLInChromium(t *testing.T) {
	r := fixture()
	r.Practices = report.Compliance(r.Findings, catalog())
	var fromJSON report.Report
	if err := json.Unmarshal(render(t, report.JSON, r, report.Options{}), &fromJSON); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(path, render(t, report.HTML, r, report.Options{Rules: catalog()}), 0o644); err != nil {
		t.Fatal(err)
	}
	p := openInChromium(t, path)

	if !eval[bool](t, p, `document.documentElement.classList.contains('js')`) {
		t.Fatal("the page's script did not run (blocked by its own policy?)")
	}

	// The counts on the page are the JSON report's.
	counts := eval[map[string]string](t, p,
		`Object.fromEntries([...document.querySelectorAll('[data-count]')].map(e => [e.dataset.count, e.textContent.trim()]))`)
	s := fromJSON.Summary
	suppressed := 0
	for _, f := range fromJSON.Findings {
		if f.Suppressed {
			suppressed++
		}
	}
	want := map[string]string{
		"fail": fmt.Sprint(s.Fail), "pass": fmt.Sprint(s.Pass), "unknown": fmt.Sprint(s.Unknown),
		"manual": fmt.Sprint(s.Manual), "suppressed": fmt.Sprint(suppressed), "score": fmt.Sprintf("%d%%", s.Pass*100/(s.Pass+s.Fail+s.Unknown)),
	}
	for k, v := range want {
		if counts[k] != v {
			t.Errorf("page shows %s = %q; the JSON report says %q", k, counts[k], v)
		}
	}
	// Per section too, against counts made from the JSON findings.
	bySection := map[string]*report.Summary{}
	for _, f := range fromJSON.Findings {
		if f.Suppressed {
			continue
		}
		k := string(f.Section)
		if bySection[k] == nil {
			bySection[k] = &report.Summary{}
		}
		*bySection[k] = addVerdict(*bySection[k], f.Verdict)
	}
	rows := eval[map[string][]string](t, p, `Object.fromEntries([...document.querySelectorAll('#section-counts tbody tr')].map(
		tr => [tr.dataset.section, ['fail','unknown','manual','pass'].map(c => tr.querySelector('[data-col='+c+']').textContent.trim())]))`)
	for sec, sum := range bySection {
		w := []string{fmt.Sprint(sum.Fail), fmt.Sprint(sum.Unknown), fmt.Sprint(sum.Manual), fmt.Sprint(sum.Pass)}
		if fmt.Sprint(rows[sec]) != fmt.Sprint(w) {
			t.Errorf("section %s row %v; the JSON findings give %v", sec, rows[sec], w)
		}
	}

	// Every finding is shown, and the page fits the window.
	total := len(fromJSON.Findings)
	if n := eval[int](t, p, visibleFindings); n != total {
		t.Errorf("%d findings visible; want all %d", n, total)
	}
	if w := eval[int](t, p, `document.documentElement.scrollWidth`); w > 1280 {
		t.Errorf("page is %d px wide in a 1280 px window", w)
	}
	p.screenshot(t, "report-1280.png")

	// Filters: leave out passes, then the network section.
	p.click(t, `input[name=verdict][value=pass]`)
	if n := eval[int](t, p, visibleFindings); n != total-s.Pass {
		t.Errorf("without passes, %d findings visible; want %d", n, total-s.Pass)
	}
	p.click(t, `input[name=section][value=network]`)
	network := 0
	for _, f := range fromJSON.Findings {
		if f.Section == rules.Network && f.Verdict != rules.Passed {
			network++
		}
	}
	if n := eval[int](t, p, visibleFindings); n != total-s.Pass-network {
		t.Errorf("without passes and network, %d findings visible; want %d", n, total-s.Pass-network)
	}
	if shown := eval[string](t, p, `document.getElementById('shown').textContent`); shown != fmt.Sprintf("Showing %d of %d findings", total-s.Pass-network, total) {
		t.Errorf("status line %q", shown)
	}
	if eval[bool](t, p, `[...document.querySelectorAll('[data-resource]')].some(r => r.offsetParent !== null && r.textContent.includes('nsg-aks-nodes'))`) {
		t.Error("a resource with no finding left is still shown")
	}
	p.screenshot(t, "report-1280-filtered.png")
	p.click(t, `#show-all`)
	if n := eval[int](t, p, visibleFindings); n != total {
		t.Errorf("after Show all, %d findings visible; want %d", n, total)
	}

	// The copy button answers, with the text copied or selected to copy.
	p.click(t, `.fix .copy`)
	answer, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`new Promise(resolve => {
		const b = document.querySelector('.fix .copy'), start = Date.now();
		(function wait() {
			if (b.textContent !== 'Copy' || Date.now() - start > 3000) { resolve(b.textContent); } else { setTimeout(wait, 20); }
		})();
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if b := answer; b != "Copied" && b != "Press Ctrl+C" {
		t.Errorf("copy button says %q after a click", b)
	}

	// A phone: no sideways scrolling.
	if err := chromedp.Do(p.ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	if w := eval[int](t, p, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("page is %d px wide on a 390 px phone", w)
	}
	p.screenshot(t, "report-390.png")
	if err := chromedp.Do(p.ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}

	// Print: filters and buttons hidden, every finding shown and expanded,
	// even those filtered out on screen.
	collapsedHidden := `[...document.querySelectorAll('.finding > details:not([open]) dl')].filter(e => !e.checkVisibility()).length`
	if n := eval[int](t, p, collapsedHidden); n != total-s.Fail {
		t.Errorf("on screen, %d findings are collapsed; want all but the %d failures", n, s.Fail)
	}
	p.click(t, `input[name=verdict][value=fail]`)
	if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	if d := eval[string](t, p, `getComputedStyle(document.getElementById('filters')).display`); d != "none" {
		t.Errorf("filters print (display %q)", d)
	}
	if n := eval[int](t, p, `[...document.querySelectorAll('.copy')].filter(e => e.offsetParent !== null).length`); n != 0 {
		t.Errorf("%d copy buttons print", n)
	}
	if n := eval[int](t, p, visibleFindings); n != total {
		t.Errorf("%d findings print; want all %d", n, total)
	}
	if n := eval[int](t, p, collapsedHidden); n != 0 {
		t.Errorf("%d collapsed findings print without their details", n)
	}
	pdf, err := chromedp.Run(p.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPrintBackground()))
	if err != nil {
		t.Fatalf("print: %v", err)
	}
	if err := os.WriteFile(filepath.Join(artifacts(t), "report.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}

	// Nothing but the file itself was requested, and the page logged no
	// error (a policy violation, an exception).
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, u := range p.requests {
		if !strings.HasPrefix(u, "file://") {
			t.Errorf("the page requested %s", u)
		}
	}
	if len(p.requests) == 0 {
		t.Error("no request seen at all: is the network domain listened to?")
	}
	for _, m := range p.console {
		t.Errorf("console: %s", m)
	}
}

func addVerdict(s report.Summary, v rules.Verdict) report.Summary {
	switch v {
	case rules.Passed:
		s.Pass++
	case rules.Failed:
		s.Fail++
	case rules.Unknown:
		s.Unknown++
	case rules.Manual:
		s.Manual++
	}
	return s
}
