package web

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/extract"
	"github.com/parley-events/parley/read"
	"github.com/parley-events/parley/store"
)

// apiError is the body of every error answer.
type apiError struct {
	Error string `json:"error"`
	Param string `json:"param,omitempty"` // the query parameter at fault (400)
}

// page is one page of a list: the items, where they start, and the link
// to the next page when there is one.
type page[T any] struct {
	Items  []T    `json:"items"`
	Limit  int    `json:"limit"`
	Offset int    `json:"offset"`
	Next   string `json:"next,omitempty"`
}

// items is a list returned whole.
type items[T any] struct {
	Items []T `json:"items"`
}

// ArticleIn is an article posted to /api/extract or /api/documents.
type ArticleIn struct {
	ID        string `json:"id,omitempty"`
	URL       string `json:"url,omitempty"`
	Source    string `json:"source,omitempty"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"` // YYYY-MM-DD (other common forms are read too)
	Text      string `json:"text,omitempty"`      // plain text, or
	HTML      string `json:"html,omitempty"`      // an HTML page, whose main text is read
}

// ExtractOut is what /api/extract answers: the result, and the text its
// spans point into (for HTML input, the text read from the page).
type ExtractOut struct {
	parley.Result
	Text string `json:"text"`
}

// IngestOut is what POST /api/documents did with one document.
type IngestOut struct {
	Status     store.Status `json:"status,omitempty"` // added, replaced, unchanged
	DocumentID int64        `json:"document_id,omitempty"`
	Events     int          `json:"events"`
	NewEvents  int          `json:"new_events"`
	Quotes     int          `json:"quotes"`
	Actors     int          `json:"actors"`
	Error      string       `json:"error,omitempty"` // this document was not stored
}

type health struct {
	Status  string `json:"status"`
	Version string `json:"version"`
}

