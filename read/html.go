package read

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	nurl "net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/parley-events/parley"
)

// Article reads one article, plain text or HTML as told by its content.
// name is used in messages and as the document's ID.
func Article(name string, b []byte, opt Options) (parley.Document, error) {
	if int64(len(b)) > opt.max() {
		return parley.Document{ID: name}, fmt.Errorf("%s: %w: %d bytes (limit %d)", name, ErrTooLarge, len(b), opt.max())
	}
	switch f := Sniff(b[:min(len(b), SniffLen)]); f {
	case FormatHTML:
		d, err := page(name, "", "", b, opt)
		d.ID = name
		return d, err
	case FormatText:
		return textDoc(name, b, opt)
	case FormatUnknown:
		return parley.Document{ID: name}, fmt.Errorf("%s: %w (binary?)", name, ErrUnknownFormat)
	default:
		return parley.Document{ID: name}, fmt.Errorf("%s: looks like %s, not a single article", name, f)
	}
}

func textDoc(name string, b []byte, opt Options) (parley.Document, error) {
	if u, ok := decodeUTF16(b); ok {
		b = u
	}
	b = bytes.TrimPrefix(b, utf8BOM)
	text, bad := normText(string(b))
	if bad {
		opt.warn(name, "invalid UTF-8 replaced by U+FFFD")
	}
	d := parley.Document{ID: name, Text: text}
	return d, finish(&d, name, opt)
}

// HTMLPage reads one HTML page fetched from url (may be ""); contentType is
// the HTTP Content-Type when known (for the charset). The ID is the URL, or
// item when there is none.
func HTMLPage(item, url, contentType string, b []byte, opt Options) (parley.Document, error) {
	if int64(len(b)) > opt.max() {
		return parley.Document{ID: item, URL: url}, fmt.Errorf("%s: %w: %d bytes (limit %d)", item, ErrTooLarge, len(b), opt.max())
	}
	d, err := page(item, url, contentType, b, opt)
	if d.ID == "" {
		d.ID = item
	}
	return d, err
}

// page extracts the main content and metadata of an HTML page.
func page(item, url, contentType string, b []byte, opt Options) (parley.Document, error) {
	b = toUTF8(item, b, contentType, opt)
	d := parley.Document{ID: url, URL: url}

	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return d, fmt.Errorf("%s: html: %w", item, err)
	}
	m := collectMeta(doc)
	if d.URL == "" {
		d.URL = m.url
	}
	prune(doc)

	var base *nurl.URL
	if d.URL != "" {
		base, _ = nurl.Parse(d.URL)
	}
	art, rerr := extract(doc, base)
	if rerr == nil && art.Node != nil {
		d.Text = blockText(art.Node)
	}
	if d.Text == "" {
		// Readability found nothing: fall back to the whole body.
		if doc, err = html.Parse(bytes.NewReader(b)); err == nil {
			prune(doc)
			d.Text = blockText(doc)
		}
	}
	if rerr == nil {
		d.Title = oneLine(art.Title())
		d.Source = oneLine(art.SiteName())
		if t, err := art.PublishedTime(); err == nil && t.Year() > 0 {
			d.Published = t.Format("2006-01-02")
		}
	}
	if d.Title == "" {
		d.Title = oneLine(m.title)
	}
	if d.Source == "" {
		d.Source = oneLine(m.site)
	}
	if d.Published == "" {
		d.Published = m.published()
	}
	return d, finish(&d, item, opt)
}

var quiet = slog.New(slog.DiscardHandler)

// extract runs readability, turning a panic on a pathological page into an
// error (the caller then falls back to the whole body).
func extract(doc *html.Node, base *nurl.URL) (art readability.Article, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("readability: %v", p)
		}
	}()
	parser := readability.NewParser()
	parser.Logger = quiet
	return parser.ParseAndMutate(doc, base)
}

// toUTF8 decodes a page to UTF-8: valid UTF-8 stays as is; otherwise the
// declared charset (HTTP header, BOM, <meta>) is used; undeclared input is
// taken as UTF-8 with stray bytes replaced when mostly UTF-8, else as
// windows-1252 (the HTML default).
func toUTF8(item string, b []byte, contentType string, opt Options) []byte {
	if utf8.Valid(b) {
		return b
	}
	enc, name, certain := charset.DetermineEncoding(b, contentType)
	declared := certain || name != "windows-1252" ||
		bytes.Contains(bytes.ToLower(b[:min(len(b), 1024)]), []byte("charset"))
	if name == "utf-8" || (!declared && mostlyUTF8(b)) {
		opt.warn(item, "invalid UTF-8 replaced by U+FFFD")
		return bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		opt.warn(item, "invalid UTF-8 replaced by U+FFFD")
		return bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	return out
}

func mostlyUTF8(b []byte) bool {
	good, bad := 0, 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			bad++
		} else {
			good++
		}
		i += n
	}
	return good > bad
}

