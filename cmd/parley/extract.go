package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/extract"
	"github.com/parley-events/parley/read"
)

type extractFlags struct {
	jsonl     bool
	published string
	format    string
	workers   int
	maxBytes  int64
}

func runExtract(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var f extractFlags
	fs.BoolVar(&f.jsonl, "jsonl", false, `read JSON Lines on stdin ({"id","published","title","text" or "html"}); write one result line per input line, in order`)
	fs.StringVar(&f.published, "published", "", "publication date (YYYY-MM-DD) for inputs that carry none; relative dates resolve against it")
	fs.StringVar(&f.format, "format", "", "output: json, jsonl or table (default: table on a terminal, json otherwise; jsonl with --jsonl)")
	fs.IntVar(&f.workers, "workers", runtime.GOMAXPROCS(0), "articles read in parallel")
	fs.Int64Var(&f.maxBytes, "max-bytes", read.DefaultMaxBytes, "largest article accepted, in bytes")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: parley extract [flags] FILE...   (- for stdin)\n       parley extract --jsonl < articles.jsonl\n\nFlags:\n")
		fs.PrintDefaults()
	}
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	if f.workers < 1 {
		f.workers = 1
	}
	if f.format == "" {
		switch {
		case f.jsonl:
			f.format = "jsonl"
		case stdout == os.Stdout && isTerminal(os.Stdout):
			f.format = "table"
		default:
			f.format = "json"
		}
	}
	if f.format != "json" && f.format != "jsonl" && f.format != "table" {
		fmt.Fprintf(stderr, "parley extract: unknown format %q (json, jsonl or table)\n", f.format)
		return 2
	}
	if f.published != "" && read.NormalizeDate(f.published) == "" {
		fmt.Fprintf(stderr, "parley extract: --published %q is not a date (YYYY-MM-DD)\n", f.published)
		return 2
	}
	opt := read.Options{Published: f.published, MaxBytes: f.maxBytes,
		Warn: func(item, msg string) { fmt.Fprintf(stderr, "parley: %s: %s\n", item, msg) }}

	out := bufio.NewWriterSize(stdout, 64<<10)
	defer out.Flush()
	w := newWriter(out, f.format)
	p := newPipeline(f.workers, w, stderr)

	if f.jsonl {
		if len(files) > 0 {
			fmt.Fprintln(stderr, "parley extract: --jsonl reads stdin; give no files")
			return 2
		}
		err := read.JSONL(stdin, opt, func(line int, d parley.Document, err error) error {
			item := fmt.Sprintf("line %d", line)
			if d.ID != "" && d.ID != item {
				item = fmt.Sprintf("line %d (id %s)", line, d.ID)
			}
			if err != nil {
				// the reader's message already names the line
				item = ""
			}
			p.submit(item, d, err)
			return nil
		})
		p.close()
		if err != nil {
			fmt.Fprintf(stderr, "parley: reading stdin: %v\n", err)
			p.failed++
		}
		return p.status()
	}

	if len(files) == 0 {
		fs.Usage()
		return 2
	}
	for _, name := range files {
		d, err := readArticle(name, stdin, opt)
		p.submit(name, d, err)
	}
	p.close()
	return p.status()
}

func readArticle(name string, stdin io.Reader, opt read.Options) (parley.Document, error) {
	var r io.Reader
	if name == "-" {
		r = stdin
	} else {
		fh, err := os.Open(name)
		if err != nil {
			return parley.Document{ID: name}, err
		}
		defer fh.Close()
		r = fh
	}
	limit := opt.MaxBytes
	if limit <= 0 {
		limit = read.DefaultMaxBytes
	}
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return parley.Document{ID: name}, err
	}
	if int64(len(b)) > limit {
		return parley.Document{ID: name}, fmt.Errorf("%w: over %d bytes", read.ErrTooLarge, limit)
	}
	return read.Article(name, b, opt)
}