func (s *Server) apiRoutes() []route {
	notFound, bad := http.StatusNotFound, http.StatusBadRequest
	return []route{
		{method: "GET", path: "/healthz", summary: "Liveness: the server answers", result: health{},
			handler: func(w http.ResponseWriter, r *http.Request) {
				writeJSON(w, http.StatusOK, health{Status: "ok", Version: s.opt.Version})
			}},
		{method: "GET", path: "/api/openapi.json", summary: "This document", result: map[string]any{},
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.Write(s.openapi)
			}},
		{method: "GET", path: "/api/stats", summary: "What the store holds", result: store.Stats{},
			handler: func(w http.ResponseWriter, r *http.Request) {
				st, err := s.st.Stats(r.Context())
				s.answer(w, r, st, err)
			}},
		{method: "GET", path: "/api/events", summary: "Events across articles, latest first", params: eventParams,
			result: store.EventRow{}, list: true, errors: []int{bad},
			handler: list(s, eventParams, func(q *query, limit, offset int) func(context.Context) ([]store.EventRow, error) {
				f := q.eventFilter()
				f.Limit, f.Offset = limit, offset
				return func(ctx context.Context) ([]store.EventRow, error) { return s.st.Events(ctx, f) }
			})},
		{method: "GET", path: "/api/quotes", summary: "Quotations with their speakers: latest first, by relevance with text",
			params: quoteParams, result: store.QuoteRow{}, list: true, errors: []int{bad},
			handler: list(s, quoteParams, func(q *query, limit, offset int) func(context.Context) ([]store.QuoteRow, error) {
				f := q.quoteFilter()
				f.Limit, f.Offset = limit, offset
				return func(ctx context.Context) ([]store.QuoteRow, error) { return s.st.Quotes(ctx, f) }
			})},
		{method: "GET", path: "/api/actors", summary: "Persons, countries and organisations across articles, those in most articles first",
			params: actorParams, result: store.ActorRow{}, list: true, errors: []int{bad},
			handler: list(s, actorParams, func(q *query, limit, offset int) func(context.Context) ([]store.ActorRow, error) {
				f := q.actorFilter()
				f.Limit, f.Offset = limit, offset
				return func(ctx context.Context) ([]store.ActorRow, error) { return s.st.Actors(ctx, f) }
			})},
		{method: "GET", path: "/api/actors/{id}", summary: "One actor, with aliases and titles over time",
			pathParams: []param{pID}, result: store.ActorRow{}, errors: []int{bad, notFound},
			handler: byID(s, func(ctx context.Context, id int64) (any, error) { return s.st.Actor(ctx, id) })},
		{method: "GET", path: "/api/actors/{id}/counterparts", summary: "Whom an actor dealt with, the most events first (a country: every code of it)",
			pathParams: []param{pID}, params: counterpartParams, result: store.CounterpartRow{}, errors: []int{bad, notFound},
			handler: func(w http.ResponseWriter, r *http.Request) {
				id, err := pathID(r)
				if err != nil {
					s.fail(w, r, err)
					return
				}
				q := newQuery(r.URL.Query())
				q.only(counterpartParams)
				f := store.CounterpartFilter{Limit: q.int("limit", 50, 1, maxLimit)}
				f.Since, f.Until = q.dates()
				if q.err != nil {
					s.fail(w, r, q.err)
					return
				}
				a, err := s.st.Actor(r.Context(), id)
				if err != nil {
					s.fail(w, r, err)
					return
				}
				f.ActorID, f.Code = actorScope(a)
				cs, err := aggregate(r.Context(), s, func() ([]store.CounterpartRow, error) { return s.st.Counterparts(r.Context(), f) })
				s.answer(w, r, items[store.CounterpartRow]{cs}, err)
			}},
		{method: "GET", path: "/api/dyads", summary: "Events per source → target pair, the most first",
			params: dyadParams, result: store.DyadRow{}, list: true, errors: []int{bad},
			handler: list(s, dyadParams, func(q *query, limit, offset int) func(context.Context) ([]store.DyadRow, error) {
				f := q.dyadFilter()
				f.Top, f.Offset = limit, offset
				return func(ctx context.Context) ([]store.DyadRow, error) {
					return aggregate(ctx, s, func() ([]store.DyadRow, error) { return s.st.Dyads(ctx, f) })
				}
			})},
		{method: "GET", path: "/api/timeline", summary: "Events of a dyad per period (every event without source or target), in time order",
			params: timelineParams, result: store.TimelineRow{}, errors: []int{bad},
			handler: func(w http.ResponseWriter, r *http.Request) {
				q := newQuery(r.URL.Query())
				q.only(timelineParams)
				f := q.timelineFilter()
				if q.err != nil {
					s.fail(w, r, q.err)
					return
				}
				rows, err := s.st.Timeline(r.Context(), f)
				s.answer(w, r, items[store.TimelineRow]{rows}, err)
			}},
		{method: "GET", path: "/api/network", summary: "Events between countries, one edge per direction, the most first",
			params: networkParams, result: store.NetworkEdge{}, errors: []int{bad},
			handler: func(w http.ResponseWriter, r *http.Request) {
				q := newQuery(r.URL.Query())
				q.only(networkParams)
				f := q.networkFilter()
				if q.err != nil {
					s.fail(w, r, q.err)
					return
				}
				es, err := aggregate(r.Context(), s, func() ([]store.NetworkEdge, error) { return s.st.Network(r.Context(), f) })
				s.answer(w, r, items[store.NetworkEdge]{es}, err)
			}},
		{method: "GET", path: "/api/documents/{id}", summary: "One document: its text and every actor, mention, quote, event and date read in it, with spans",
			pathParams: []param{pID}, result: store.DocumentView{}, errors: []int{bad, notFound},
			handler: byID(s, func(ctx context.Context, id int64) (any, error) { return s.st.Document(ctx, id) })},
		{method: "POST", path: "/api/extract", summary: "Read one article and return what it says; nothing is stored",
			body: ArticleIn{}, bodyDesc: `one article: "text" or "html", and optionally "published" (relative dates resolve against it), "title", "url"`,
			result: ExtractOut{}, errors: []int{bad, http.StatusRequestEntityTooLarge}, handler: s.apiExtract},
		{method: "POST", path: "/api/documents", summary: "Read and store articles (needs the server's write token)",
			body: ArticleIn{}, bodyDesc: "one article as a JSON object (the answer is one result), or several: a JSON array or JSON Lines (the answer lists a result for each)",
			result: IngestOut{}, status: http.StatusCreated, auth: true,
			errors: []int{bad, http.StatusUnauthorized, http.StatusForbidden, http.StatusRequestEntityTooLarge}, handler: s.apiIngest},
	}
}

