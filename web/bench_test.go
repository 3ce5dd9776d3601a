package web

import (
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley-events/parley/store"
	"github.com/parley-events/parley/store/sqlite"
	"github.com/parley-events/parley/store/sqlite/benchstore"
)

// The benchmarks query the generated store of the store's own benchmarks:
// one million events (or $PARLEY_BENCH_EVENTS), made in a minute or two on
// first use, kept in $PARLEY_BENCH_DIR when it is set (scripts/bench-web.sh).

type benchIDs struct {
	docs           int
	country        int64 // the actor of the busiest country
	person         int64 // the actor of the busiest speaker
	src, tgt       string
	surname, word  string
	month, monthTo string // the latest month
}

// ServeMmapMB is what parley serve opens its store with.
const serveMmapMB = 1024

func benchServer(b *testing.B) (*Server, *benchstore.Generator, benchIDs) {
	_, g, err := benchstore.Store()
	if err != nil {
		b.Fatal(err)
	}
	// The store as parley serve opens it.
	st, err := benchstore.Reopen(sqlite.Options{MmapMB: serveMmapMB})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	srv, err := New(st, Options{})
	if err != nil {
		b.Fatal(err)
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	ids := benchIDs{docs: stats.Documents, src: g.Countries[0], tgt: g.Countries[1],
		surname: strings.Fields(g.Persons[0])[1], word: g.Words[300]}
	as, err := st.Actors(ctx, store.ActorFilter{Code: g.Countries[0], Kind: "country", Limit: 1})
	if err != nil || len(as) == 0 {
		b.Fatal(err, as)
	}
	ids.country = as[0].ID
	ps, err := st.Actors(ctx, store.ActorFilter{Name: g.Persons[0], Limit: 1})
	if err != nil || len(ps) == 0 {
		b.Fatal(err, ps)
	}
	ids.person = ps[0].ID
	last, _ := time.Parse("2006-01-02", stats.LastDay)
	first := time.Date(last.Year(), last.Month(), 1, 0, 0, 0, 0, time.UTC)
	ids.month, ids.monthTo = first.Format("2006-01-02"), first.AddDate(0, 1, -1).Format("2006-01-02")
	return srv, g, ids
}

// BenchmarkPages times each API answer and each page on the generated
// store, served in-process (the server's own time: no network).
func BenchmarkPages(b *testing.B) {
	srv, _, x := benchServer(b)
	doc := strconv.Itoa(x.docs / 2)
	country, person := strconv.FormatInt(x.country, 10), strconv.FormatInt(x.person, 10)
	month := "since=" + x.month + "&until=" + x.monthTo
	for _, c := range []struct{ name, path string }{
		{"api/events/dyad", "/api/events?source=" + x.src + "&target=" + x.tgt},
		{"api/events/source", "/api/events?source=" + x.tgt},
		{"api/events/filtered", "/api/events?source=" + x.src + "&code=19&since=2025-01-01"},
		{"api/events/text", "/api/events?text=" + x.word},
		{"api/events/page100", "/api/events?source=" + x.src + "&offset=5000"},
		{"api/quotes/speaker", "/api/quotes?speaker=" + x.surname},
		{"api/quotes/text", "/api/quotes?text=" + x.word},
		{"api/actors", "/api/actors"},
		{"api/actor", "/api/actors/" + person},
		{"api/counterparts/country", "/api/actors/" + country + "/counterparts"},
		{"api/dyads/month", "/api/dyads?" + month},
		{"api/dyads/alltime", "/api/dyads"},
		{"api/timeline", "/api/timeline?source=" + x.src + "&target=" + x.tgt},
		{"api/network/month", "/api/network?" + month},
		{"api/document", "/api/documents/" + doc},
		{"page/home", "/"},
		{"page/search", "/?q=" + x.word},
		{"page/article", "/documents/" + doc},
		{"page/actor/country", "/actors/" + country},
		{"page/actor/person", "/actors/" + person},
		{"page/actors", "/actors"},
		{"page/dyad", "/dyad/" + x.src + "/" + x.tgt},
		{"page/dyads", "/dyads"},
		{"page/network", "/network"},
	} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				w := httptest.NewRecorder()
				srv.ServeHTTP(w, httptest.NewRequest(http.MethodGet, c.path, nil))
				if w.Code != http.StatusOK {
					b.Fatalf("%s: %d %.300s", c.path, w.Code, w.Body)
				}
			}
		})
	}
}

// mix draws the requests of the load test: what analysts ask of the API,
// over many dyads, speakers, words, months and documents, so that no
// answer is the same as the last.
type mix struct {
	r *rand.Rand
	g *benchstore.Generator
	x benchIDs
}

