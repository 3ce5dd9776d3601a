package sqlite

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/extract"
	"github.com/parley-events/parley/store"
)

// voaPath is the VOA corpus beside the repository (CI lays ../shared there).
func voaPath() string {
	shared := os.Getenv("PARLEY_SHARED")
	if shared == "" {
		shared = filepath.Join("..", "..", "..", "shared")
	}
	return filepath.Join(shared, "corpus", "voa", "voa_stories.jsonl")
}

// BenchmarkPut measures writing alone: the VOA articles, read once, stored
// with all their records into a new store, a batch of 64 per transaction.
func BenchmarkPut(b *testing.B) {
	f, err := os.Open(voaPath())
	if err != nil {
		b.Skipf("no VOA corpus: %v", err)
	}
	var items []store.Item
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var d parley.Document
		if json.Unmarshal(sc.Bytes(), &d) != nil || d.Text == "" {
			continue
		}
		items = append(items, store.Item{Doc: d, Res: extract.Document(d)})
	}
	f.Close()
	b.ResetTimer()
	docs := 0
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(filepath.Join(b.TempDir(), fmt.Sprintf("put%d.db", i)), Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for j := 0; j < len(items); j += 64 {
			if _, err := s.PutBatch(ctx, items[j:min(j+64, len(items))]); err != nil {
				b.Fatal(err)
			}
		}
		docs += len(items)
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(docs)/b.Elapsed().Seconds(), "docs/s")
}

// The generated store for the query benchmarks: one million events (or
// $PARLEY_BENCH_EVENTS) written through the store, not through extraction,
// from articles of 20 events and 3 quotes each, over three years. It is
// made once per run, only when a query benchmark runs, in a temporary
// folder; with $PARLEY_BENCH_DIR it is kept there and reused by later runs
// (its name carries the schema and generator versions).
var big struct {
	once   sync.Once
	s      *DB
	dir    string
	err    error
	gen    *generator
	took   time.Duration
	events int
}

// genVersion changes whenever the generator makes other data.
const genVersion = 1

func bigStore(b *testing.B) (*DB, *generator) {
	big.once.Do(func() {
		n := 1_000_000
		if v := os.Getenv("PARLEY_BENCH_EVENTS"); v != "" {
			fmt.Sscan(v, &n)
		}
		big.gen = newGenerator(1)
		keep := os.Getenv("PARLEY_BENCH_DIR")
		var path string
		if keep != "" {
			path = filepath.Join(keep, fmt.Sprintf("parley-bench-%d-s%d-g%d.db", n, SchemaVersion(), genVersion))
			if _, err := os.Stat(path); err == nil {
				big.s, big.err = Open(path, Options{MustExist: true})
				if big.err == nil {
					var st store.Stats
					st, big.err = big.s.Stats(ctx)
					big.events = st.Events
					fmt.Fprintf(os.Stderr, "generated store: %d events, reused from %s\n", big.events, path)
				}
				return
			}
		} else {
			big.dir, big.err = os.MkdirTemp("", "parley-bench-")
			if big.err != nil {
				return
			}
			path = filepath.Join(big.dir, "big.db")
		}
		big.s, big.err = Open(path+".part", Options{})
		if big.err != nil {
			return
		}
		start := time.Now()
		big.events, big.err = big.gen.fill(big.s, n)
		big.took = time.Since(start)
		if big.err == nil {
			big.err = big.s.Close()
		}
		if big.err == nil {
			big.err = os.Rename(path+".part", path)
		}
		if big.err == nil {
			big.s, big.err = Open(path, Options{MustExist: true})
		}
		fmt.Fprintf(os.Stderr, "generated store: %d events in %.1f s\n", big.events, big.took.Seconds())
	})
	if big.err != nil {
		b.Fatal(big.err)
	}
	return big.s, big.gen
}

func TestMain(m *testing.M) {
	code := m.Run()
	if big.s != nil {
		big.s.Close()
	}
	if big.dir != "" {
		os.RemoveAll(big.dir)
	}
	os.Exit(code)
}