// list makes the handler of a paged list: parse the filters (400 naming
// a bad one), fetch one more than the page to know whether there is a
// next, and answer the page with the link to the next.
func list[T any](s *Server, ps []param, parse func(q *query, limit, offset int) func(context.Context) ([]T, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := newQuery(r.URL.Query())
		q.only(ps)
		limit, offset := q.paging(50)
		fetch := parse(q, limit+1, offset)
		if q.err != nil {
			s.fail(w, r, q.err)
			return
		}
		rows, err := fetch(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p := page[T]{Items: rows, Limit: limit, Offset: offset}
		if len(rows) > limit {
			p.Items = rows[:limit]
			next := r.URL.Query()
			next.Del("top")
			next.Set("limit", strconv.Itoa(limit))
			next.Set("offset", strconv.Itoa(offset+limit))
			p.Next = r.URL.Path + "?" + next.Encode()
		}
		writeJSON(w, http.StatusOK, p)
	}
}

func pathID(r *http.Request) (int64, error) {
	s := r.PathValue("id")
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, &paramError{Param: "id", Msg: fmt.Sprintf("%q is not an id (a positive whole number)", s)}
	}
	return id, nil
}

// actorScope says how an actor's events are found: a country by its code
// (every code that starts with it), any other actor by its id.
func actorScope(a store.ActorRow) (id int64, code string) {
	if a.Kind == parley.KindCountry && a.Code != "" {
		return 0, a.Code
	}
	return a.ID, ""
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(v); err != nil {
		writeError(w, http.StatusInternalServerError, "encoding the answer: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, apiError{Error: msg})
}

// answer writes v, or the error.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, v any, err error) {
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// fail writes an error with the status that fits it. Server errors are
// logged and answered without their details (which name files).
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := status(err)
	var pe *paramError
	switch {
	case errors.As(err, &pe):
		writeJSON(w, code, apiError{Error: pe.Error(), Param: pe.Param})
	case code == http.StatusRequestEntityTooLarge:
		writeError(w, code, fmt.Sprintf("the request body is over the limit of %d bytes", s.opt.MaxBody))
	case code == http.StatusNotFound:
		writeError(w, code, err.Error())
	case code == http.StatusServiceUnavailable:
		s.logf("%s %s: %v", r.Method, r.URL, err)
		writeError(w, code, "the store is busy or the request took too long; try again")
	default:
		s.logf("%s %s: %v", r.Method, r.URL, err)
		writeError(w, code, "internal error")
	}
}

// readArticles decodes a body of one article (a JSON object), a JSON
// array of them, or JSON Lines. single tells the first form.
func readArticles(r io.Reader) (arts []ArticleIn, single bool, err error) {
	br := bufioPeeker(r)
	first, err := firstByte(br)
	if err != nil {
		return nil, false, err
	}
	dec := json.NewDecoder(br)
	dec.DisallowUnknownFields()
	if first == '[' {
		if err := dec.Decode(&arts); err != nil {
			return nil, false, bodyError(err)
		}
		if dec.More() {
			return nil, false, &paramError{Param: "body", Msg: "more after the JSON array"}
		}
		return arts, false, nil
	}
	for {
		var a ArticleIn
		err := dec.Decode(&a)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, false, bodyError(err)
		}
		arts = append(arts, a)
	}
	if len(arts) == 0 {
		return nil, false, &paramError{Param: "body", Msg: "no article (a JSON object with \"text\" or \"html\")"}
	}
	return arts, len(arts) == 1, nil
}

func bufioPeeker(r io.Reader) *bufio.Reader { return bufio.NewReaderSize(r, 4096) }

// firstByte is the first byte of the body other than white space, left unread.
func firstByte(br *bufio.Reader) (byte, error) {
	for {
		b, err := br.Peek(1)
		if err == io.EOF {
			return 0, &paramError{Param: "body", Msg: "empty (send an article as JSON)"}
		}
		if err != nil {
			return 0, bodyError(err)
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			br.ReadByte()
			continue
		}
		return b[0], nil
	}
}

func bodyError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return err
	}
	return &paramError{Param: "body", Msg: "not an article in JSON: " + err.Error()}
}