func (m *mix) next() string {
	g, r := m.g, m.r
	country := func() string { return g.Countries[r.Intn(30)] }
	month := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, r.Intn(36), 0)
	switch n := r.Intn(100); {
	case n < 20:
		q := "/api/events?source=" + country() + "&target=" + country()
		if r.Intn(2) == 0 {
			q += "&quad=" + strconv.Itoa(1+r.Intn(4))
		}
		return q
	case n < 30:
		return "/api/events?limit=20&source=" + country()
	case n < 45:
		return "/api/quotes?speaker=" + plusSpace(strings.Fields(g.Persons[r.Intn(200)])[1])
	case n < 55:
		return "/api/quotes?text=" + g.Words[r.Intn(2000)]
	case n < 70:
		return "/api/timeline?source=" + country() + "&target=" + country()
	case n < 75:
		return "/api/dyads?limit=20&since=" + month.Format("2006-01-02") + "&until=" + month.AddDate(0, 1, -1).Format("2006-01-02")
	case n < 90:
		return "/api/documents/" + strconv.Itoa(1+r.Intn(m.x.docs))
	case n < 95:
		return "/api/actors/" + strconv.Itoa(1+r.Intn(150))
	default:
		return "/api/actors?kind=country&offset=" + strconv.Itoa(r.Intn(100))
	}
}

func plusSpace(s string) string { return strings.ReplaceAll(s, " ", "+") }

// BenchmarkLoad is the load test: the server on a loopback port, sent the
// request mix at a fixed rate ($PARLEY_LOAD_RATE, 500 a second) for
// $PARLEY_LOAD_SECONDS (15), then as fast as 8 clients go for 5 seconds.
// It reports the rate held, and the latency percentiles measured from when
// each request was due (so that a server that falls behind shows it). It
// runs only with -bench, once, and for about 20 seconds.
func BenchmarkLoad(b *testing.B) {
	srv, g, x := benchServer(b)
	ts := httptest.NewServer(srv) // 127.0.0.1 only
	defer ts.Close()
	rate := envInt("PARLEY_LOAD_RATE", 500)
	secs := envInt("PARLEY_LOAD_SECONDS", 15)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256, MaxConnsPerHost: 256}, Timeout: 10 * time.Second}
	get := func(path string) error {
		resp, err := client.Get(ts.URL + path)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		io.Copy(io.Discard, resp.Body)
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("%s: %s", path, resp.Status)
		}
		return nil
	}
	m := &mix{r: rand.New(rand.NewSource(7)), g: g, x: x}
	for i := 0; i < 200; i++ { // warm the connections and the page cache
		if err := get(m.next()); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()

	// Open loop at a fixed rate.
	var mu sync.Mutex
	var lat []time.Duration
	byKind := map[string][]time.Duration{}
	var errs int
	var wg sync.WaitGroup
	interval := time.Second / time.Duration(rate)
	start := time.Now()
	end := start.Add(time.Duration(secs) * time.Second)
	for i := 0; ; i++ {
		due := start.Add(time.Duration(i) * interval)
		if due.After(end) {
			break
		}
		time.Sleep(time.Until(due))
		path := m.next()
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := get(path)
			d := time.Since(due)
			mu.Lock()
			lat = append(lat, d)
			byKind[kindOf(path)] = append(byKind[kindOf(path)], d)
			if err != nil {
				errs++
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	held := float64(len(lat)) / time.Since(start).Seconds()
	p50, p99, pmax := percentiles(lat)
	b.ReportMetric(held, "req/s")
	b.ReportMetric(ms(p50), "p50-ms")
	b.ReportMetric(ms(p99), "p99-ms")
	b.ReportMetric(float64(errs), "errors")
	fmt.Fprintf(os.Stderr, "load: %d requests at %d/s for %d s: held %.0f/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d errors\n",
		len(lat), rate, secs, held, ms(p50), ms(p99), ms(pmax), errs)
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		a, b, c := percentiles(byKind[k])
		fmt.Fprintf(os.Stderr, "load:   %-24s %5d requests, p50 %6.1f ms, p99 %6.1f ms, max %6.1f ms\n", k, len(byKind[k]), ms(a), ms(b), ms(c))
	}

	// Closed loop: as fast as 8 clients go.
	lat = lat[:0]
	var done sync.WaitGroup
	stop := time.Now().Add(5 * time.Second)
	for w := 0; w < 8; w++ {
		done.Add(1)
		mw := &mix{r: rand.New(rand.NewSource(int64(100 + w))), g: g, x: x}
		go func() {
			defer done.Done()
			for time.Now().Before(stop) {
				t0 := time.Now()
				err := get(mw.next())
				d := time.Since(t0)
				mu.Lock()
				lat = append(lat, d)
				if err != nil {
					errs++
				}
				mu.Unlock()
			}
		}()
	}
	t0 := time.Now()
	done.Wait()
	most := float64(len(lat)) / time.Since(t0).Seconds()
	p50, p99, pmax = percentiles(lat)
	b.ReportMetric(most, "max-req/s")
	fmt.Fprintf(os.Stderr, "load: 8 clients as fast as they go for 5 s: %.0f/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
		most, ms(p50), ms(p99), ms(pmax))
	if errs > 0 {
		b.Errorf("%d requests failed", errs)
	}
}

// kindOf names a request of the mix: its path without ids and query.
func kindOf(path string) string {
	p, _, _ := strings.Cut(path, "?")
	parts := strings.Split(p, "/")
	for i, x := range parts {
		if _, err := strconv.Atoi(x); err == nil {
			parts[i] = "{id}"
		}
	}
	return strings.Join(parts, "/")
}

func percentiles(d []time.Duration) (p50, p99, pmax time.Duration) {
	if len(d) == 0 {
		return
	}
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2], s[len(s)*99/100], s[len(s)-1]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}
