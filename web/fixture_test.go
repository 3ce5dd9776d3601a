package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/extract"
	"github.com/parley-events/parley/read"
	"github.com/parley-events/parley/store"
	"github.com/parley-events/parley/store/sqlite"
	"github.com/parley-events/parley/store/sqlite/benchstore"
)

var ctx = context.Background()

func TestMain(m *testing.M) {
	code := m.Run()
	if browser.cancel != nil {
		browser.cancel()
	}
	shared.close()
	benchstore.Cleanup()
	os.Exit(code)
}

// fixture is a store filled the way parley ingest fills it: the example
// article and the test articles read by extraction, and made-up reports of
// the dyad RUS → MLI over six months (so that the charts have known bars).
type fixture struct {
	st   *sqlite.DB
	srv  *Server
	docs map[string]int64 // the store's id of each document, by its input id
	dir  string
}

type sharedFix struct {
	once sync.Once
	f    *fixture
	err  error
}

var shared sharedFix

func (s *sharedFix) close() {
	if s.f != nil {
		s.f.st.Close()
		os.RemoveAll(s.f.dir)
	}
}

// sharedFixture is one fixture for the tests that only read.
func sharedFixture(t testing.TB) *fixture {
	t.Helper()
	shared.once.Do(func() {
		dir, err := os.MkdirTemp("", "parley-web-")
		if err != nil {
			shared.err = err
			return
		}
		shared.f, shared.err = newFixture(filepath.Join(dir, "web.db"), Options{})
		if shared.f != nil {
			shared.f.dir = dir
		}
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.f
}

// ownFixture is a fixture for a test that writes.
func ownFixture(t testing.TB, opt Options) *fixture {
	t.Helper()
	f, err := newFixture(filepath.Join(t.TempDir(), "web.db"), opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.st.Close() })
	return f
}

func newFixture(path string, opt Options) (*fixture, error) {
	st, err := sqlite.Open(path, sqlite.Options{})
	if err != nil {
		return nil, err
	}
	f := &fixture{st: st, docs: map[string]int64{}}
	for _, file := range []string{"../examples/belousov.jsonl", "testdata/articles.jsonl"} {
		fh, err := os.Open(file)
		if err != nil {
			return nil, err
		}
		err = read.JSONL(fh, read.Options{}, func(line int, d parley.Document, err error) error {
			if err != nil {
				return err
			}
			r, err := st.Put(ctx, d, extract.Document(d))
			f.docs[d.ID] = r.DocID
			return err
		})
		fh.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
	}
	for _, a := range dyadArticles() {
		r, err := st.Put(ctx, a.Doc, a.Res)
		if err != nil {
			return nil, err
		}
		f.docs[a.Doc.ID] = r.DocID
	}
	if f.srv, err = New(st, opt); err != nil {
		return nil, err
	}
	return f, nil
}

// dyadEvent is a made-up report: month, QuadClass, Goldstein, the act.
type dyadEvent struct {
	day       string
	src, tgt  string
	cameo     string
	quad      int
	goldstein float64
	sentence  string
	trigger   string
}

// dyadEvents are the made-up reports, all in 2024 (the articles read by
// extraction are of 2025): RUS → MLI in five months (two in March), one
// MLI → RUS, one FRA → MLI.
var dyadEvents = []dyadEvent{
	{"2024-01-14", "RUS", "MLI", "036", 1, 4, "Russia offered to meet Mali's leaders in January.", "offered to meet"},
	{"2024-02-03", "RUSMIL", "MLIMIL", "062", 2, 6, "Russian instructors trained Malian troops near Gao.", "trained"},
	{"2024-03-09", "RUS", "MLI", "070", 2, 7, "Russia sent grain to Mali as aid.", "sent grain"},
	{"2024-03-21", "RUSGOV", "MLIGOV", "111", 3, -2, "Moscow criticised Bamako over the delays.", "criticised"},
	{"2024-04-02", "RUSMIL", "MLI", "190", 4, -10, "Russian fighters attacked positions in Mali by mistake.", "attacked"},
	{"2024-05-30", "RUS", "MLI", "057", 1, 8, "Russia and Mali signed a security memorandum.", "signed"},
	{"2024-05-30", "MLI", "RUS", "051", 1, 3.4, "Mali praised Russia for its support.", "praised"},
	{"2024-05-31", "FRA", "MLI", "172", 4, -5, "France imposed sanctions on Mali.", "imposed sanctions"},
}

// dyadArticles is one article for each made-up report.
func dyadArticles() []store.Item {
	var out []store.Item
	for i, e := range dyadEvents {
		id := fmt.Sprintf("dyad-%d", i+1)
		d := parley.Document{ID: id, URL: "https://wire.example/" + id, Source: "Wire", Published: e.day,
			Title: "Report " + fmt.Sprint(i+1), Text: e.sentence}
		res := parley.Result{ID: id, Published: e.day}
		actor := func(code string) string {
			aid := fmt.Sprintf("a%d", len(res.Actors)+1)
			name := map[string]string{"RUS": "Russia", "MLI": "Mali", "FRA": "France"}[code[:3]]
			res.Actors = append(res.Actors, parley.Actor{ID: aid, Kind: parley.KindCountry, Name: name, Code: code[:3], Country: code[:3],
				Mentions: []parley.Mention{}})
			return aid
		}
		src, tgt := actor(e.src), actor(e.tgt)
		at := strings.Index(e.sentence, e.trigger)
		res.Events = []parley.Event{{Source: src, Target: tgt, SourceCode: e.src, TargetCode: e.tgt, CAMEO: e.cameo, Root: e.cameo[:2],
			Name: "act " + e.cameo, QuadClass: e.quad, Goldstein: e.goldstein, Date: e.day, DatePrecision: parley.PrecisionDay,
			Trigger: e.trigger, TriggerSpan: parley.Span{Start: at, End: at + len(e.trigger)},
			Sentence: parley.Span{Start: 0, End: len(e.sentence)}, Evidence: e.sentence}}
		out = append(out, store.Item{Doc: d, Res: res})
	}
	return out
}

// get serves a GET request and returns the response.
func (f *fixture) get(t testing.TB, target string) *httptest.ResponseRecorder {
	t.Helper()
	return f.do(t, httptest.NewRequest(http.MethodGet, target, nil))
}

func (f *fixture) do(t testing.TB, r *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	w := httptest.NewRecorder()
	f.srv.ServeHTTP(w, r)
	return w
}
