package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/parley-events/parley/store/sqlite"
	"github.com/parley-events/parley/web"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, args, stderr, nil)
}

// serve runs the web server until ctx ends; ready, if set, is told the
// address it listens on.
func serve(ctx context.Context, args []string, stderr io.Writer, ready func(addr string)) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", defaultDB(), "store file ($PARLEY_DB, else parley.db)")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (127.0.0.1: this machine only; :8080 for every interface)")
	token := fs.String("write-token", "", "allow POST /api/documents to requests carrying \"Authorization: Bearer TOKEN\" (default $PARLEY_WRITE_TOKEN; without one, ingest is off)")
	maxBody := fs.Int64("max-body", web.DefaultMaxBody, "largest request body accepted, in bytes (larger: 413)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: parley serve [flags]

Serves the store over HTTP: a JSON API (/api/events, /api/quotes, /api/actors,
/api/dyads, /api/timeline, /api/network, /api/documents/{id}, /api/extract;
described at /api/openapi.json) and pages for analysts (search, articles,
actors, dyads, the network of countries, extract).

Flags:
`)
		fs.PrintDefaults()
	}
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "parley serve: unexpected argument %q\n", rest[0])
		return 2
	}
	if *token == "" {
		*token = os.Getenv("PARLEY_WRITE_TOKEN")
	}
	if *maxBody <= 0 {
		fmt.Fprintln(stderr, "parley serve: --max-body must be positive")
		return 2
	}
	// Read-only, the store must exist; with a write token it may be new.
	// Memory-mapped reads: a tenth faster for a server that reads most.
	st, err := sqlite.Open(*db, sqlite.Options{MustExist: *token == "", MmapMB: 1024})
	if err != nil {
		fmt.Fprintf(stderr, "parley serve: %v\n", err)
		return 1
	}
	defer st.Close()
	logger := log.New(stderr, "parley serve: ", log.LstdFlags)
	h, err := web.New(st, web.Options{WriteToken: *token, MaxBody: *maxBody, Version: version, Log: logger})
	if err != nil {
		fmt.Fprintf(stderr, "parley serve: %v\n", err)
		return 1
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "parley serve: %v\n", err)
		return 1
	}
	srv := web.HTTPServer(ln.Addr().String(), h)
	srv.ErrorLog = logger
	stats, _ := st.Stats(ctx)
	ingest := "ingest off (no --write-token)"
	if *token != "" {
		ingest = "ingest on: POST /api/documents with the write token"
		if len(*token) < 16 {
			fmt.Fprintln(stderr, "parley serve: warning: the write token is short; use 16 characters or more")
		}
	}
	fmt.Fprintf(stderr, "parley serve: http://%s/ (store %s: %d documents, %d events; %s)\n",
		ln.Addr(), *db, stats.Documents, stats.Events, ingest)
	if host, _, err := net.SplitHostPort(ln.Addr().String()); err == nil {
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			fmt.Fprintln(stderr, "parley serve: warning: listening beyond this machine; anyone who can reach it can read the store")
		}
	}
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintf(stderr, "parley serve: %v\n", err)
			return 1
		}
		return 0
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		fmt.Fprintf(stderr, "parley serve: stopping: %v\n", err)
		return 1
	}
	fmt.Fprintln(stderr, "parley serve: stopped")
	return 0
}
