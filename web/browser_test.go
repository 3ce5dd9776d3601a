package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The end-to-end tests drive a real Chromium (Debian's chromium package,
// which scripts/deps.sh installs) against the server on a loopback port.
// Without a Chromium they are skipped, unless CI=true: there they fail.
// $CHROMIUM names another browser binary. With $PARLEY_SCREENSHOTS set to
// a folder, they save a screenshot of every page they look at there.

func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome-stable", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	return ""
}

var browser struct {
	once   sync.Once
	ctx    context.Context
	cancel context.CancelFunc
	err    error
}

// browse starts the browser once for all tests and returns a new tab on
// the server, with a time limit.
func browse(t *testing.T, f *fixture) (context.Context, string) {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no Chromium found, and CI=true: install it with scripts/deps.sh (apt-get install chromium) or set $CHROMIUM")
		}
		t.Skip("no Chromium found: browser tests skipped (install it with scripts/deps.sh, or set $CHROMIUM)")
	}
	browser.once.Do(func() {
		dir, err := os.MkdirTemp("", "parley-chromium-")
		if err != nil {
			browser.err = err
			return
		}
		opts := []chromedp.ExecAllocatorOption{
			chromedp.ExecPath(path),
			chromedp.Headless,
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.NoDefaultBrowserCheck,
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-dev-shm-usage", true),
			chromedp.UserDataDir(dir),
			chromedp.WindowSize(1280, 900),
		}
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		bctx, cancelBrowser := chromedp.NewContext(alloc)
		browser.ctx = bctx
		browser.cancel = func() {
			cancelBrowser()
			cancelAlloc()
			os.RemoveAll(dir)
		}
		// The first run starts the browser and binds its life to bctx: it
		// must have no time limit of its own (the test binary has one).
		browser.err = chromedp.Do(bctx)
	})
	if browser.err != nil {
		t.Fatalf("starting %s: %v", path, browser.err)
	}
	ts := httptest.NewServer(f.srv) // 127.0.0.1, a free port
	t.Cleanup(ts.Close)
	tab, closeTab := chromedp.NewContext(browser.ctx)
	if err := chromedp.Do(tab); err != nil { // opens the tab, bound to tab
		closeTab()
		t.Fatal(err)
	}
	tctx, cancel := context.WithTimeout(tab, 60*time.Second)
	t.Cleanup(func() {
		cancel()
		closeTab()
	})
	return tctx, ts.URL
}

// eval runs JavaScript in the tab and returns its value.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func screenshot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("PARLEY_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Error(err)
	}
}

// Open an article, click a quote: its words are marked in the text.
func TestBrowserArticleMarksQuote(t *testing.T) {
	f := sharedFixture(t)
	c, base := browse(t, f)
	id := f.docs["dev-seed"]
	doc, err := f.st.Document(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Quotes) < 2 || len(doc.Events) == 0 {
		t.Fatalf("the article has %d quotes, %d events", len(doc.Quotes), len(doc.Events))
	}
	q := doc.Quotes[1]
	sel := chromedp.CSS(fmt.Sprintf(`.rec[data-target="q%d"]`, q.Span.Start))
	do(t, c, chromedp.Navigate(base+"/documents/"+strconv.FormatInt(id, 10)), chromedp.WaitVisible(sel))
	if n := eval[int](t, c, `document.querySelectorAll('.article-text .marked').length`); n != 0 {
		t.Errorf("%d spans marked before the click", n)
	}
	do(t, c, chromedp.Click(sel), chromedp.WaitVisible(chromedp.CSS(`.article-text .marked`)))
	// The quote's own words: the marked spans of the quotation.
	marked := eval[string](t, c, `Array.from(document.querySelectorAll('.article-text .q.marked')).map(e => e.textContent).join('')`)
	if marked != q.Text {
		t.Errorf("marked %q, want the quote %q", marked, q.Text)
	}
	if active := eval[string](t, c, `document.querySelector('.rec.active').dataset.target`); active != fmt.Sprintf("q%d", q.Span.Start) {
		t.Errorf("the active record is %q", active)
	}
	time.Sleep(600 * time.Millisecond) // the smooth scroll
	top := eval[float64](t, c, `document.querySelector('.article-text .marked').getBoundingClientRect().top`)
	if top < -5 || top > 900 {
		t.Errorf("the marked words are not on screen (top %v)", top)
	}
	screenshot(t, c, "article-quote-marked")

	// Clicking an event marks its trigger words.
	e := doc.Events[0]
	do(t, c, chromedp.Click(chromedp.CSS(fmt.Sprintf(`.rec[data-target="e%d"]`, e.TriggerSpan.Start))))
	trig := eval[string](t, c, `Array.from(document.querySelectorAll('.article-text .t.marked')).map(e => e.textContent).join('')`)
	if trig != e.Trigger {
		t.Errorf("marked trigger %q, want %q", trig, e.Trigger)
	}
	if n := eval[int](t, c, `document.querySelectorAll('.article-text .q.marked').length`); n != 0 {
		t.Errorf("the quote stays marked: %d spans", n)
	}
}