// generator makes articles whose actors, codes, dates and words follow
// skewed (Zipf) distributions, as news does: a few countries and speakers
// in most stories, a long tail of the rest.
type generator struct {
	r         *rand.Rand
	countries []string
	persons   []string
	words     []string
	cZipf     *rand.Zipf
	pZipf     *rand.Zipf
	wZipf     *rand.Zipf
	days      int
	start     time.Time
	doc       int
}

func newGenerator(seed int64) *generator {
	g := &generator{r: rand.New(rand.NewSource(seed)), days: 3 * 365, start: time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)}
	for i := 0; i < 150; i++ { // three-letter codes: AAA, AAB, ...
		g.countries = append(g.countries, string([]byte{'A' + byte(i/26/26%26), 'A' + byte(i/26%26), 'A' + byte(i%26)}))
	}
	for i := 0; i < 20000; i++ {
		g.words = append(g.words, pseudoWord(i))
	}
	for i := 0; i < 20000; i++ {
		g.persons = append(g.persons, capitalize(pseudoWord(i*7+3))+" "+capitalize(pseudoWord(i*13+5)+"ov"))
	}
	g.cZipf = rand.NewZipf(g.r, 1.2, 4, uint64(len(g.countries)-1))
	g.pZipf = rand.NewZipf(g.r, 1.1, 8, uint64(len(g.persons)-1))
	g.wZipf = rand.NewZipf(g.r, 1.05, 2, uint64(len(g.words)-1))
	return g
}

// pseudoWord spells a number as consonant-vowel syllables.
func pseudoWord(i int) string {
	const cons, vows = "bdfgklmnprstvz", "aeiou"
	var b strings.Builder
	for {
		b.WriteByte(cons[i%len(cons)])
		i /= len(cons)
		b.WriteByte(vows[i%len(vows)])
		i /= len(vows)
		if i == 0 {
			break
		}
	}
	return b.String()
}

func capitalize(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func (g *generator) sentence(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.words[g.wZipf.Uint64()]
	}
	return strings.Join(ws, " ")
}

var sectors = []string{"", "GOV", "MIL"}

const eventsPerDoc, quotesPerDoc = 20, 3

func (g *generator) article() (parley.Document, parley.Result) {
	g.doc++
	pub := g.start.AddDate(0, 0, g.r.Intn(g.days))
	d := parley.Document{ID: fmt.Sprint(g.doc), URL: fmt.Sprintf("https://site%d.example/%d", g.r.Intn(40), g.doc),
		Published: pub.Format("2006-01-02"), Title: g.sentence(6)}
	res := parley.Result{ID: d.ID, Published: d.Published}
	var text strings.Builder
	line := func(s string) parley.Span {
		if text.Len() > 0 {
			text.WriteString("\n\n")
		}
		st := text.Len()
		text.WriteString(s)
		return parley.Span{Start: st, End: text.Len()}
	}
	actor := map[string]string{}
	country := func(c string) string {
		if id, ok := actor[c]; ok {
			return id
		}
		id := fmt.Sprintf("a%d", len(res.Actors)+1)
		res.Actors = append(res.Actors, parley.Actor{ID: id, Kind: parley.KindCountry, Name: "Country " + c, Code: c, Country: c,
			Mentions: []parley.Mention{{Text: c, Span: parley.Span{Start: 0, End: 1}}}})
		actor[c] = id
		return id
	}
	for i := 0; i < eventsPerDoc; i++ {
		src := g.countries[g.cZipf.Uint64()]
		tgt := g.countries[g.cZipf.Uint64()]
		if src == tgt {
			tgt = g.countries[(g.cZipf.Uint64()+1)%uint64(len(g.countries))]
		}
		root := 1 + g.r.Intn(20)
		cameo := fmt.Sprintf("%02d%d", root, g.r.Intn(4))
		quad := []int{1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4}[root-1]
		day := pub.AddDate(0, 0, -g.r.Intn(3))
		sp := line(g.sentence(10))
		res.Events = append(res.Events, parley.Event{Source: country(src), Target: country(tgt),
			SourceCode: src + sectors[g.r.Intn(3)], TargetCode: tgt + sectors[g.r.Intn(3)],
			CAMEO: cameo, Root: cameo[:2], Name: "act " + cameo, QuadClass: quad, Goldstein: float64(10 - root),
			Date: day.Format("2006-01-02"), DatePrecision: parley.PrecisionDay, Trigger: "act",
			TriggerSpan: parley.Span{Start: sp.Start, End: sp.Start + 3}, Sentence: sp})
	}
	for i := 0; i < quotesPerDoc; i++ {
		name := g.persons[g.pZipf.Uint64()]
		id := fmt.Sprintf("a%d", len(res.Actors)+1)
		res.Actors = append(res.Actors, parley.Actor{ID: id, Kind: parley.KindPerson, Name: name,
			Mentions: []parley.Mention{{Text: name, Span: parley.Span{Start: 0, End: 1}}}})
		q := g.sentence(8 + g.r.Intn(8))
		sp := line("\u201c" + q + "\u201d, " + name + " said.")
		res.Quotes = append(res.Quotes, parley.Quote{Text: q, Span: parley.Span{Start: sp.Start + 3, End: sp.Start + 3 + len(q)},
			Speaker: &id, SpeakerText: name, Cue: "said"})
	}
	d.Text = text.String()
	return d, res
}

