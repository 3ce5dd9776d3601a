package read

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/parley-events/parley"
)

// warcRecord writes one WARC/1.1 record by hand.
func warcRecord(n int, typ, uri, contentType string, block []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>\r\n", typ, n)
	fmt.Fprintf(&b, "WARC-Date: 2025-03-20T10:00:00Z\r\n")
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n", contentType, len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

func httpResponse(status, contentType string, headers string, body []byte) []byte {
	h := fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\n%sContent-Length: %d\r\n\r\n", status, contentType, headers, len(body))
	return append([]byte(h), body...)
}

func storyPage(title, date string, paras ...string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html><html><head><title>%s</title><meta property="article:published_time" content="%s"></head><body><nav>Home | World</nav><article>`, title, date)
	for _, p := range paras {
		fmt.Fprintf(&b, "<p>%s</p>", p)
	}
	b.WriteString("</article><footer>Copyright</footer></body></html>")
	return []byte(b.String())
}

// testWARC returns the records of a small crawl: warcinfo, a request, two
// HTML pages, an image, a 404 page, a gzip-encoded chunked page.
func testWARC(t testing.TB) [][]byte {
	page1 := storyPage("Talks resume", "2025-03-14T23:30:00-05:00",
		"Negotiators returned to Doha on Friday for a new round of talks.",
		"Mediators said the delegations had agreed on an agenda.")
	page2 := storyPage("Convoy arrives", "2025-03-15",
		"A United Nations aid convoy reached the town on Saturday.")
	var chunked bytes.Buffer
	z := gz(t, storyPage("Encoded", "2025-03-16", "This page was sent gzipped and chunked."))
	fmt.Fprintf(&chunked, "%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n", 10, z[:10], len(z)-10, z[10:])
	encHeader := "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
	return [][]byte{
		warcRecord(1, "warcinfo", "", "application/warc-fields", []byte("software: parley-test\r\nformat: WARC File Format 1.1\r\n")),
		warcRecord(2, "request", "https://news.example.com/talks", "application/http;msgtype=request", []byte("GET /talks HTTP/1.1\r\nHost: news.example.com\r\n\r\n")),
		warcRecord(3, "response", "https://news.example.com/talks", "application/http;msgtype=response", httpResponse("200 OK", "text/html; charset=UTF-8", "", page1)),
		warcRecord(4, "response", "https://news.example.com/logo.png", "application/http;msgtype=response", httpResponse("200 OK", "image/png", "", []byte("\x89PNG\r\n\x1a\n\x00\x00"))),
		warcRecord(5, "response", "https://news.example.com/missing", "application/http;msgtype=response", httpResponse("404 Not Found", "text/html", "", storyPage("Not found", "", "Sorry, this page does not exist."))),
		warcRecord(6, "response", "https://news.example.com/convoy", "application/http;msgtype=response", httpResponse("200 OK", "application/xhtml+xml", "", page2)),
		warcRecord(7, "response", "https://news.example.com/encoded", "application/http;msgtype=response", append([]byte(encHeader), chunked.Bytes()...)),
	}
}

func readWARC(t testing.TB, in []byte) ([]parley.Document, []error, error) {
	t.Helper()
	var docs []parley.Document
	var errs []error
	err := WARC("crawl.warc", bytes.NewReader(in), Options{}, func(d parley.Document, err error) error {
		if err != nil {
			errs = append(errs, err)
		} else {
			docs = append(docs, d)
		}
		return nil
	})
	return docs, errs, err
}

func checkCrawl(t *testing.T, docs []parley.Document) {
	t.Helper()
	if len(docs) != 3 {
		t.Fatalf("got %d documents, want 3: %+v", len(docs), docs)
	}
	d := docs[0]
	if d.ID != "https://news.example.com/talks" || d.URL != d.ID || d.Title != "Talks resume" || d.Published != "2025-03-14" ||
		d.Source != "news.example.com" ||
		d.Text != "Negotiators returned to Doha on Friday for a new round of talks.\n\nMediators said the delegations had agreed on an agenda." {
		t.Errorf("doc 1 = %+v", d)
	}
	if d := docs[1]; d.ID != "https://news.example.com/convoy" || d.Published != "2025-03-15" || d.Text != "A United Nations aid convoy reached the town on Saturday." {
		t.Errorf("doc 2 = %+v", d)
	}
	if d := docs[2]; d.ID != "https://news.example.com/encoded" || d.Text != "This page was sent gzipped and chunked." {
		t.Errorf("doc 3 = %+v", d)
	}
}

func TestWARCPlain(t *testing.T) {
	docs, errs, err := readWARC(t, bytes.Join(testWARC(t), nil))
	if err != nil || len(errs) > 0 {
		t.Fatalf("err = %v, record errors %v", err, errs)
	}
	checkCrawl(t, docs)
}

func TestWARCGzip(t *testing.T) {
	var perRecord []byte
	for _, r := range testWARC(t) {
		perRecord = append(perRecord, gz(t, r)...)
	}
	if f := Sniff(perRecord[:min(len(perRecord), SniffLen)]); f != FormatWARC {
		t.Fatalf("Sniff = %v", f)
	}
	docs, errs, err := readWARC(t, perRecord)
	if err != nil || len(errs) > 0 {
		t.Fatalf("per-record gzip: err = %v, record errors %v", err, errs)
	}
	checkCrawl(t, docs)

	whole := gz(t, bytes.Join(testWARC(t), nil))
	docs, errs, err = readWARC(t, whole)
	if err != nil || len(errs) > 0 {
		t.Fatalf("whole-file gzip: err = %v, record errors %v", err, errs)
	}
	checkCrawl(t, docs)
}

func TestWARCTruncated(t *testing.T) {
	records := testWARC(t)
	plain := bytes.Join(records, nil)
	upTo6 := len(bytes.Join(records[:5], nil))
	cut := upTo6 + len(records[5])/2 // in the middle of the convoy page

	docs, _, err := readWARC(t, plain[:cut])
	if !errors.Is(err, ErrTruncated) || !strings.Contains(err.Error(), "crawl.warc") || !strings.Contains(err.Error(), "record 6") {
		t.Errorf("truncated plain: err = %v", err)
	}
	if len(docs) != 1 || docs[0].Title != "Talks resume" {
		t.Errorf("truncated plain: want the first page before the cut, got %+v", docs)
	}

	// Cut inside a header, too.
	docs, _, err = readWARC(t, plain[:upTo6+20])
	if err == nil || !strings.Contains(err.Error(), "record 6") || len(docs) != 1 {
		t.Errorf("cut in header: %d docs, err = %v", len(docs), err)
	}

	var gzipped []byte
	for _, r := range records {
		gzipped = append(gzipped, gz(t, r)...)
	}
	gzCut := len(gz(t, records[0])) + len(gz(t, records[1])) + len(gz(t, records[2])) + len(gz(t, records[3])) + 7
	docs, _, err = readWARC(t, gzipped[:gzCut])
	if err == nil || !strings.Contains(err.Error(), "crawl.warc") || len(docs) != 1 {
		t.Errorf("truncated gzip: %d docs, err = %v", len(docs), err)
	}

	// One gzip member for the whole file: the pages before the cut still come through.
	whole := gz(t, plain)
	docs, _, err = readWARC(t, whole[:len(whole)*3/4])
	if !errors.Is(err, ErrTruncated) || len(docs) == 0 || docs[0].Title != "Talks resume" {
		t.Errorf("truncated whole-file gzip: %d docs, err = %v", len(docs), err)
	}

	// Garbage is reported, not a panic.
	_, _, err = readWARC(t, append(bytes.Join(records[:3], nil), []byte("WARC/1.1\r\nthis is not a header line\r\n\r\n")...))
	if err == nil {
		t.Error("corrupt record: no error")
	}
}

func TestWARCEmptyPage(t *testing.T) {
	rec := warcRecord(1, "response", "https://x.example/empty", "application/http;msgtype=response",
		httpResponse("200 OK", "text/html", "", []byte("<html><body><nav>menu</nav></body></html>")))
	docs, errs, err := readWARC(t, rec)
	if err != nil || len(docs) != 0 || len(errs) != 1 || !errors.Is(errs[0], ErrEmpty) ||
		!strings.Contains(errs[0].Error(), "https://x.example/empty") {
		t.Errorf("docs %v, errs %v, err %v", docs, errs, err)
	}
}

func FuzzWARC(f *testing.F) {
	records := testWARC(f)
	f.Add(bytes.Join(records[2:4], nil))
	f.Add(gz(f, records[2]))
	f.Add([]byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nHTTP/"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = WARC("fuzz.warc", bytes.NewReader(data), Options{MaxBytes: 1 << 16}, func(d parley.Document, err error) error {
			if err == nil && d.Text == "" {
				t.Fatalf("document without text: %+v", d)
			}
			return nil
		})
	})
}
