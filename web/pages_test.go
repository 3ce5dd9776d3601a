package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/store"
)

// page gets a page, checks its status and returns its HTML.
func (f *fixture) page(t *testing.T, target string, status int) string {
	t.Helper()
	w := f.get(t, target)
	if w.Code != status {
		t.Fatalf("%s: status %d, want %d: %.500s", target, w.Code, status, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("%s: content type %q", target, ct)
	}
	return w.Body.String()
}

func contains(t *testing.T, where, html string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(html, w) {
			t.Errorf("%s lacks %q", where, w)
		}
	}
}

func TestPages(t *testing.T) {
	f := sharedFixture(t)
	seed := strconv.FormatInt(f.docs["dev-seed"], 10)
	as, _ := f.st.Actors(ctx, store.ActorFilter{Name: "Andrei Belousov"})
	rus, _ := f.st.Actors(ctx, store.ActorFilter{Code: "RUS", Kind: "country"})
	if len(as) == 0 || len(rus) == 0 {
		t.Fatal("no Belousov or Russia in the store")
	}
	bel, ru := strconv.FormatInt(as[0].ID, 10), strconv.FormatInt(rus[0].ID, 10)

	home := f.page(t, "/", 200)
	contains(t, "home", home, "Latest events", "Latest quotes", `<form class="filters"`, "articles", `href="/static/style.css"`)

	s := f.page(t, "/?q=grain&country=RUS", 200)
	contains(t, "search", s, "<mark>sent grain</mark>", `href="/documents/`)
	s = f.page(t, "/?actor=Belousov&show=quotes", 200)
	contains(t, "quote search", s, "Belousov", "<blockquote>")
	if strings.Contains(s, "Latest events") || strings.Contains(s, "<h2>Events</h2>") {
		t.Error("show=quotes shows events")
	}
	s = f.page(t, "/?since=2025-13", http.StatusBadRequest)
	contains(t, "bad filter", s, `class="alert"`, "since")

	art := f.page(t, "/documents/"+seed, 200)
	contains(t, "article", art, "Belousov meets Malian counterpart Kamara", `class="article-text"`,
		`class="rec" data-target="q`, `class="rec" data-target="e`, `data-a="`, "m m-person", "m m-country", "Quotes", "Events")
	// Every record marks words of the text.
	for _, id := range regexpAll(art, `class="rec" data-target="([a-z0-9]+)"`) {
		if !strings.Contains(art, `data-a="`+id) && !strings.Contains(art, " "+id+`"`) && !strings.Contains(art, " "+id+" ") {
			t.Errorf("record %s marks nothing", id)
		}
	}
	f.page(t, "/documents/99999", http.StatusNotFound)
	f.page(t, "/documents/abc", http.StatusNotFound)

	p := f.page(t, "/actors/"+bel, 200)
	contains(t, "person", p, "Andrei Belousov", "Titles over time", "Defense Minister", "Counterparts", "Events as source", "Quotes")
	p = f.page(t, "/actors/"+ru, 200)
	contains(t, "country", p, "Russia", "Counterparts", `href="/dyad/RUS/MLI?both=1"`, "Events as target")
	p = f.page(t, "/actors/"+ru+"?since=2024&until=2024", 200)
	contains(t, "country in 2024", p, "2024-01-01 to 2024-12-31", "offered to meet")
	f.page(t, "/actors/99999", http.StatusNotFound)
	w := f.get(t, "/countries/rus")
	if w.Code != http.StatusFound || w.Header().Get("Location") != "/actors/"+ru {
		t.Errorf("/countries/rus: %d %q", w.Code, w.Header().Get("Location"))
	}
	f.page(t, "/countries/XYZ", http.StatusNotFound)
	contains(t, "actors", f.page(t, "/actors?kind=person", 200), "Andrei Belousov", "<table>")

	d := f.page(t, "/dyad/RUS/MLI?until=2024", 200)
	contains(t, "dyad", d, `<svg class="chart"`, `<rect class="bar q1"`, `<rect class="bar q4"`, `<path class="gline" d="M`,
		"2024-01", "2024-05", "offered to meet", `<option value="4">`)
	if n := strings.Count(d, `<g class="period">`); n != 5 {
		t.Errorf("dyad chart: %d periods, want 5 (January to May)", n)
	}
	d = f.page(t, "/dyad/RUS/MLI?until=2024&quad=4", 200)
	if strings.Contains(d, `class="bar q1"`) || !strings.Contains(d, `class="bar q4"`) || strings.Contains(d, "offered to meet") {
		t.Error("the QuadClass filter does not filter the dyad page")
	}
	d = f.page(t, "/dyad/rus/mli?until=2024&both=1&by=year", 200)
	contains(t, "dyad both ways by year", d, "RUS</span> ↔", "praised")
	f.page(t, "/dyad/RUS/M%3Cb%3E", http.StatusNotFound)
	f.page(t, "/dyad/RUS/MLI?quad=9", http.StatusBadRequest)

	ds := f.page(t, "/dyads?all=1", 200)
	contains(t, "dyads", ds, `href="/dyad/RUS/MLI`, `<svg class="qbar"`)
	contains(t, "dyads of the latest month", f.page(t, "/dyads", 200), "2025-06-01 to 2025-06-30")

	n := f.page(t, "/network?since=2024&until=2024", 200)
	contains(t, "network", n, `<svg class="network"`, `<line class="edge"`, `href="/countries/RUS"`, `href="/dyad/MLI/RUS?`, "Busiest pairs")
	contains(t, "network of the latest month", f.page(t, "/network", 200), "2025-06-01 to 2025-06-30")

	contains(t, "extract form", f.page(t, "/extract", 200), `<form class="extract" method="post"`, "<textarea")
	contains(t, "404", f.page(t, "/no/such/page", http.StatusNotFound), "404")
}

