// Package benchstore makes the generated store that the benchmarks of the
// store and of the web server query: one million events (or
// $PARLEY_BENCH_EVENTS) written through the store, not through extraction,
// from articles of 20 events and 3 quotes each, over three years, with
// actors, codes, dates and words drawn from skewed (Zipf) distributions, as
// news has them: a few countries and speakers in most stories, a long tail
// of the rest.
//
// The store is made once per test binary, only when a benchmark asks for
// it, in a temporary folder; with $PARLEY_BENCH_DIR it is kept there and
// reused by later runs (its name carries the schema and generator
// versions). Only tests import this package.
package benchstore

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/store"
	"github.com/parley-events/parley/store/sqlite"
)

// GenVersion changes whenever the generator makes other data.
const GenVersion = 1

// EventsPerDoc and QuotesPerDoc shape every generated article.
const EventsPerDoc, QuotesPerDoc = 20, 3

var big struct {
	once   sync.Once
	s      *sqlite.DB
	dir    string
	err    error
	gen    *Generator
	events int
	path   string
}

// Store returns the generated store, making it on first use (the seed is
// fixed: every run queries the same data). It stays open until Cleanup.
func Store() (*sqlite.DB, *Generator, error) {
	big.once.Do(func() {
		n := 1_000_000
		if v := os.Getenv("PARLEY_BENCH_EVENTS"); v != "" {
			fmt.Sscan(v, &n)
		}
		big.gen = NewGenerator(1)
		keep := os.Getenv("PARLEY_BENCH_DIR")
		var path string
		if keep != "" {
			path = filepath.Join(keep, fmt.Sprintf("parley-bench-%d-s%d-g%d.db", n, sqlite.SchemaVersion(), GenVersion))
			if _, err := os.Stat(path); err == nil {
				big.path = path
				big.s, big.err = sqlite.Open(path, sqlite.Options{MustExist: true})
				if big.err == nil {
					var st store.Stats
					st, big.err = big.s.Stats(context.Background())
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
		var s *sqlite.DB
		s, big.err = sqlite.Open(path+".part", sqlite.Options{})
		if big.err != nil {
			return
		}
		start := time.Now()
		big.events, big.err = big.gen.Fill(s, n)
		took := time.Since(start)
		if err := s.Close(); big.err == nil {
			big.err = err
		}
		if big.err == nil {
			big.err = os.Rename(path+".part", path)
		}
		if big.err == nil {
			big.s, big.err = sqlite.Open(path, sqlite.Options{MustExist: true})
			big.path = path
		}
		fmt.Fprintf(os.Stderr, "generated store: %d events in %.1f s\n", big.events, took.Seconds())
	})
	return big.s, big.gen, big.err
}

// Reopen opens the generated store (made by Store) once more, with opt.
func Reopen(opt sqlite.Options) (*sqlite.DB, error) {
	if _, _, err := Store(); err != nil {
		return nil, err
	}
	opt.MustExist = true
	return sqlite.Open(big.path, opt)
}

// Cleanup closes the generated store and removes it unless it is kept
// ($PARLEY_BENCH_DIR). A test binary calls it from TestMain.
func Cleanup() {
	if big.s != nil {
		big.s.Close()
	}
	if big.dir != "" {
		os.RemoveAll(big.dir)
	}
}

// Generator makes articles with their records.
type Generator struct {
	r         *rand.Rand
	Countries []string // three-letter codes: AAA, AAB, ... (the most frequent first)
	Persons   []string // full names (the most frequent speakers first)
	Words     []string // words of the text (the most frequent first)
	cZipf     *rand.Zipf
	pZipf     *rand.Zipf
	wZipf     *rand.Zipf
	days      int
	start     time.Time
	doc       int
}

// NewGenerator makes a generator; the same seed makes the same articles.
func NewGenerator(seed int64) *Generator {
	g := &Generator{r: rand.New(rand.NewSource(seed)), days: 3 * 365, start: time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)}
	for i := 0; i < 150; i++ { // three-letter codes: AAA, AAB, ...
		g.Countries = append(g.Countries, string([]byte{'A' + byte(i/26/26%26), 'A' + byte(i/26%26), 'A' + byte(i%26)}))
	}
	for i := 0; i < 20000; i++ {
		g.Words = append(g.Words, pseudoWord(i))
	}
	for i := 0; i < 20000; i++ {
		g.Persons = append(g.Persons, capitalize(pseudoWord(i*7+3))+" "+capitalize(pseudoWord(i*13+5)+"ov"))
	}
	g.cZipf = rand.NewZipf(g.r, 1.2, 4, uint64(len(g.Countries)-1))
	g.pZipf = rand.NewZipf(g.r, 1.1, 8, uint64(len(g.Persons)-1))
	g.wZipf = rand.NewZipf(g.r, 1.05, 2, uint64(len(g.Words)-1))
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

func (g *Generator) sentence(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.Words[g.wZipf.Uint64()]
	}
	return strings.Join(ws, " ")
}

var sectors = []string{"", "GOV", "MIL"}

// Article makes the next article and what was read in it.
func (g *Generator) Article() (parley.Document, parley.Result) {
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
	for i := 0; i < EventsPerDoc; i++ {
		src := g.Countries[g.cZipf.Uint64()]
		tgt := g.Countries[g.cZipf.Uint64()]
		if src == tgt {
			tgt = g.Countries[(g.cZipf.Uint64()+1)%uint64(len(g.Countries))]
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
	for i := 0; i < QuotesPerDoc; i++ {
		name := g.Persons[g.pZipf.Uint64()]
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

// Fill stores articles until the store holds n events, then has SQLite
// gather the statistics its planner uses.
func (g *Generator) Fill(s *sqlite.DB, n int) (int, error) {
	ctx := context.Background()
	events := 0
	for events < n {
		items := make([]store.Item, 500)
		for i := range items {
			items[i].Doc, items[i].Res = g.Article()
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
	return events, s.Analyze(ctx)
}
