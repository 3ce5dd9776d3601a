package read

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

func gz(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSniff(t *testing.T) {
	longLine := `{"id": "1", "text": "` + strings.Repeat("word ", 4000) + `"}` + "\n"
	binary := []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'}
	tests := []struct {
		name string
		in   []byte
		want Format
	}{
		{"text", []byte("Officials said on Friday that talks would resume.\n\nA second paragraph."), FormatText},
		{"empty", nil, FormatText},
		{"text with a less-than", []byte("If a < b and c > d then nothing here is markup."), FormatText},
		{"latin-1 text", []byte("Caf\xe9 owners in S\xe3o Paulo protested on Monday against new taxes."), FormatText},
		{"doctype", []byte("<!DOCTYPE html>\n<html><head><title>x</title></head><body><p>x</p></body></html>"), FormatHTML},
		{"html no doctype", []byte("  <html>\n<body>hi</body></html>"), FormatHTML},
		{"comment first", []byte("<!-- saved page -->\n<!doctype html><html>"), FormatHTML},
		{"fragment", []byte("<div class=x><p>One paragraph.</p><p>Another.</p></div>"), FormatHTML},
		{"tags after text", []byte("Story\n<p>One paragraph.</p>\n<p>Another <b>bold</b>.</p>"), FormatHTML},
		{"xhtml", []byte(`<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html xmlns="http://www.w3.org/1999/xhtml">`), FormatHTML},
		{"rss", []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<rss version="2.0"><channel>`), FormatFeed},
		{"rss no decl", []byte(`<rss version="2.0"><channel><title>x</title>`), FormatFeed},
		{"atom", []byte(`<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">`), FormatFeed},
		{"rdf", []byte(`<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`), FormatFeed},
		{"json feed", []byte(`{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": []}`), FormatFeed},
		{"jsonl", []byte(`{"id": "1", "text": "a"}` + "\n" + `{"id": "2", "text": "b"}` + "\n"), FormatJSONL},
		{"jsonl one line no newline", []byte(`{"id": "1", "text": "a"}`), FormatJSONL},
		{"jsonl long first line", []byte(longLine)[:SniffLen], FormatJSONL},
		{"brace text", []byte("{not json} but a story that begins with a brace.\nMore text."), FormatText},
		{"pretty json", []byte("{\n  \"id\": \"1\"\n}\n"), FormatText},
		{"warc", []byte("WARC/1.1\r\nWARC-Type: warcinfo\r\n"), FormatWARC},
		{"warc.gz", gz(t, []byte("WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n")), FormatWARC},
		{"jsonl.gz", gz(t, []byte(`{"id": "1", "text": "a"}`+"\n")), FormatJSONL},
		{"binary png", binary, FormatUnknown},
		{"nul bytes", []byte("abc\x00def\x00ghi"), FormatUnknown},
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), FormatUnknown},
		{"gzip of gzip", gz(t, gz(t, []byte("hello"))), FormatUnknown},
		{"utf-16 text", []byte{0xFF, 0xFE, 'H', 0, 'i', 0, ' ', 0, 't', 0, 'h', 0, 'e', 0, 'r', 0, 'e', 0}, FormatText},
		{"bom html", append([]byte{0xEF, 0xBB, 0xBF}, "<!doctype html><html>"...), FormatHTML},
	}
	for _, tt := range tests {
		if got := Sniff(tt.in); got != tt.want {
			t.Errorf("%s: Sniff = %v, want %v", tt.name, got, tt.want)
		}
	}
	for f := FormatUnknown; f <= FormatWARC; f++ {
		g, err := ParseFormat(f.String())
		if f == FormatUnknown {
			if err == nil {
				t.Errorf("ParseFormat(unknown) gave no error")
			}
			continue
		}
		if err != nil || g != f {
			t.Errorf("ParseFormat(%q) = %v, %v", f.String(), g, err)
		}
	}
}

