package sqlite_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/extract"
	"github.com/parley-events/parley/store"
	"github.com/parley-events/parley/store/sqlite"
	"github.com/parley-events/parley/store/sqlite/benchstore"
)

var bctx = context.Background()

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
		s, err := sqlite.Open(filepath.Join(b.TempDir(), fmt.Sprintf("put%d.db", i)), sqlite.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for j := 0; j < len(items); j += 64 {
			if _, err := s.PutBatch(bctx, items[j:min(j+64, len(items))]); err != nil {
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

// The generated store for the query benchmarks is benchstore's: one
// million events (or $PARLEY_BENCH_EVENTS), kept in $PARLEY_BENCH_DIR when
// set.
func bigStore(b *testing.B) (*sqlite.DB, *benchstore.Generator) {
	s, g, err := benchstore.Store()
	if err != nil {
		b.Fatal(err)
	}
	return s, g
}

func TestMain(m *testing.M) {
	code := m.Run()
	benchstore.Cleanup()
	os.Exit(code)
}

// BenchmarkQuery times the questions analysts ask of a store of a million
// events: a dyad's timeline, a speaker's quotes, the top dyads of a month,
// a full-text quote search.
func BenchmarkQuery(b *testing.B) {
	s, g := bigStore(b)
	src, tgt := g.Countries[0], g.Countries[1]
	speaker := g.Persons[0]
	surname := strings.Fields(speaker)[1]
	word := g.Words[300]
	b.Run("DyadTimeline", func(b *testing.B) {
		var rows []store.TimelineRow
		for i := 0; i < b.N; i++ {
			var err error
			rows, err = s.Timeline(bctx, store.TimelineFilter{EventFilter: store.EventFilter{Source: src, Target: tgt}, By: "month"})
			if err != nil || len(rows) == 0 {
				b.Fatal(err, len(rows))
			}
		}
		b.ReportMetric(float64(sum(rows)), "events")
	})
	b.Run("SpeakerQuotes", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			qs, err := s.Quotes(bctx, store.QuoteFilter{Speaker: surname, Limit: 50})
			if err != nil || len(qs) == 0 {
				b.Fatal(err, len(qs))
			}
		}
	})
	b.Run("TopDyadsOfMonth", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			ds, err := s.Dyads(bctx, store.DyadFilter{Since: "2025-05-01", Until: "2025-05-31", Top: 20})
			if err != nil || len(ds) != 20 {
				b.Fatal(err, len(ds))
			}
		}
	})
	b.Run("QuoteTextSearch", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			qs, err := s.Quotes(bctx, store.QuoteFilter{Text: word, Limit: 50})
			if err != nil || len(qs) == 0 {
				b.Fatal(err, len(qs))
			}
		}
	})
	b.Run("EventsFiltered", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			evs, err := s.Events(bctx, store.EventFilter{Source: src, Code: "19", Since: "2025-01-01", Limit: 50})
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