// meta is what the page says about itself before readability touches it.
type meta struct {
	title, site, url string
	tags             map[string]string // meta name/property/itemprop (lower-cased) → first content
	ldDate, ldAny    string            // JSON-LD datePublished of an article / of anything
	ldHeadline       string
	timeDate         string // <time datetime>, preferring itemprop/pubdate ones
	timeStrong       bool
}

func collectMeta(doc *html.Node) *meta {
	m := &meta{tags: map[string]string{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title:
				if m.title == "" {
					m.title = textContent(n)
				}
			case atom.Meta:
				content := attr(n, "content")
				if content != "" {
					for _, k := range []string{"property", "name", "itemprop"} {
						if key := strings.ToLower(strings.TrimSpace(attr(n, k))); key != "" {
							if _, seen := m.tags[key]; !seen {
								m.tags[key] = strings.TrimSpace(content)
							}
						}
					}
				}
			case atom.Link:
				if m.url == "" && strings.EqualFold(attr(n, "rel"), "canonical") {
					if h := attr(n, "href"); isAbsURL(h) {
						m.url = h
					}
				}
			case atom.Script:
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") {
					m.jsonLD(textContent(n))
				}
			case atom.Time:
				if dt := attr(n, "datetime"); dt != "" {
					strong := strings.EqualFold(attr(n, "itemprop"), "datePublished") || hasAttr(n, "pubdate")
					if m.timeDate == "" || (strong && !m.timeStrong) {
						m.timeDate, m.timeStrong = dt, strong
					}
				}
			}
			if strings.EqualFold(attr(n, "itemprop"), "datePublished") && n.DataAtom != atom.Meta && n.DataAtom != atom.Time {
				if v := attr(n, "content"); v != "" && m.tags["datepublished"] == "" {
					m.tags["datepublished"] = v
				} else if v := attr(n, "datetime"); v != "" && m.tags["datepublished"] == "" {
					m.tags["datepublished"] = v
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if m.url == "" {
		if u := m.tags["og:url"]; isAbsURL(u) {
			m.url = u
		}
	}
	if t := m.tags["og:title"]; t != "" {
		m.title = t
	} else if m.title == "" {
		m.title = m.ldHeadline
	}
	m.site = m.tags["og:site_name"]
	return m
}

var metaDateKeys = []string{
	"article:published_time", "og:published_time", "og:article:published_time", "datepublished",
	"date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued", "dcterms.created",
	"pubdate", "publishdate", "publish-date", "publish_date", "publication_date",
	"parsely-pub-date", "sailthru.date", "article.published", "article:published",
}

// published picks the page's publication day from its metadata.
func (m *meta) published() string {
	for _, k := range metaDateKeys {
		if v, ok := m.tags[k]; ok {
			if d := NormalizeDate(v); d != "" {
				return d
			}
		}
	}
	for _, v := range []string{m.ldDate, m.ldAny, m.timeDate} {
		if d := NormalizeDate(v); d != "" {
			return d
		}
	}
	return ""
}

// jsonLD reads datePublished and headline from a JSON-LD block: a single
// object, an array, or an @graph, at any depth.
func (m *meta) jsonLD(s string) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "<![CDATA[")
	s = strings.TrimSuffix(s, "]]>")
	var v any
	if json.Unmarshal([]byte(s), &v) != nil {
		return
	}
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		if depth > 8 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e, depth+1)
			}
		case map[string]any:
			date, _ := x["datePublished"].(string)
			if isArticleType(x["@type"]) {
				if m.ldDate == "" && NormalizeDate(date) != "" {
					m.ldDate = date
				}
				if h, ok := x["headline"].(string); ok && m.ldHeadline == "" {
					m.ldHeadline = h
				}
			} else if m.ldAny == "" && NormalizeDate(date) != "" {
				m.ldAny = date
			}
			for k, e := range x {
				switch e.(type) {
				case []any, map[string]any:
					if k != "publisher" && k != "author" && k != "image" {
						visit(e, depth+1)
					}
				}
			}
		}
	}
	visit(v, 0)
}

func isArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		x = strings.TrimPrefix(strings.TrimPrefix(x, "http://schema.org/"), "https://schema.org/")
		return strings.HasSuffix(x, "Article") || strings.HasSuffix(x, "BlogPosting") || x == "Report"
	case []any:
		for _, e := range x {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

// skipTags never hold article text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Canvas: true,
	atom.Audio: true, atom.Video: true, atom.Select: true, atom.Button: true, atom.Input: true,
	atom.Textarea: true, atom.Head: true, atom.Nav: true, atom.Footer: true, atom.Aside: true,
	atom.Figcaption: true, atom.Dialog: true, atom.Menu: true,
}

// prune removes boilerplate elements before content extraction. Scripts stay
// for readability, which reads JSON-LD from them and removes them itself.
func prune(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.CommentNode || (c.Type == html.ElementNode && c.DataAtom != atom.Head &&
			c.DataAtom != atom.Script && skip(c)) {
			n.RemoveChild(c)
		} else if c.Type == html.ElementNode {
			prune(c)
		}
		c = next
	}
}

func skip(n *html.Node) bool {
	if skipTags[tag(n)] {
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "role":
			switch a.Val {
			case "navigation", "contentinfo", "complementary", "banner", "menu", "menubar", "dialog", "alert":
				return true
			}
		case "style":
			if v := strings.ToLower(a.Val); strings.Contains(v, "display:none") || strings.Contains(v, "display: none") {
				return true
			}
		case "class":
			if strings.Contains(a.Val, "sr-only") || strings.Contains(a.Val, "visually-hidden") ||
				strings.Contains(a.Val, "screen-reader-text") {
				return true
			}
		}
	}
	return false
}

var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Blockquote: true, atom.Body: true, atom.Caption: true,
	atom.Center: true, atom.Dd: true, atom.Details: true, atom.Dir: true, atom.Div: true, atom.Dl: true,
	atom.Dt: true, atom.Fieldset: true, atom.Figure: true, atom.Form: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true,
	atom.Hr: true, atom.Html: true, atom.Legend: true, atom.Li: true, atom.Main: true, atom.Ol: true,
	atom.P: true, atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Table: true,
	atom.Tbody: true, atom.Tfoot: true, atom.Thead: true, atom.Tr: true, atom.Ul: true,
}

// blockText renders a node tree as plain text, one paragraph per block
// element, paragraphs separated by a blank line, white space collapsed.
func blockText(n *html.Node) string {
	var t textBuilder
	t.walk(n)
	t.flush()
	return t.out.String()
}

type textBuilder struct {
	out   strings.Builder
	para  strings.Builder
	space bool // a space is due before the next word
	brs   int  // <br>s since the last word
}

func (t *textBuilder) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		t.text(n.Data)
		return
	case html.ElementNode:
		if skip(n) {
			return
		}
		a := tag(n)
		switch a {
		case atom.Br:
			if t.brs > 0 {
				t.flush()
			} else if t.para.Len() > 0 {
				t.brs, t.space = 1, true
			}
			return
		case atom.Td, atom.Th:
			t.space = t.para.Len() > 0
		case atom.Img:
			return
		}
		if blockTags[a] {
			t.flush()
			defer t.flush()
		}
	case html.CommentNode, html.DoctypeNode:
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		t.walk(c)
	}
}

func (t *textBuilder) text(s string) {
	for _, r := range s {
		switch {
		case r == '\u00ad' || r == '\u200b' || r == '\ufeff' || r == '\u200c' || r == '\u2060':
			// soft hyphen, zero-width characters: drop
		case unicode.IsSpace(r):
			if t.para.Len() > 0 {
				t.space = true
			}
		default:
			if t.space {
				t.para.WriteByte(' ')
				t.space = false
			}
			t.brs = 0
			if r == utf8.RuneError {
				t.para.WriteString("\uFFFD")
			} else {
				t.para.WriteRune(r)
			}
		}
	}
}

func (t *textBuilder) flush() {
	t.space, t.brs = false, 0
	if t.para.Len() == 0 {
		return
	}
	if t.out.Len() > 0 {
		t.out.WriteString("\n\n")
	}
	t.out.WriteString(t.para.String())
	t.para.Reset()
}

// htmlToText converts an HTML fragment (a feed item's content) to text.
func htmlToText(s string) string {
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return ""
	}
	var t textBuilder
	for _, n := range nodes {
		t.walk(n)
	}
	t.flush()
	return t.out.String()
}

// tag is the element's atom; readability creates elements without one.
func tag(n *html.Node) atom.Atom {
	if n.DataAtom == 0 && n.Type == html.ElementNode {
		return atom.Lookup([]byte(n.Data))
	}
	return n.DataAtom
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func textContent(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func isAbsURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}
