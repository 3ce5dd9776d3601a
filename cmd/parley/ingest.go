package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/extract"
	"github.com/parley-events/parley/read"
	"github.com/parley-events/parley/store"
	"github.com/parley-events/parley/store/sqlite"
)

// defaultDB is the store the commands use without --db: $PARLEY_DB, else
// parley.db in the working folder.
func defaultDB() string {
	if p := os.Getenv("PARLEY_DB"); p != "" {
		return p
	}
	return "parley.db"
}

type ingestFlags struct {
	db        string
	workers   int
	batch     int
	published string
	maxBytes  int64
	quiet     bool
	wait      time.Duration
}

func runIngest(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var f ingestFlags
	fs.StringVar(&f.db, "db", defaultDB(), "store file ($PARLEY_DB, else parley.db)")
	fs.IntVar(&f.workers, "workers", runtime.GOMAXPROCS(0), "articles read in parallel")
	fs.IntVar(&f.batch, "batch", 64, "documents written per transaction")
	fs.StringVar(&f.published, "published", "", "publication date (YYYY-MM-DD) for inputs that carry none")
	fs.Int64Var(&f.maxBytes, "max-bytes", read.DefaultMaxBytes, "largest article accepted, in bytes")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress bar and no summary")
	fs.DurationVar(&f.wait, "wait", 10*time.Second, "how long to wait for another process's write to the store")
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: parley ingest [flags] SOURCE...

Reads every source (a file, a folder, a glob, or - for stdin; text, HTML, JSON
Lines, RSS/Atom feeds, WARC, gzipped or not), extracts actors, quotes and
events, and stores them. A document already stored is skipped; a changed
article at a known URL replaces its old records.

Flags:
`)
		fs.PrintDefaults()
	}
	sources, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	if len(sources) == 0 {
		fs.Usage()
		return 2
	}
	if f.published != "" && read.NormalizeDate(f.published) == "" {
		fmt.Fprintf(stderr, "parley ingest: --published %q is not a date (YYYY-MM-DD)\n", f.published)
		return 2
	}
	f.workers = max(f.workers, 1)
	f.batch = max(f.batch, 1)

	st, err := sqlite.Open(f.db, sqlite.Options{BusyTimeout: f.wait})
	if err != nil {
		fmt.Fprintf(stderr, "parley ingest: %v\n", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ing := newIngester(st, f, stderr)
	ing.run(ctx, sources)
	if err := st.Close(); err != nil && ing.fatal == nil {
		ing.fatal = err
	}
	return ing.finish(f.db)
}

// ingester reads sources, extracts on several goroutines and writes the
// documents in input order, a batch per transaction.
type ingester struct {
	st      store.Store
	f       ingestFlags
	con     *console
	start   time.Time
	failed  int
	skipped int // already stored, not read again
	counts  map[store.Status]int
	events  int
	newEvs  int
	quotes  int
	fatal   error // the store cannot be written: the run stops
	lost    int   // documents read but not stored because of fatal
	stopped bool  // interrupted
}

type ingestJob struct {
	seq    int
	origin string
	doc    parley.Document
	res    parley.Result
	err    error
}

func newIngester(st store.Store, f ingestFlags, stderr io.Writer) *ingester {
	return &ingester{st: st, f: f, con: newConsole(stderr, !f.quiet && isTerminalWriter(stderr)),
		start: time.Now(), counts: map[store.Status]int{}}
}

func (ing *ingester) run(ctx context.Context, sources []string) {
	jobs := make(chan ingestJob, ing.f.workers)
	done := make(chan ingestJob, ing.f.workers)
	slots := make(chan struct{}, ing.f.workers*8)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var wg sync.WaitGroup
	for i := 0; i < ing.f.workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if j.err == nil {
					j.res = extract.Document(j.doc)
					if j.res.Error != "" {
						j.err = fmt.Errorf("extraction: %s", firstLine(j.res.Error))
					}
				}
				done <- j
			}
		}()
	}
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		ing.write(done, slots, cancel)
	}()

	errStop := errors.New("stop")
	opt := read.Options{Published: ing.f.published, MaxBytes: ing.f.maxBytes,
		Warn: func(item, msg string) { ing.con.printf("parley ingest: %s: %s\n", item, msg) }}
	seq := 0
	err := read.Files(sources, opt, func(origin string, d parley.Document, err error) error {
		if ctx.Err() != nil {
			return errStop
		}
		if err == nil {
			known, kerr := ing.st.Known(ctx, d)
			if kerr == nil && known {
				ing.con.mu.Lock()
				ing.skipped++
				ing.con.mu.Unlock()
				return nil
			}
		}
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			return errStop
		}
		jobs <- ingestJob{seq: seq, origin: origin, doc: d, err: err}
		seq++
		return nil
	})
	close(jobs)
	wg.Wait()
	close(done)
	<-writerDone
	if err != nil && err != errStop {
		ing.con.printf("parley ingest: %v\n", err)
		ing.failed++
	}
	if ctx.Err() != nil && ing.fatal == nil {
		ing.stopped = true
	}
}

// write puts the extracted documents in input order, flushing a batch when
// it is full or half a second old, so that an interrupted run loses little.
func (ing *ingester) write(done <-chan ingestJob, slots <-chan struct{}, cancel func()) {
	pending := map[int]ingestJob{}
	next := 0
	var batch []ingestJob
	last := time.Now()
	flush := func() {
		if len(batch) == 0 {
			return
		}
		ing.flush(batch)
		if ing.fatal != nil {
			cancel()
		}
		batch = batch[:0]
		last = time.Now()
	}
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case j, ok := <-done:
			if !ok {
				flush()
				return
			}
			pending[j.seq] = j
			for {
				x, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				<-slots
				if x.err != nil {
					ing.fail(x.origin, x.err)
					continue
				}
				if ing.fatal != nil {
					ing.lost++
					continue
				}
				batch = append(batch, x)
				if len(batch) >= ing.f.batch {
					flush()
				}
			}
		case <-tick.C:
			if time.Since(last) >= 500*time.Millisecond {
				flush()
			}
		}
	}
}

func (ing *ingester) flush(batch []ingestJob) {
	items := make([]store.Item, len(batch))
	for i, j := range batch {
		items[i] = store.Item{Doc: j.doc, Res: j.res}
	}
	// Not the run's context: an interrupt stops reading, and what was read
	// is still written.
	rs, err := ing.st.PutBatch(context.Background(), items)
	if err != nil {
		ing.fatal = err
		ing.lost += len(batch)
		ing.con.printf("parley ingest: %v\n", err)
		return
	}
	for i, r := range rs {
		if r.Err != nil {
			ing.fail(batch[i].origin, fmt.Errorf("store: %w", r.Err))
			continue
		}
		ing.counts[r.Status]++
		ing.events += r.Events
		ing.newEvs += r.NewEvents
		ing.quotes += r.Quotes
	}
	ing.con.progress(len(rs), ing.events, ing.failed)
}

func (ing *ingester) fail(origin string, err error) {
	ing.failed++
	msg := err.Error()
	// The readers' errors name their file, and often the line or record.
	if origin != "" && !strings.HasPrefix(msg, origin) && !strings.HasPrefix(msg, fileOf(origin)+": ") {
		msg = origin + ": " + msg
	}
	ing.con.printf("parley ingest: %s\n", msg)
	ing.con.progress(0, ing.events, ing.failed)
}

// finish prints the summary and returns the exit status.
func (ing *ingester) finish(db string) int {
	ing.con.done()
	secs := time.Since(ing.start).Seconds()
	stored := ing.counts[store.Added] + ing.counts[store.Replaced] + ing.counts[store.Unchanged]
	if !ing.f.quiet {
		unchanged := ing.counts[store.Unchanged] + ing.skipped
		fmt.Fprintf(ing.con.w, "parley ingest: %d documents in %.1f s (%.0f/s): %d added, %d replaced, %d unchanged, %d failed\n",
			stored+ing.skipped+ing.failed+ing.lost, secs, float64(stored+ing.skipped)/max(secs, 1e-3),
			ing.counts[store.Added], ing.counts[store.Replaced], unchanged, ing.failed+ing.lost)
		fmt.Fprintf(ing.con.w, "parley ingest: stored %d event reports (%d new events) and %d quotes in %s\n",
			ing.events, ing.newEvs, ing.quotes, db)
	}
	switch {
	case ing.fatal != nil:
		if ing.lost > 0 {
			fmt.Fprintf(ing.con.w, "parley ingest: stopped: %d documents were not stored; what was stored is whole. Run the same command again to go on.\n", ing.lost)
		}
		return 1
	case ing.stopped:
		fmt.Fprintln(ing.con.w, "parley ingest: interrupted; what was stored is whole. Run the same command again to go on.")
		return 130
	case ing.failed > 0:
		return 1
	}
	return 0
}

// fileOf is the file an origin names: "a.jsonl" for "a.jsonl:12" or "feed.xml#3".
func fileOf(origin string) string {
	i := strings.LastIndexAny(origin, ":#")
	if i < 0 || i == len(origin)-1 || strings.Trim(origin[i+1:], "0123456789") != "" {
		return origin
	}
	return origin[:i]
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func isTerminalWriter(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && isTerminal(f)
}

// console writes messages to stderr around a progress bar (when stderr is
// a terminal): the bar is cleared before a message and drawn again after.
type console struct {
	mu  sync.Mutex
	w   io.Writer
	bar *progressbar.ProgressBar
}

func newConsole(w io.Writer, bar bool) *console {
	c := &console{w: w}
	if bar {
		c.bar = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("ingesting"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("docs"),
			progressbar.OptionSpinnerType(14),
			progressbar.OptionSetSpinnerChangeInterval(0), // drawn only from here, under mu
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	return c
}

func (c *console) printf(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.bar != nil {
		c.bar.Clear()
	}
	fmt.Fprintf(c.w, format, args...)
}

func (c *console) progress(docs, events, errs int) {
	if c.bar == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.bar.Add(docs)
	c.bar.Describe(fmt.Sprintf("ingesting · %d events · %d errors", events, errs))
}

func (c *console) done() {
	if c.bar == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.bar.Finish()
	c.bar.Clear()
}
