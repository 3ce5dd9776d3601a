package read

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/parley-events/parley"
)

type lineResult struct {
	line int
	doc  parley.Document
	err  error
}

func readJSONL(t testing.TB, in io.Reader, opt Options) []lineResult {
	t.Helper()
	var got []lineResult
	err := JSONL(in, opt, func(line int, d parley.Document, err error) error {
		got = append(got, lineResult{line, d, err})
		return nil
	})
	if err != nil {
		t.Fatalf("JSONL: %v", err)
	}
	return got
}

func TestJSONL(t *testing.T) {
	long := `{"id": "long", "text": "` + strings.Repeat("abcd ", 1024) + `"}` // ~5 KB
	input := strings.Join([]string{
		`{"id": "a1", "published": "2025-03-14 20:30:26Z", "title": "First", "text": "Para one.\r\n\r\nPara two.", "url": "https://www.example.com/a1"}`,
		`this is not json`,
		``,
		`{"id": "a3", "title": "No body"}`,
		long,
		`   `,
		`{"title": "No id", "text": "Body of a line without id.", "published": "Fri, 14 Mar 2025 20:30:26 +0000"}`,
		`{"id": 42, "text": "Numeric id.", "published": "someday", "source": "Wire"}`,
		`{"id": "h1", "html": "<html><head><meta property=\"og:title\" content=\"From HTML\"><meta property=\"article:published_time\" content=\"2024-05-06T07:00:00Z\"></head><body><p>First paragraph of the page.</p><p>Second paragraph of the page.</p></body></html>"}`,
		`["an", "array"]`,
		`{"id": "e", "text": "   "}`,
		`{"id": "t", "title": 7, "text": "x"}`,
		`{"id": "last", "text": "No newline at the end."}`,
	}, "\n")
	got := readJSONL(t, strings.NewReader(input), Options{MaxBytes: 1024, Published: "2020-01-01"})

	byLine := map[int]lineResult{}
	var lines []int
	for _, r := range got {
		byLine[r.line] = r
		lines = append(lines, r.line)
	}
	if fmt.Sprint(lines) != "[1 2 4 5 7 8 9 10 11 12 13]" {
		t.Fatalf("lines reported = %v (blank lines 3 and 6 must be skipped)", lines)
	}
	r := byLine[1]
	if r.err != nil || r.doc.ID != "a1" || r.doc.Published != "2025-03-14" || r.doc.Title != "First" ||
		r.doc.Text != "Para one.\n\nPara two." || r.doc.URL != "https://www.example.com/a1" || r.doc.Source != "example.com" {
		t.Errorf("line 1: %+v, %v", r.doc, r.err)
	}
	if r := byLine[2]; r.err == nil || !strings.Contains(r.err.Error(), "line 2") || !strings.Contains(r.err.Error(), "not JSON") || r.doc.ID != "line 2" {
		t.Errorf("line 2: %+v, %v", r.doc, r.err)
	}
	if r := byLine[4]; r.err == nil || !strings.Contains(r.err.Error(), "line 4") || !strings.Contains(r.err.Error(), "text") {
		t.Errorf("line 4: %v", r.err)
	}
	if r := byLine[5]; !errors.Is(r.err, ErrTooLarge) || !strings.Contains(r.err.Error(), "line 5") ||
		!strings.Contains(r.err.Error(), fmt.Sprint(len(long))) {
		t.Errorf("line 5: %v", r.err)
	}
	if r := byLine[7]; r.err != nil || r.doc.ID != "line 7" || r.doc.Published != "2025-03-14" {
		t.Errorf("line 7: %+v, %v", r.doc, r.err)
	}
	if r := byLine[8]; r.err != nil || r.doc.ID != "42" || r.doc.Published != "2020-01-01" || r.doc.Source != "Wire" {
		t.Errorf("line 8: %+v, %v", r.doc, r.err)
	}
	if r := byLine[9]; r.err != nil || r.doc.Title != "From HTML" || r.doc.Published != "2024-05-06" ||
		r.doc.Text != "First paragraph of the page.\n\nSecond paragraph of the page." {
		t.Errorf("line 9: %+v, %v", r.doc, r.err)
	}
	if r := byLine[10]; r.err == nil || !strings.Contains(r.err.Error(), "not a JSON object") {
		t.Errorf("line 10: %v", r.err)
	}
	if r := byLine[11]; !errors.Is(r.err, ErrEmpty) {
		t.Errorf("line 11: %v", r.err)
	}
	if r := byLine[12]; r.err == nil || !strings.Contains(r.err.Error(), "title") {
		t.Errorf("line 12: %v", r.err)
	}
	if r := byLine[13]; r.err != nil || r.doc.Text != "No newline at the end." {
		t.Errorf("line 13: %+v, %v", r.doc, r.err)
	}
}

