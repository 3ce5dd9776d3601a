// Package web serves a Parley store over HTTP: a JSON API (events, quotes,
// actors, dyads, timelines, the network of countries, one document with
// every annotation, extraction of a posted article, ingest) and pages
// rendered on the server for analysts (search, article, actor, dyad,
// network, extract). Templates and assets are embedded; the pages use a few
// lines of plain JavaScript and work without it.
//
// The package depends on the store.Store interface, not on an
// implementation, and on extract and read for articles posted to it.
package web

import (
	"context"
	"crypto/subtle"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net/http"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/parley-events/parley/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// DefaultMaxBody is the largest request body accepted when
// Options.MaxBody is 0: larger bodies get 413.
const DefaultMaxBody = 10 << 20

// Options tune a Server. The zero value serves the store read-only.
type Options struct {
	// WriteToken, when set, enables POST /api/documents for requests
	// that carry it as "Authorization: Bearer TOKEN".
	WriteToken string
	// MaxBody is the largest request body, in bytes; 0 means DefaultMaxBody.
	MaxBody int64
	// QueryTimeout bounds the work of one request; 0 means 30 s.
	QueryTimeout time.Duration
	// Version is shown in /healthz and the OpenAPI document.
	Version string
	// Log receives server errors (a failed query, a panic); nil discards them.
	Log *log.Logger
}

// Server is the HTTP handler of the API and the pages.
type Server struct {
	st      store.Store
	opt     Options
	mux     *http.ServeMux
	pages   map[string]*pageTemplate
	extract chan struct{} // bounds concurrent extractions to the cores
	heavy   chan struct{} // bounds concurrent aggregates over many events (one per core)
	static  http.Handler
	openapi []byte
}

// New makes a Server over st.
func New(st store.Store, opt Options) (*Server, error) {
	if opt.MaxBody <= 0 {
		opt.MaxBody = DefaultMaxBody
	}
	if opt.QueryTimeout <= 0 {
		opt.QueryTimeout = 30 * time.Second
	}
	if opt.Version == "" {
		opt.Version = "dev"
	}
	s := &Server{st: st, opt: opt, mux: http.NewServeMux(), extract: make(chan struct{}, runtime.GOMAXPROCS(0)),
		heavy: make(chan struct{}, runtime.GOMAXPROCS(0))}
	var err error
	if s.pages, err = parseTemplates(); err != nil {
		return nil, err
	}
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, err
	}
	s.static = http.StripPrefix("/static/", http.FileServerFS(sub))
	s.routes()
	if s.openapi, err = s.openAPI(); err != nil {
		return nil, err
	}
	return s, nil
}

// HTTPServer is an http.Server for h on addr with the timeouts a server
// open to slow or idle clients needs.
func HTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       60 * time.Second, // a 10 MB body over a slow link
		WriteTimeout:      90 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}

// route is one API route: what the OpenAPI document says of it, and its handler.
type route struct {
	method, path string
	summary      string
	params       []param // query parameters
	pathParams   []param
	body         any    // the request body's type, for POST
	bodyDesc     string // what the body holds
	result       any    // the answer's type
	list         bool   // the answer is a page of result
	status       int    // the success status (200 when 0)
	errors       []int  // statuses it may answer besides 200 and 500
	auth         bool   // needs the write token
	handler      http.HandlerFunc
}

func (s *Server) routes() {
	for _, r := range s.apiRoutes() {
		s.mux.HandleFunc(r.method+" "+r.path, r.handler)
	}
	// Other methods on an API path: 405, in JSON, with the allowed ones.
	allowed := map[string][]string{}
	var paths []string
	for _, r := range s.apiRoutes() {
		if allowed[r.path] == nil {
			paths = append(paths, r.path)
		}
		allowed[r.path] = append(allowed[r.path], r.method)
		if r.method == http.MethodGet {
			allowed[r.path] = append(allowed[r.path], http.MethodHead)
		}
	}
	for _, p := range paths {
		methods := strings.Join(allowed[p], ", ")
		s.mux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", methods)
			writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("%s is not allowed on %s (allowed: %s)", r.Method, p, methods))
		})
	}
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such API path: "+r.URL.Path+" (see /api/openapi.json)")
	})

	s.mux.HandleFunc("GET /{$}", s.searchPage)
	s.mux.HandleFunc("GET /documents/{id}", s.articlePage)
	s.mux.HandleFunc("GET /actors", s.actorsPage)
	s.mux.HandleFunc("GET /actors/{id}", s.actorPage)
	s.mux.HandleFunc("GET /countries/{code}", s.countryPage)
	s.mux.HandleFunc("GET /dyads", s.dyadsPage)
	s.mux.HandleFunc("GET /dyad/{source}/{target}", s.dyadPage)
	s.mux.HandleFunc("GET /network", s.networkPage)
	s.mux.HandleFunc("GET /extract", s.extractPage)
	s.mux.HandleFunc("POST /extract", s.extractPage)
	s.mux.Handle("GET /static/", s.staticHandler())
	s.mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/static/favicon.svg", http.StatusMovedPermanently)
	})
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.pageError(w, r, http.StatusNotFound, "There is no page at "+r.URL.Path+".")
	})
}

func (s *Server) staticHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		s.static.ServeHTTP(w, r)
	})
}

// ServeHTTP serves a request: security headers on every answer, the body
// limit, the time limit, and a panic turned into a 500.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
		"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	if r.Body != nil {
		r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxBody)
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opt.QueryTimeout)
	defer cancel()
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.logf("panic serving %s %s: %v\n%s", r.Method, r.URL, v, debug.Stack())
			if strings.HasPrefix(r.URL.Path, "/api/") {
				writeError(w, http.StatusInternalServerError, "internal error")
			} else {
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}
	}()
	s.mux.ServeHTTP(w, r.WithContext(ctx))
}

func (s *Server) logf(format string, args ...any) {
	if s.opt.Log != nil {
		s.opt.Log.Printf(format, args...)
	}
}

// aggregate runs fn, an aggregate over many events (dyads, the network,
// counterparts), with at most one per core at once: a burst of them waits
// here instead of taking every connection of the store from the quick
// answers. (One slot in all serialises them behind each other: under the
// load test their tail grows; one per core holds it.)
func aggregate[T any](ctx context.Context, s *Server, fn func() (T, error)) (T, error) {
	select {
	case s.heavy <- struct{}{}:
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
	defer func() { <-s.heavy }()
	return fn()
}

// authorized reports whether r carries the write token.
func (s *Server) authorized(r *http.Request) bool {
	auth := r.Header.Get("Authorization")
	scheme, token, ok := strings.Cut(auth, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || s.opt.WriteToken == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(strings.TrimSpace(token)), []byte(s.opt.WriteToken)) == 1
}

// status tells the HTTP status of a store or request error.
func status(err error) int {
	var mbe *http.MaxBytesError
	var pe *paramError
	switch {
	case errors.As(err, &mbe):
		return http.StatusRequestEntityTooLarge
	case errors.As(err, &pe):
		return http.StatusBadRequest
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable
	case errors.Is(err, store.ErrLocked):
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}