// An article holding markup shows it as text, and runs none of it.
func TestBrowserArticleWithScript(t *testing.T) {
	f := sharedFixture(t)
	c, base := browse(t, f)
	do(t, c, chromedp.Navigate(base+"/documents/"+strconv.FormatInt(f.docs["t-script"], 10)),
		chromedp.WaitVisible(chromedp.CSS(`.article-text`)),
		chromedp.Sleep(200*time.Millisecond)) // time for an injected handler to run, if there were one
	if eval[bool](t, c, `window.__xss !== undefined || window.__xssTitle !== undefined`) {
		t.Error("the article's script ran")
	}
	text := eval[string](t, c, `document.querySelector('.article-text').textContent`)
	title := eval[string](t, c, `document.querySelector('.doc h1').textContent`)
	if !strings.Contains(text, "<script>window.__xss = 1</script>") || !strings.Contains(text, `<img src=x onerror="window.__xss = 2">`) || !strings.Contains(title, "<script>") {
		t.Errorf("the markup does not show as text: %q / %q", title, text)
	}
}

// The dyad page draws its chart, and its filter narrows chart and events.
func TestBrowserDyadFilter(t *testing.T) {
	f := sharedFixture(t)
	c, base := browse(t, f)
	do(t, c, chromedp.Navigate(base+"/dyad/RUS/MLI?until=2024-12"), chromedp.WaitVisible(chromedp.CSS(`svg.chart`)))
	// Five months, six events, each of one QuadClass: six bar segments, drawn.
	bars := eval[int](t, c, `document.querySelectorAll('svg.chart rect.bar').length`)
	width := eval[float64](t, c, `document.querySelector('svg.chart').getBoundingClientRect().width`)
	heights := eval[[]float64](t, c, `Array.from(document.querySelectorAll('svg.chart rect.bar')).map(r => r.getBoundingClientRect().height)`)
	if bars != 6 || width < 400 {
		t.Fatalf("chart: %d bars, %v px wide", bars, width)
	}
	for _, h := range heights {
		if h <= 0 {
			t.Errorf("a bar is not drawn: heights %v", heights)
		}
	}
	if eval[float64](t, c, `document.querySelector('svg.chart path.gline').getTotalLength()`) <= 0 {
		t.Error("no Goldstein line")
	}
	screenshot(t, c, "dyad")

	// Filter: material conflict only, with the form.
	do(t, c, chromedp.SetValue(chromedp.CSS(`#dyad-filters select[name=quad]`), "4"),
		chromedp.Click(chromedp.CSS(`#dyad-filters button[type=submit]`)),
		chromedp.WaitReady(chromedp.CSS(`#dyad-filters select[name=quad] option[value="4"][selected]`)))
	loc, err := chromedp.Run(c, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(loc, "quad=4") || !strings.Contains(loc, "until=2024-12") {
		t.Errorf("the filter's address: %s", loc)
	}
	bars = eval[int](t, c, `document.querySelectorAll('svg.chart rect.bar').length`)
	q4 := eval[int](t, c, `document.querySelectorAll('svg.chart rect.bar.q4').length`)
	rows := eval[int](t, c, `document.querySelectorAll('table.events tbody tr').length`)
	if bars != 1 || q4 != 1 || rows != 1 {
		t.Errorf("after the filter: %d bars (%d of QuadClass 4), %d events; want 1, 1, 1", bars, q4, rows)
	}
	screenshot(t, c, "dyad-filtered")
}

// The other pages render in the browser (and give screenshots to look at).
func TestBrowserPages(t *testing.T) {
	f := sharedFixture(t)
	c, base := browse(t, f)
	for _, p := range []struct{ name, path, sel string }{
		{"search", "/", "table.events"},
		{"network", "/network?since=2024&until=2025", "svg.network line.edge"},
		{"actor", "/countries/RUS", "table.counterparts"},
		{"dyads", "/dyads?all=1", "table.dyads"},
		{"extract", "/extract", "form.extract textarea"},
	} {
		if err := chromedp.Do(c, chromedp.Navigate(base+p.path), chromedp.WaitVisible(chromedp.CSS(p.sel))); err != nil {
			t.Errorf("%s: %v", p.name, err)
			continue
		}
		screenshot(t, c, p.name)
	}
	// Extract: paste, read, see it annotated.
	do(t, c, chromedp.SetValue(chromedp.CSS(`form.extract textarea`), "Russian Defense Minister Andrei Belousov met his Malian counterpart Sadio Camara in Moscow on Tuesday.\n\n“We will work together,” Belousov said."),
		chromedp.Click(chromedp.CSS(`form.extract button`)),
		chromedp.WaitVisible(chromedp.CSS(`.article-text`)))
	if n := eval[int](t, c, `document.querySelectorAll('.article-text .m-person').length`); n == 0 {
		t.Error("the extract page marks no person")
	}
	screenshot(t, c, "extract-result")
}
