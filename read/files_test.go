package read

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/parley-events/parley"
)

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

type fileResult struct {
	origin string
	doc    parley.Document
	err    error
}

func readFiles(t *testing.T, sources []string, opt Options) []fileResult {
	t.Helper()
	var got []fileResult
	if err := Files(sources, opt, func(origin string, d parley.Document, err error) error {
		got = append(got, fileResult{origin, d, err})
		return nil
	}); err != nil {
		t.Fatalf("Files: %v", err)
	}
	return got
}

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	html, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	var warcGz []byte
	for _, r := range testWARC(t) {
		warcGz = append(warcGz, gz(t, r)...)
	}
	writeFile(t, filepath.Join(dir, "a_story.txt"), []byte("Officials said on Friday that talks would resume.\n\nA second paragraph.\n"))
	writeFile(t, filepath.Join(dir, "b_page.html"), html)
	writeFile(t, filepath.Join(dir, "c_lines.jsonl"), []byte(`{"id": "j1", "text": "First line."}`+"\nnot json\n"+`{"id": "j3", "text": "Third line."}`+"\n"))
	writeFile(t, filepath.Join(dir, "sub", "d_feed.rss"), []byte(rssFeed))
	writeFile(t, filepath.Join(dir, "sub", "e_crawl.warc.gz"), warcGz)
	writeFile(t, filepath.Join(dir, "sub", "f_lines.jsonl.gz"), gz(t, []byte(`{"id": "g1", "text": "Gzipped line."}`+"\n")))
	writeFile(t, filepath.Join(dir, "g_image.png"), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"))
	writeFile(t, filepath.Join(dir, ".hidden", "h.txt"), []byte("hidden folder, skipped"))
	writeFile(t, filepath.Join(dir, ".DS_Store"), []byte("hidden file, skipped"))

	got := readFiles(t, []string{dir}, Options{})
	var summary []string
	for _, g := range got {
		rel, _ := filepath.Rel(dir, g.origin)
		s := rel + " " + g.doc.ID
		if g.err != nil {
			s += " ERR"
			file, _, _ := strings.Cut(strings.SplitN(g.origin, "#", 2)[0], ".jsonl:")
			if !strings.Contains(g.err.Error(), file) {
				t.Errorf("error for %s does not name it: %v", rel, g.err)
			}
		}
		summary = append(summary, s)
	}
	want := []string{
		"a_story.txt " + filepath.Join(dir, "a_story.txt"),
		"b_page.html " + filepath.Join(dir, "b_page.html"),
		"c_lines.jsonl:1 j1",
		"c_lines.jsonl:2 line 2 ERR",
		"c_lines.jsonl:3 j3",
		"g_image.png  ERR",
		"sub/d_feed.rss#1 wire-1001",
		"sub/d_feed.rss#2 https://wire.example.com/aid",
		"sub/d_feed.rss#3 https://wire.example.com/photo ERR",
		"sub/e_crawl.warc.gz#1 https://news.example.com/talks",
		"sub/e_crawl.warc.gz#2 https://news.example.com/convoy",
		"sub/e_crawl.warc.gz#3 https://news.example.com/encoded",
		"sub/f_lines.jsonl.gz:1 g1",
	}
	if strings.Join(summary, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(summary, "\n"), strings.Join(want, "\n"))
	}
	for _, g := range got {
		if strings.HasSuffix(g.origin, "g_image.png") && !errors.Is(g.err, ErrUnknownFormat) {
			t.Errorf("binary file: err = %v", g.err)
		}
		if strings.HasSuffix(g.origin, "b_page.html") && g.doc.Title != "Ceasefire talks resume in Doha" {
			t.Errorf("html file: %+v", g.doc)
		}
	}

	// Globs, single files, missing files; errors do not stop the walk.
	got = readFiles(t, []string{filepath.Join(dir, "*.txt"), filepath.Join(dir, "nope.txt"), filepath.Join(dir, "*.none"), filepath.Join(dir, "b_page.html")}, Options{})
	var origins []string
	for _, g := range got {
		o := filepath.Base(g.origin)
		if g.err != nil {
			o += " ERR"
		}
		origins = append(origins, o)
	}
	if fmt.Sprint(origins) != "[a_story.txt nope.txt ERR *.none ERR b_page.html]" {
		t.Errorf("origins = %v", origins)
	}

	// A file over MaxBytes is refused with its size; the others still come.
	got = readFiles(t, []string{filepath.Join(dir, "b_page.html"), filepath.Join(dir, "a_story.txt")}, Options{MaxBytes: 1024})
	if len(got) != 2 || !errors.Is(got[0].err, ErrTooLarge) || !strings.Contains(got[0].err.Error(), fmt.Sprint(len(html))) || got[1].err != nil {
		t.Errorf("MaxBytes: %+v", got)
	}

	// fn's error stops the walk and is returned.
	stop := errors.New("stop")
	n := 0
	err = Files([]string{dir}, Options{}, func(string, parley.Document, error) error { n++; return stop })
	if err != stop || n != 1 {
		t.Errorf("stop: err = %v after %d calls", err, n)
	}
}

func TestFilesStdin(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdin
	os.Stdin = r
	defer func() { os.Stdin = old }()
	go func() {
		w.Write([]byte(`{"id": "s1", "text": "From standard input."}` + "\n"))
		w.Close()
	}()
	got := readFiles(t, []string{"-"}, Options{})
	if len(got) != 1 || got[0].origin != "-:1" || got[0].doc.ID != "s1" || got[0].err != nil {
		t.Errorf("stdin: %+v", got)
	}
}

// The sniffer agrees with the extension on every kind of test input.
func TestFilesFormats(t *testing.T) {
	inputs := map[string][]byte{
		"text":  []byte("Plain words."),
		"html":  storyPage("T", "2025-01-01", "Body."),
		"jsonl": []byte(`{"id":"1","text":"x"}`),
		"feed":  []byte(atomFeed),
		"warc":  bytes.Join(testWARC(t), nil),
	}
	var names []string
	for k := range inputs {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if f := Sniff(inputs[k]); f.String() != k {
			t.Errorf("%s sniffed as %v", k, f)
		}
	}
}