// fill stores articles until the store holds n events.
func (g *generator) fill(s *DB, n int) (int, error) {
	events := 0
	for events < n {
		items := make([]store.Item, 500)
		for i := range items {
			items[i].Doc, items[i].Res = g.article()
		}
		rs, err := s.PutBatch(ctx, items)
		if err != nil {
			return events, err
		}
		for _, r := range rs {
			if r.Err != nil {
				return events, r.Err
			}
			events += r.NewEvents
		}
	}
	_, err := s.db.Exec("ANALYZE")
	return events, err
}

// BenchmarkQuery times the questions analysts ask of a store of a million
// events: a dyad's timeline, a speaker's quotes, the top dyads of a month,
// a full-text quote search.
func BenchmarkQuery(b *testing.B) {
	s, g := bigStore(b)
	src, tgt := g.countries[0], g.countries[1]
	speaker := g.persons[0]
	surname := strings.Fields(speaker)[1]
	word := g.words[300]
	b.Run("DyadTimeline", func(b *testing.B) {
		var rows []store.TimelineRow
		for i := 0; i < b.N; i++ {
			var err error
			rows, err = s.Timeline(ctx, store.TimelineFilter{EventFilter: store.EventFilter{Source: src, Target: tgt}, By: "month"})
			if err != nil || len(rows) == 0 {
				b.Fatal(err, len(rows))
			}
		}
		b.ReportMetric(float64(sum(rows)), "events")
	})
	b.Run("SpeakerQuotes", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			qs, err := s.Quotes(ctx, store.QuoteFilter{Speaker: surname, Limit: 50})
			if err != nil || len(qs) == 0 {
				b.Fatal(err, len(qs))
			}
		}
	})
	b.Run("TopDyadsOfMonth", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			ds, err := s.Dyads(ctx, store.DyadFilter{Since: "2025-05-01", Until: "2025-05-31", Top: 20})
			if err != nil || len(ds) != 20 {
				b.Fatal(err, len(ds))
			}
		}
	})
	b.Run("QuoteTextSearch", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			qs, err := s.Quotes(ctx, store.QuoteFilter{Text: word, Limit: 50})
			if err != nil || len(qs) == 0 {
				b.Fatal(err, len(qs))
			}
		}
	})
	b.Run("EventsFiltered", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			evs, err := s.Events(ctx, store.EventFilter{Source: src, Code: "19", Since: "2025-01-01", Limit: 50})
			if err != nil || len(evs) == 0 {
				b.Fatal(err, len(evs))
			}
		}
	})
}

func sum(rows []store.TimelineRow) int {
	n := 0
	for _, r := range rows {
		n += r.Events
	}
	return n
}