func TestArticleHTML(t *testing.T) {
	b, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Article("testdata/article.html", b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != "testdata/article.html" {
		t.Errorf("ID = %q", d.ID)
	}
	if d.Title != "Ceasefire talks resume in Doha" {
		t.Errorf("Title = %q", d.Title)
	}
	if d.Published != "2025-03-14" { // as written, not converted to UTC (would be the 15th)
		t.Errorf("Published = %q", d.Published)
	}
	if d.URL != "https://news.example.com/world/ceasefire-talks-resume" || d.Source != "Example News" {
		t.Errorf("URL, Source = %q, %q", d.URL, d.Source)
	}
	paras := strings.Split(d.Text, "\n\n")
	if len(paras) != 4 {
		t.Fatalf("want 4 paragraphs, got %d:\n%s", len(paras), d.Text)
	}
	if !strings.HasPrefix(paras[0], "Negotiators from both sides returned to Doha") ||
		!strings.HasPrefix(paras[2], "“We are cautiously optimistic,” said") ||
		!strings.HasSuffix(paras[3], "without delay.") {
		t.Errorf("unexpected paragraphs:\n%s", d.Text)
	}
	for _, junk := range []string{"TRACKING", "AD SLOT", "Subscribe", "Copyright", "Related stories",
		"Markets rally", "font-family", "FILE - Delegates", "Privacy"} {
		if strings.Contains(d.Text, junk) {
			t.Errorf("text holds boilerplate %q:\n%s", junk, d.Text)
		}
	}
	for _, p := range paras {
		if strings.TrimSpace(p) != p || strings.Contains(p, "\n") || strings.Contains(p, "  ") {
			t.Errorf("paragraph not clean: %q", p)
		}
	}
}

const ldPage = `<!doctype html><html><head><title>Rebels seize town - The Daily Wire Service</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Daily Wire Service", "url": "https://dws.example.org/"},
  {"@type": "WebPage", "datePublished": "2024-12-01T08:00:00Z"},
  {"@type": ["NewsArticle"], "headline": "Rebels seize northern town", "datePublished": "2025-01-09T22:15:00-08:00",
   "author": {"@type": "Person", "name": "A. Writer", "datePublished": "1999-01-01"}}
]}
</script>
</head><body>
<div id="menu"><a href="/">Home</a> | <a href="/world">World</a></div>
<div class="content">
<p>Rebel fighters seized the northern town of Example on Thursday after two days of heavy fighting with government troops, residents said by telephone.</p>
<p>The army said it had withdrawn to defensive positions south of the town to protect civilians, and that reinforcements were on their way from the capital.</p>
<p>Aid groups said thousands of people had fled towards the border, many of them on foot, and appealed for safe passage for convoys carrying food and medicine.</p>
</div>
</body></html>`

func TestArticleJSONLD(t *testing.T) {
	d, err := Article("ld.html", []byte(ldPage), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Published != "2025-01-09" {
		t.Errorf("Published = %q, want the NewsArticle's day as written", d.Published)
	}
	if !strings.HasPrefix(d.Title, "Rebels seize") {
		t.Errorf("Title = %q", d.Title)
	}
	if n := len(strings.Split(d.Text, "\n\n")); n != 3 || strings.Contains(d.Text, "Home") {
		t.Errorf("want 3 body paragraphs, got %d:\n%s", n, d.Text)
	}

	// The meta fallbacks when readability finds no date: JSON-LD (through
	// @graph), then <time datetime>.
	m := collectMeta(mustParse(t, ldPage))
	if got := m.published(); got != "2025-01-09" {
		t.Errorf("meta JSON-LD date = %q", got)
	}
	m = collectMeta(mustParse(t, `<html><body><p>x</p><time datetime="2020-02-02">Feb 2</time>
		<span itemprop="datePublished" content="2021-03-04T01:00:00+09:00"></span></body></html>`))
	if got := m.published(); got != "2021-03-04" {
		t.Errorf("itemprop date = %q", got)
	}
	m = collectMeta(mustParse(t, `<html><body><p>x</p><time datetime="2020-02-02T10:00">Feb 2</time></body></html>`))
	if got := m.published(); got != "2020-02-02" {
		t.Errorf("<time> date = %q", got)
	}
	for _, tag := range []string{
		`<meta name="parsely-pub-date" content="2019-05-06T07:08:09Z">`,
		`<meta name="sailthru.date" content="2019-05-06 07:08:09">`,
		`<meta name="dc.date" content="2019-05-06">`,
		`<meta property="og:published_time" content="2019-05-06T23:59:59-11:00">`,
		`<meta itemprop="datePublished" content="Mon, 06 May 2019 10:00:00 GMT">`,
	} {
		m = collectMeta(mustParse(t, "<html><head>"+tag+"</head><body></body></html>"))
		if got := m.published(); got != "2019-05-06" {
			t.Errorf("%s: date = %q", tag, got)
		}
	}
}

func TestArticleHTMLFallback(t *testing.T) {
	// A tiny page readability may refuse: the body text still comes through,
	// one paragraph per block, <br><br> splitting paragraphs.
	page := `<html><head><title>Short</title></head><body><nav>Menu</nav>
		<div>First line of the story.<br><br>Second paragraph here.</div>
		<ul><li>One item</li><li>Two items</li></ul><footer>Footer text</footer></body></html>`
	d, err := Article("short.html", []byte(page), Options{Published: "2024-02-03T10:00:00Z"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Short" || d.Published != "2024-02-03" {
		t.Errorf("Title, Published = %q, %q", d.Title, d.Published)
	}
	if strings.Contains(d.Text, "Menu") || strings.Contains(d.Text, "Footer") ||
		!strings.Contains(d.Text, "First line of the story.\n\nSecond paragraph here.") {
		t.Errorf("text = %q", d.Text)
	}

	// Windows-1252 declared in a meta tag is decoded, not replaced.
	page = "<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title></head><body><p>Caf\xe9 society \x93quoted\x94.</p></body></html>"
	d, err = Article("cp1252.html", []byte(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Café" || d.Text != "Café society “quoted”." {
		t.Errorf("windows-1252: %q %q", d.Title, d.Text)
	}

	if _, err := Article("empty.html", []byte("<html><body><nav>only a menu</nav></body></html>"), Options{}); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty page: err = %v", err)
	}
}

func TestArticleText(t *testing.T) {
	var warned []string
	opt := Options{Published: "Fri, 14 Mar 2025 20:30:26 GMT", Warn: func(item, msg string) { warned = append(warned, item+": "+msg) }}
	d, err := Article("story.txt", []byte("\r\n  First paragraph.\r\nStill first.\r\n\r\nSecond \xff paragraph.\r\n"), opt)
	if err != nil {
		t.Fatal(err)
	}
	if want := "First paragraph.\nStill first.\n\nSecond \uFFFD paragraph."; d.Text != want {
		t.Errorf("Text = %q, want %q", d.Text, want)
	}
	if d.ID != "story.txt" || d.Published != "2025-03-14" || d.Title != "" {
		t.Errorf("doc = %+v", d)
	}
	if len(warned) != 1 || !strings.Contains(warned[0], "story.txt") {
		t.Errorf("warnings = %q", warned)
	}

	if _, err := Article("blank.txt", []byte(" \n\r\n\t "), Options{}); !errors.Is(err, ErrEmpty) || !strings.Contains(err.Error(), "blank.txt") {
		t.Errorf("blank: err = %v", err)
	}
	_, err = Article("big.txt", bytes.Repeat([]byte("a"), 2000), Options{MaxBytes: 1000})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "big.txt") || !strings.Contains(err.Error(), "2000") {
		t.Errorf("big: err = %v", err)
	}
	if _, err := Article("bin", []byte("\x00\x01\x02\x03binary"), Options{}); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("binary: err = %v", err)
	}
	utf16 := []byte{0xFE, 0xFF, 0, 'O', 0, 'k', 0x20, 0x1C, 0, '!', 0x20, 0x1D}
	if d, err := Article("u16.txt", utf16, Options{}); err != nil || d.Text != "Ok“!”" {
		t.Errorf("utf-16: %q %v", d.Text, err)
	}
}

func TestClean(t *testing.T) {
	if s, bad := Clean("fine ✓"); bad || s != "fine ✓" {
		t.Errorf("Clean(valid) = %q, %v", s, bad)
	}
	if s, bad := Clean("bad \xff\xfe end"); !bad || s != "bad \uFFFD end" {
		t.Errorf("Clean(invalid) = %q, %v", s, bad)
	}
}

func TestNormalizeDate(t *testing.T) {
	tests := map[string]string{
		"2025-03-14":                      "2025-03-14",
		"2025-03-14T20:30:26Z":            "2025-03-14",
		"2025-03-14T23:30:26.123-05:00":   "2025-03-14",
		"2025-03-14T00:30:26+14:00":       "2025-03-14",
		"2025-03-14 20:30:26":             "2025-03-14",
		"2025-03-14 20:30:26Z":            "2025-03-14",
		" 2025-03-14T20:30 ":              "2025-03-14",
		"Fri, 14 Mar 2025 20:30:26 GMT":   "2025-03-14",
		"Fri, 14 Mar 2025 23:30:26 -0500": "2025-03-14",
		"Fri, 4 Apr 2025 23:30:26 +0000":  "2025-04-04",
		"March 14, 2025":                  "2025-03-14",
		"2024-02-29":                      "2024-02-29",
		"2025-02-29":                      "",
		"2025-13-01":                      "",
		"2025-03-14Tnonsense":             "",
		"yesterday":                       "",
		"":                                "",
		"1710446400":                      "",
	}
	for in, want := range tests {
		if got := NormalizeDate(in); got != want {
			t.Errorf("NormalizeDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func mustParse(t testing.TB, s string) *html.Node {
	t.Helper()
	n, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func FuzzArticle(f *testing.F) {
	f.Add([]byte(ldPage))
	f.Add([]byte("<p>One<br><br>two</p><table><tr><td>a</td><td>b</td></tr></table>"))
	f.Add([]byte("plain text\r\n\r\nwith \xff bytes"))
	f.Add([]byte(`<html><head><script type="application/ld+json">{"@graph":[[[{"@type":"Article","datePublished":"2025-01-01"}]]]}</script></head><body><p>x</p></body></html>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Article("fuzz", data, Options{})
		if err == nil && (d.Text == "" || !utf8.ValidString(d.Text) || !utf8.ValidString(d.Title)) {
			t.Fatalf("bad document: %+v", d)
		}
		if d.Published != "" && len(d.Published) != 10 {
			t.Fatalf("Published = %q", d.Published)
		}
	})
}