func TestExtractPage(t *testing.T) {
	f := sharedFixture(t)
	form := url.Values{"text": {"Russian Defense Minister Andrei Belousov met his Malian counterpart Sadio Camara in Moscow on Tuesday.\n\n\"We will work together,\" Belousov said. <script>window.__x=1</script>"},
		"published": {"2025-05-12"}}
	r := httptest.NewRequest(http.MethodPost, "/extract", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := f.do(t, r)
	if w.Code != 200 {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	html := w.Body.String()
	contains(t, "extract result", html, "not stored", `class="article-text"`, "m m-person", `data-target="q`, "&lt;script&gt;")
	if strings.Contains(html, "<script>window") {
		t.Error("pasted text is not escaped")
	}
	form.Set("published", "someday")
	r = httptest.NewRequest(http.MethodPost, "/extract", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if w := f.do(t, r); w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "not a date") {
		t.Errorf("a bad date: %d", w.Code)
	}
}

// An article that contains markup shows it as text, on its page, in
// search results and in the API.
func TestArticleTextIsEscaped(t *testing.T) {
	f := sharedFixture(t)
	id := strconv.FormatInt(f.docs["t-script"], 10)
	for _, target := range []string{"/documents/" + id, "/?q=statement", "/?q=" + url.QueryEscape("<script>alert(1)</script>")} {
		html := f.page(t, target, 200)
		for _, bad := range []string{"<script>window", "<img src=x", "</script><script>", "<script>alert"} {
			if strings.Contains(html, bad) {
				t.Errorf("%s: the page holds %q unescaped", target, bad)
			}
		}
		if strings.Count(html, "<script") != 1 { // the page's own script
			t.Errorf("%s: %d script elements", target, strings.Count(html, "<script"))
		}
	}
	html := f.page(t, "/documents/"+id, 200)
	contains(t, "escaped article", html, "&lt;script&gt;window.__xss = 1&lt;/script&gt;", "&lt;img src=x onerror=", "&lt;script&gt;window.__xssTitle")
	w := f.get(t, "/api/documents/"+id)
	if strings.Contains(w.Body.String(), "<script>") || !strings.Contains(w.Body.String(), `\u003cscript\u003e`) {
		t.Error("the API's JSON holds markup unescaped")
	}
	if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("CSP %q", csp)
	}
	if w.Header().Get("X-Content-Type-Options") != "nosniff" {
		t.Error("no nosniff")
	}
}

func TestStatic(t *testing.T) {
	f := sharedFixture(t)
	for _, p := range []string{"/static/style.css", "/static/app.js", "/static/favicon.svg"} {
		w := f.get(t, p)
		if w.Code != 200 || w.Body.Len() == 0 || w.Header().Get("Cache-Control") == "" {
			t.Errorf("%s: %d, %d bytes", p, w.Code, w.Body.Len())
		}
	}
	if w := f.get(t, "/static/nope.js"); w.Code != 404 {
		t.Errorf("a missing asset: %d", w.Code)
	}
}

func TestSegments(t *testing.T) {
	text := "Putin said “we will win” in Moscow."
	put := strings.Index(text, "Putin")
	q := strings.Index(text, "we will win")
	mos := strings.Index(text, "Moscow")
	anns := []annotation{
		{span: parley.Span{Start: put, End: put + 5}, class: "m m-person", id: "a1"},
		{span: parley.Span{Start: q, End: q + len("we will win")}, class: "q qc-0", id: "q1"},
		{span: parley.Span{Start: q + 3, End: q + 7}, class: "t", id: "e1"},
		{span: parley.Span{Start: 0, End: len(text)}, class: "ev", id: "e1", ctx: true},
		{span: parley.Span{Start: mos, End: mos + 6}, class: "m m-country", id: "a2"},
		{span: parley.Span{Start: mos + 1, End: mos + 99}, class: "bad"}, // past the end: clamped
		{span: parley.Span{Start: 9, End: 3}, class: "bad"},              // reversed: dropped
	}
	segs := segments(text, anns)
	var joined strings.Builder
	for _, s := range segs {
		joined.WriteString(s.Text)
	}
	if joined.String() != text {
		t.Fatalf("segments do not rebuild the text: %q", joined.String())
	}
	find := func(s string) segment {
		for _, x := range segs {
			if x.Text == s {
				return x
			}
		}
		t.Fatalf("no segment %q in %+v", s, segs)
		return segment{}
	}
	if s := find("Putin"); s.Class != "m m-person ev" || s.IDs != "a1" || s.Ctx != "e1" {
		t.Errorf("Putin: %+v", s)
	}
	if s := find("will"); s.Class != "q qc-0 t ev" || s.IDs != "q1 e1" {
		t.Errorf("will: %+v", s)
	}
	if s := find("we "); s.IDs != "q1" {
		t.Errorf("we: %+v", s)
	}
	// A span inside a character is moved to the character's edge.
	segs = segments("é", []annotation{{span: parley.Span{Start: 1, End: 2}, class: "x"}})
	for _, s := range segs {
		if s.Class != "" {
			t.Errorf("a span inside a character: %+v", segs)
		}
	}
}

func TestBarChart(t *testing.T) {
	rows := []store.TimelineRow{
		{Period: "2024-11", Events: 3, Quad: [4]int{1, 0, 0, 2}, MeanGoldstein: -5},
		{Period: "2025-02", Events: 8, Quad: [4]int{2, 2, 2, 2}, MeanGoldstein: 1},
	}
	c := newBarChart(rows, "month")
	if c.Periods != 4 || len(c.Bars) != 4 || c.Total != 11 || c.MaxEvents != 8 {
		t.Fatalf("chart: %d periods, %d bars, %d events", c.Periods, len(c.Bars), c.Total)
	}
	if len(c.Bars[1].Segs) != 0 || len(c.Bars[0].Segs) != 2 || len(c.Bars[3].Segs) != 4 {
		t.Errorf("segments: %+v", c.Bars)
	}
	// The empty months break the Goldstein line.
	if strings.Count(c.Line, "M") != 2 || len(c.Dots) != 2 {
		t.Errorf("line %q", c.Line)
	}
	// Bars stand on the axis and fit under the top.
	for _, b := range c.Bars {
		y := c.Bottom
		for _, s := range b.Segs {
			if s.Y < c.Top-0.5 || s.Y+s.H > y+0.5 {
				t.Errorf("segment %+v out of place", s)
			}
			y = s.Y
		}
	}
	if c.MeanGoldstein != (-5*3+1*8)/11.0 {
		t.Errorf("mean %v", c.MeanGoldstein)
	}
	for n, want := range map[int]int{0: 4, 3: 4, 5: 8, 37: 40, 120: 120, 999: 1000, 7256: 8000} {
		if got := niceCeil(n); got != want {
			t.Errorf("niceCeil(%d) = %d, want %d", n, got, want)
		}
	}
	if rows := fillPeriods([]store.TimelineRow{{Period: "2025-01-06"}, {Period: "2025-01-27"}}, "week"); len(rows) != 4 {
		t.Errorf("weeks: %+v", rows)
	}
}

func TestNetView(t *testing.T) {
	edges := []store.NetworkEdge{
		{Source: "RUS", Target: "UKR", Events: 30, MeanGoldstein: -8},
		{Source: "UKR", Target: "RUS", Events: 10, MeanGoldstein: -4},
		{Source: "RUS", Target: "MLI", Events: 5, MeanGoldstein: 6},
		{Source: "FRA", Target: "MLI", Events: 1, MeanGoldstein: 0},
	}
	nv := newNetView(edges, 3)
	if len(nv.Nodes) != 3 || nv.Omitted != 1 || len(nv.Edges) != 2 {
		t.Fatalf("nodes %+v, edges %+v", nv.Nodes, nv.Edges)
	}
	if nv.Nodes[0].Code != "MLI" || nv.Nodes[1].Code != "RUS" || nv.Nodes[2].Code != "UKR" {
		t.Errorf("not in alphabetical order: %+v", nv.Nodes)
	}
	top := nv.Edges[len(nv.Edges)-1]
	if top.A != "RUS" || top.B != "UKR" || top.Events != 40 || top.AB != 30 || top.BA != 10 || top.Mean != -7 {
		t.Errorf("the two directions merged: %+v", top)
	}
	if goldsteinColor(-10) != "#c83228" || goldsteinColor(0) != "#969ca3" || goldsteinColor(10) != "#1a8c5a" {
		t.Errorf("colours %s %s %s", goldsteinColor(-10), goldsteinColor(0), goldsteinColor(10))
	}
	again := newNetView(edges, 3)
	for i := range nv.Nodes {
		if nv.Nodes[i] != again.Nodes[i] {
			t.Error("the layout is not deterministic")
		}
	}
}