// A line far longer than the read buffer is skipped without holding it,
// and the reader stays in step: one byte at a time, CRLF line ends.
func TestJSONLLongLines(t *testing.T) {
	huge := `{"id": "huge", "text": "` + strings.Repeat("x", 300<<10) + `"}`
	okLine := `{"id": "ok", "text": "` + strings.Repeat("y", 100<<10) + `"}`
	input := "{\"id\": \"a\", \"text\": \"A.\"}\r\n" + huge + "\r\n" + okLine + "\r\n" + huge + "\r\n{\"id\": \"z\", \"text\": \"Z.\"}"
	for _, r := range []io.Reader{strings.NewReader(input), iotest.OneByteReader(strings.NewReader(input)), bufio.NewReaderSize(strings.NewReader(input), 16)} {
		got := readJSONL(t, r, Options{MaxBytes: 200 << 10})
		var summary []string
		for _, g := range got {
			switch {
			case errors.Is(g.err, ErrTooLarge):
				summary = append(summary, fmt.Sprintf("%d:too large", g.line))
			case g.err != nil:
				summary = append(summary, fmt.Sprintf("%d:%v", g.line, g.err))
			default:
				summary = append(summary, fmt.Sprintf("%d:%s/%d", g.line, g.doc.ID, len(g.doc.Text)))
			}
		}
		if s := strings.Join(summary, " "); s != "1:a/2 2:too large 3:ok/102400 4:too large 5:z/2" {
			t.Errorf("got %s", s)
		}
	}
}

func TestJSONLStops(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := JSONL(strings.NewReader("{\"text\":\"a\"}\n{\"text\":\"b\"}\n"), Options{}, func(int, parley.Document, error) error {
		n++
		return stop
	})
	if err != stop || n != 1 {
		t.Errorf("err = %v after %d calls", err, n)
	}
	broken := iotest.ErrReader(errors.New("disk on fire"))
	if err := JSONL(broken, Options{}, func(int, parley.Document, error) error { return nil }); err == nil {
		t.Error("read error not returned")
	}
}

func TestJSONLCorpus(t *testing.T) {
	const path = "/work/shared/corpus/voa/voa_stories.jsonl"
	f, err := os.Open(path)
	if err != nil {
		t.Skip("corpus not available")
	}
	defer f.Close()
	got := readJSONL(t, f, Options{})
	if len(got) == 0 {
		t.Fatal("no documents")
	}
	for _, g := range got {
		if g.err != nil || g.doc.ID == "" || g.doc.Text == "" || len(g.doc.Published) != 10 {
			t.Errorf("line %d: %+v %v", g.line, g.doc.Published, g.err)
		}
	}
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte(`{"id": "1", "text": "a"}` + "\n" + `{"id": 2, "html": "<p>x</p>", "published": "2025-01-01T00:00:00Z"}`))
	f.Add([]byte("not json\n\n{\"text\": null}\r\n{\"published\": 1e999, \"text\": \"\xff\"}"))
	f.Add([]byte(`{"id": {"nested": [1, 2]}, "url": "http://[::1]:80/x", "text": "` + strings.Repeat("z", 300) + `"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		err := JSONL(strings.NewReader(string(data)), Options{MaxBytes: 256}, func(line int, d parley.Document, err error) error {
			if line < 1 {
				t.Fatalf("line %d", line)
			}
			if err == nil && (d.Text == "" || d.ID == "") {
				t.Fatalf("line %d: document without text or id and no error: %+v", line, d)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("JSONL returned %v for in-memory input", err)
		}
	})
}

func BenchmarkJSONL(b *testing.B) {
	line := `{"id": "8011115", "url": "https://www.voanews.com/a/x/8011115.html", "section": "Middle East", "title": "Iraq says key Islamic State leader is dead", "published": "2025-03-14 20:30:26Z", "text": "` +
		strings.Repeat("One of the Islamic State terror group's most senior leaders is dead, killed in what officials describe as a joint operation. ", 40) + `"}` + "\n"
	in := strings.Repeat(line, 100)
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		_ = JSONL(strings.NewReader(in), Options{}, func(int, parley.Document, error) error { return nil })
	}
}

func BenchmarkArticleText(b *testing.B) {
	in := []byte(strings.Repeat("One of the Islamic State terror group's most senior leaders is dead.\n\n", 100))
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		_, _ = Article("x.txt", in, Options{})
	}
}

func BenchmarkArticleHTML(b *testing.B) {
	in, _ := os.ReadFile("testdata/article.html")
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		_, _ = Article("x.html", in, Options{})
	}
}