// pipeline reads articles on several goroutines and writes the results in
// input order. At most window articles are in flight, so memory stays flat
// however long the input is.
type pipeline struct {
	jobs    chan job
	done    chan result
	wg      sync.WaitGroup
	writeWG sync.WaitGroup
	slots   chan struct{}
	seq     int
	failed  int
	mu      sync.Mutex
	stderr  io.Writer
}

type job struct {
	seq  int
	item string
	doc  parley.Document
	err  error
}

type result struct {
	seq  int
	item string
	res  parley.Result
	err  error
}

func newPipeline(workers int, w *writer, stderr io.Writer) *pipeline {
	p := &pipeline{jobs: make(chan job, workers), done: make(chan result, workers),
		slots: make(chan struct{}, workers*8), stderr: stderr}
	for i := 0; i < workers; i++ {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for j := range p.jobs {
				r := result{seq: j.seq, item: j.item, err: j.err}
				if j.err == nil {
					r.res = extract.Document(j.doc)
					if r.res.Error != "" {
						r.err = errors.New(r.res.Error)
					}
				} else {
					r.res = parley.Result{ID: j.doc.ID, Actors: []parley.Actor{}, Quotes: []parley.Quote{}, Events: []parley.Event{}}
				}
				p.done <- r
			}
		}()
	}
	p.writeWG.Add(1)
	go func() {
		defer p.writeWG.Done()
		pending := map[int]result{}
		next := 0
		for r := range p.done {
			pending[r.seq] = r
			for {
				x, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				if x.err != nil {
					p.mu.Lock()
					p.failed++
					p.mu.Unlock()
					if x.item == "" || strings.HasPrefix(x.err.Error(), x.item+":") {
						// the reader's message already names the item
						fmt.Fprintf(stderr, "parley: %v\n", x.err)
					} else {
						fmt.Fprintf(stderr, "parley: %s: %v\n", x.item, x.err)
					}
					x.res.Error = x.err.Error()
					if !w.keepsErrors() {
						<-p.slots
						continue
					}
				}
				if err := w.write(x.res); err != nil {
					fmt.Fprintf(stderr, "parley: writing output: %v\n", err)
				}
				<-p.slots
			}
		}
		w.finish()
	}()
	return p
}

func (p *pipeline) submit(item string, d parley.Document, err error) {
	p.slots <- struct{}{}
	p.jobs <- job{seq: p.seq, item: item, doc: d, err: err}
	p.seq++
}

func (p *pipeline) close() {
	close(p.jobs)
	p.wg.Wait()
	close(p.done)
	p.writeWG.Wait()
}

func (p *pipeline) status() int {
	if p.failed > 0 {
		fmt.Fprintf(p.stderr, "parley: %d of %d items failed\n", p.failed, p.seq)
		return 1
	}
	return 0
}

// writer prints results in one of the output formats.
type writer struct {
	out    *bufio.Writer
	format string
	n      int
	enc    *json.Encoder
}

func newWriter(out *bufio.Writer, format string) *writer {
	w := &writer{out: out, format: format, enc: json.NewEncoder(out)}
	w.enc.SetEscapeHTML(false)
	if format == "json" {
		w.enc.SetIndent("", "  ")
	}
	return w
}

// keepsErrors reports whether a failed item still gets an output record:
// JSON Lines keeps one line per input line, so that consumers can align them.
func (w *writer) keepsErrors() bool { return w.format == "jsonl" }

func (w *writer) write(r parley.Result) error {
	w.n++
	switch w.format {
	case "table":
		return writeTable(w.out, r)
	default:
		return w.enc.Encode(r)
	}
}

func (w *writer) finish() { w.out.Flush() }

// parseInterspersed parses flags that stand before, between or after the
// file names ("parley extract a.txt --published 2025-05-12"); "--" ends flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return files, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(files, rest...), nil
		}
		files = append(files, rest[0])
		args = rest[1:]
	}
}