// document turns a posted article into a document as the readers make
// them: plain text with "\n" line ends, or the main text of an HTML page;
// the date normalised.
func (s *Server) document(a ArticleIn) (parley.Document, error) {
	pub := ""
	if p := strings.TrimSpace(a.Published); p != "" {
		if pub = read.NormalizeDate(p); pub == "" {
			return parley.Document{}, &paramError{Param: "published", Msg: fmt.Sprintf("%q is not a date (YYYY-MM-DD)", p)}
		}
	}
	var d parley.Document
	switch {
	case a.Text != "" && a.HTML != "":
		return d, &paramError{Param: "body", Msg: `give "text" or "html", not both`}
	case a.HTML != "":
		var err error
		d, err = read.HTMLPage("html", strings.TrimSpace(a.URL), "text/html; charset=utf-8", []byte(a.HTML),
			read.Options{MaxBytes: s.opt.MaxBody})
		if err != nil {
			return d, &paramError{Param: "html", Msg: strings.TrimPrefix(err.Error(), "html: ")}
		}
	case strings.TrimSpace(a.Text) != "":
		text, _ := read.Clean(a.Text)
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
		d.Text = strings.TrimSpace(text)
	default:
		return d, &paramError{Param: "text", Msg: `no article text (give "text" or "html")`}
	}
	d.ID = oneLine(a.ID)
	if u := oneLine(a.URL); u != "" {
		d.URL = u
	}
	if t := oneLine(a.Title); t != "" {
		d.Title = t
	}
	if src := oneLine(a.Source); src != "" {
		d.Source = src
	}
	if pub != "" {
		d.Published = pub
	}
	return d, nil
}

func oneLine(s string) string {
	s, _ = read.Clean(s)
	return strings.Join(strings.Fields(s), " ")
}

// readDoc extracts one document, at most as many at once as there are cores.
func (s *Server) readDoc(ctx context.Context, d parley.Document) (parley.Result, error) {
	select {
	case s.extract <- struct{}{}:
	case <-ctx.Done():
		return parley.Result{}, ctx.Err()
	}
	defer func() { <-s.extract }()
	res := extract.Document(d)
	if res.Error != "" {
		s.logf("extraction of %q failed: %s", d.ID, res.Error)
		return res, errors.New("extraction failed: " + firstLine(res.Error))
	}
	return res, nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func (s *Server) apiExtract(w http.ResponseWriter, r *http.Request) {
	arts, single, err := readArticles(r.Body)
	if err == nil && !single {
		err = &paramError{Param: "body", Msg: "one article at a time (a JSON object)"}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.document(arts[0])
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := s.readDoc(r.Context(), d)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, ExtractOut{Result: res, Text: d.Text})
}

func (s *Server) apiIngest(w http.ResponseWriter, r *http.Request) {
	if s.opt.WriteToken == "" {
		writeError(w, http.StatusForbidden, "ingest is off: start parley serve with --write-token to allow it")
		return
	}
	if !s.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="parley"`)
		writeError(w, http.StatusUnauthorized, "a valid write token is needed: Authorization: Bearer TOKEN")
		return
	}
	arts, single, err := readArticles(r.Body)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	outs := make([]IngestOut, len(arts))
	var batch []store.Item
	var at []int // the index in arts of each batch item
	for i, a := range arts {
		d, err := s.document(a)
		if err == nil {
			var res parley.Result
			if res, err = s.readDoc(r.Context(), d); err == nil {
				batch = append(batch, store.Item{Doc: d, Res: res})
				at = append(at, i)
				continue
			}
		}
		if single {
			s.fail(w, r, err)
			return
		}
		outs[i].Error = err.Error()
	}
	if len(batch) > 0 {
		rs, err := s.st.PutBatch(r.Context(), batch)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for j, pr := range rs {
			o := &outs[at[j]]
			if pr.Err != nil {
				s.logf("storing %q: %v", batch[j].Doc.ID, pr.Err)
				o.Error = "could not be stored"
				continue
			}
			*o = IngestOut{Status: pr.Status, DocumentID: pr.DocID, Events: pr.Events, NewEvents: pr.NewEvents,
				Quotes: pr.Quotes, Actors: pr.Actors}
		}
	}
	if single {
		code := http.StatusOK
		switch {
		case outs[0].Error != "":
			code = http.StatusInternalServerError
		case outs[0].Status == store.Added:
			code = http.StatusCreated
		}
		writeJSON(w, code, outs[0])
		return
	}
	writeJSON(w, http.StatusOK, items[IngestOut]{outs})
}

// linkQuery is v with key set to value (removed when value is ""), encoded.
func linkQuery(v url.Values, kv ...string) string {
	c := url.Values{}
	for k, vs := range v {
		c[k] = append([]string(nil), vs...)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			c.Del(kv[i])
		} else {
			c.Set(kv[i], kv[i+1])
		}
	}
	if len(c) == 0 {
		return ""
	}
	return "?" + c.Encode()
}

// byID answers GET /…/{id} routes that take no query parameters: one record
// by its store id.
func byID(s *Server, get func(ctx context.Context, id int64) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		q := newQuery(r.URL.Query())
		if q.only(nil); q.err != nil {
			s.fail(w, r, q.err)
			return
		}
		v, err := get(r.Context(), id)
		s.answer(w, r, v, err)
	}
}
