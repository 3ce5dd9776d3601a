package web

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/read"
	"github.com/parley-events/parley/store"
)

// pageTemplate is one page: the layout with the page's own blocks.
type pageTemplate struct {
	t *template.Template
}

var pageNames = []string{"search", "article", "actor", "actors", "dyad", "dyads", "network", "extract", "error"}

func parseTemplates() (map[string]*pageTemplate, error) {
	out := map[string]*pageTemplate{}
	for _, name := range pageNames {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS,
			"templates/layout.html", "templates/parts.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		out[name] = &pageTemplate{t: t}
	}
	return out, nil
}

// pageData is what the layout needs around a page's own data.
type pageData struct {
	Title string
	Nav   string // the menu entry to mark
	Error string // a bad filter, shown above the page
	Data  any
}

// render writes a page; the whole page is made before anything is sent,
// so that a template error is a clean 500.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, pd pageData) {
	var b bytes.Buffer
	if err := s.pages[name].t.Execute(&b, pd); err != nil {
		s.logf("rendering %s for %s: %v", name, r.URL, err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// pageError shows an error page.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.render(w, r, status, "error", pageData{Title: http.StatusText(status), Data: struct {
		Status int
		Text   string
		Msg    string
	}{status, http.StatusText(status), msg}})
}

// pageFail shows the page for a store or request error.
func (s *Server) pageFail(w http.ResponseWriter, r *http.Request, err error) {
	code := status(err)
	msg := "Something went wrong on the server; it is logged."
	switch code {
	case http.StatusBadRequest, http.StatusNotFound:
		msg = err.Error()
	case http.StatusRequestEntityTooLarge:
		msg = fmt.Sprintf("The text is over the limit of %d bytes.", s.opt.MaxBody)
	case http.StatusServiceUnavailable:
		s.logf("%s %s: %v", r.Method, r.URL, err)
		msg = "The store is busy or the question took too long. Try again, or narrow it (a shorter period)."
	default:
		s.logf("%s %s: %v", r.Method, r.URL, err)
	}
	s.pageError(w, r, code, msg)
}

var funcs = template.FuncMap{
	"quadName":  quadName,
	"num":       num,
	"gold":      func(g float64) string { return signed(g, 1) },
	"mean":      func(g float64) string { return signed(g, 2) },
	"goldClass": goldClass,
	"evidence":  evidence,
	"dyadURL":   dyadURL,
	"pathEsc":   url.PathEscape,
	"country":   countryOf,
	"side":      side,
	"add":       func(a, b int) int { return a + b },
	"quadBar":   func(q [4]int) quadBar { return newQuadBar(q, 120) },
	"host":      host,
	"httpURL":   httpURL,
}

var quadNames = [...]string{"", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"}

func quadName(q int) string {
	if q < 1 || q > 4 {
		return "unknown"
	}
	return quadNames[q]
}

// num writes an integer with thousands separated: 1,009,519.
func num(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// signed writes a Goldstein value with its sign, never "-0.0".
func signed(g float64, decimals int) string {
	p := math.Pow(10, float64(decimals))
	g = math.Round(g*p) / p
	if g == 0 {
		return strconv.FormatFloat(0, 'f', decimals, 64)
	}
	s := strconv.FormatFloat(g, 'f', decimals, 64)
	if g > 0 {
		return "+" + s
	}
	return s
}

func goldClass(g float64) string {
	switch {
	case g <= -2:
		return "neg"
	case g >= 2:
		return "pos"
	}
	return "neu"
}

// evidenceParts is an event's sentence with its trigger words cut out, to
// be marked.
type evidenceParts struct{ Pre, Trigger, Post string }

func evidence(e store.EventRow) evidenceParts {
	s, t := e.TriggerSpan.Start-e.Sentence.Start, e.TriggerSpan.End-e.Sentence.Start
	if s < 0 || t > len(e.Evidence) || s >= t {
		return evidenceParts{Pre: e.Evidence}
	}
	return evidenceParts{Pre: e.Evidence[:s], Trigger: e.Evidence[s:t], Post: e.Evidence[t:]}
}

func dyadURL(src, tgt string) string {
	return "/dyad/" + url.PathEscape(src) + "/" + url.PathEscape(tgt)
}

// countryOf is the country part of a code: RUS for RUSGOV.
func countryOf(code string) string {
	if len(code) < 3 {
		return code
	}
	return code[:3]
}

// side is how a table names an event's side: its code, else its name.
func side(code, name string) string {
	if code == "" {
		if name == "" {
			return "?"
		}
		return name
	}
	return code
}

func host(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return u
	}
	return strings.TrimPrefix(p.Host, "www.")
}

// httpURL tells a link that may be followed: http or https only.
func httpURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != ""
}

// pager links to the pages before and after.
type pager struct {
	Prev, Next string
	From, To   int
}

func newPager(r *http.Request, param string, offset, per, got int, more bool) pager {
	p := pager{From: offset + 1, To: offset + got}
	v := r.URL.Query()
	if offset > 0 {
		prev := max(offset-per, 0)
		if prev == 0 {
			p.Prev = r.URL.Path + linkQuery(v, param, "")
		} else {
			p.Prev = r.URL.Path + linkQuery(v, param, strconv.Itoa(prev))
		}
	}
	if more {
		p.Next = r.URL.Path + linkQuery(v, param, strconv.Itoa(offset+per))
	}
	return p
}

// form holds the raw values of a page's filters, to show them again.
type form map[string]string

func formOf(r *http.Request, names ...string) form {
	f := form{}
	for _, n := range names {
		f[n] = strings.TrimSpace(r.URL.Query().Get(n))
	}
	return f
}

func badFilter(err *paramError) string {
	if err == nil {
		return ""
	}
	return "Filter " + err.Param + ": " + err.Msg
}

// --- Search ---

type searchData struct {
	Form        form
	Show        string
	Filtered    bool
	Events      []store.EventRow
	Quotes      []store.QuoteRow
	EventsPager pager
	QuotesPager pager
	MoreEvents  string
	MoreQuotes  string
	Stats       *store.Stats
	EventsOnly  bool // a filter that quotes do not have (CAMEO code, QuadClass)
	ShowEvents  bool
	ShowQuotes  bool
	QuadOptions []option
	ShowOptions []option
}

type option struct {
	Value, Label string
	Selected     bool
}

func quadOptions(cur string) []option {
	opts := []option{{Value: "", Label: "any"}}
	for q := 1; q <= 4; q++ {
		opts = append(opts, option{Value: strconv.Itoa(q), Label: fmt.Sprintf("%d %s", q, quadNames[q])})
	}
	for i := range opts {
		opts[i].Selected = opts[i].Value == cur
	}
	return opts
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r.URL.Query())
	d := searchData{Form: formOf(r, "q", "actor", "country", "code", "quad", "since", "until")}
	words, actor, country := q.str("q"), q.str("actor"), q.str("country")
	code, quad := q.cameo("code"), q.quad("quad")
	since, until := q.dates()
	d.Show = q.enum("show", "all", []string{"all", "events", "quotes"})
	offset := q.int("offset", 0, 0, 100_000)
	d.QuadOptions = quadOptions(d.Form["quad"])
	d.ShowOptions = []option{{"all", "events and quotes", d.Show == "all"}, {"events", "events", d.Show == "events"}, {"quotes", "quotes", d.Show == "quotes"}}
	d.Filtered = words != "" || actor != "" || country != "" || code != "" || quad != 0 || since != "" || until != ""
	d.EventsOnly = code != "" || quad != 0
	d.ShowEvents, d.ShowQuotes = d.Show != "quotes", d.Show != "events"
	if q.err != nil {
		s.render(w, r, http.StatusBadRequest, "search", pageData{Title: "Search", Nav: "search", Error: badFilter(q.err), Data: d})
		return
	}
	per := 20
	if d.Show != "all" {
		per = 50
	} else {
		offset = 0
	}
	ctx := r.Context()
	var err error
	if d.ShowEvents {
		f := store.EventFilter{Text: words, Actor: actor, Source: country, Both: country != "", Code: code, Quad: quad,
			Since: since, Until: until, Limit: per + 1, Offset: offset}
		if d.Events, err = s.st.Events(ctx, f); err != nil {
			s.pageFail(w, r, err)
			return
		}
		more := len(d.Events) > per
		d.Events = d.Events[:min(len(d.Events), per)]
		if d.Show == "all" {
			if more {
				d.MoreEvents = "/" + linkQuery(r.URL.Query(), "show", "events")
			}
		} else {
			d.EventsPager = newPager(r, "offset", offset, per, len(d.Events), more)
		}
	}
	if d.ShowQuotes {
		f := store.QuoteFilter{Text: words, Speaker: actor, Code: country, Since: since, Until: until, Limit: per + 1, Offset: offset}
		if d.Quotes, err = s.st.Quotes(ctx, f); err != nil {
			s.pageFail(w, r, err)
			return
		}
		more := len(d.Quotes) > per
		d.Quotes = d.Quotes[:min(len(d.Quotes), per)]
		if d.Show == "all" {
			if more {
				d.MoreQuotes = "/" + linkQuery(r.URL.Query(), "show", "quotes")
			}
		} else {
			d.QuotesPager = newPager(r, "offset", offset, per, len(d.Quotes), more)
		}
	}
	if !d.Filtered {
		st, err := s.st.Stats(ctx)
		if err != nil {
			s.pageFail(w, r, err)
			return
		}
		d.Stats = &st
	}
	title := "Search"
	if d.Filtered {
		title = "Search: " + strings.TrimSpace(strings.Join([]string{words, actor, country, code}, " "))
	}
	s.render(w, r, http.StatusOK, "search", pageData{Title: title, Nav: "search", Data: d})
}

// --- Article ---

type articleData struct {
	A       *articleView
	Stored  bool
	Form    form // the extract page's form
	Message string
}

func (s *Server) articlePage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, http.StatusNotFound, "There is no document "+r.PathValue("id")+".")
		return
	}
	v, err := s.st.Document(r.Context(), id)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	av := newArticleView(v)
	title := av.Title
	if title == "" {
		title = "Document " + strconv.FormatInt(id, 10)
	}
	s.render(w, r, http.StatusOK, "article", pageData{Title: title, Nav: "search", Data: articleData{A: av, Stored: true}})
}

// --- Actors ---

type actorsData struct {
	Form   form
	Actors []store.ActorRow
	Pager  pager
	Kinds  []option
}

func (s *Server) actorsPage(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r.URL.Query())
	d := actorsData{Form: formOf(r, "name", "code", "kind")}
	f := q.actorFilter()
	offset := q.int("offset", 0, 0, 1_000_000)
	d.Kinds = []option{{Value: "", Label: "any"}}
	for _, k := range pKind.enum {
		d.Kinds = append(d.Kinds, option{Value: k, Label: k, Selected: d.Form["kind"] == k})
	}
	if q.err != nil {
		s.render(w, r, http.StatusBadRequest, "actors", pageData{Title: "Actors", Nav: "actors", Error: badFilter(q.err), Data: d})
		return
	}
	const per = 50
	f.Limit, f.Offset = per+1, offset
	as, err := s.st.Actors(r.Context(), f)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	more := len(as) > per
	d.Actors = as[:min(len(as), per)]
	d.Pager = newPager(r, "offset", offset, per, len(d.Actors), more)
	s.render(w, r, http.StatusOK, "actors", pageData{Title: "Actors", Nav: "actors", Data: d})
}

type actorData struct {
	A            store.ActorRow
	ByCode       bool // a country: its events are those of its code
	Form         form
	Counterparts []counterpart
	AsSource     []store.EventRow
	AsTarget     []store.EventRow
	Quotes       []store.QuoteRow
	MoreEvents   string
	MoreQuotes   string
	Period       string
}

type counterpart struct {
	store.CounterpartRow
	Href  string // the dyad, or the actor
	Label string
	Bar   float64 // width of its bar, of 100
}

func (s *Server) actorPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, http.StatusNotFound, "There is no actor "+r.PathValue("id")+".")
		return
	}
	ctx := r.Context()
	a, err := s.st.Actor(ctx, id)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	q := newQuery(r.URL.Query())
	d := actorData{A: a, Form: formOf(r, "since", "until")}
	since, until := q.dates()
	if q.err != nil {
		s.render(w, r, http.StatusBadRequest, "actor", pageData{Title: a.Name, Nav: "actors", Error: badFilter(q.err), Data: d})
		return
	}
	d.Period = period(since, until)
	aid, code := actorScope(a)
	d.ByCode = code != ""
	const per = 15
	src := store.EventFilter{SourceID: aid, Source: code, Since: since, Until: until, Limit: per}
	tgt := store.EventFilter{TargetID: aid, Target: code, Since: since, Until: until, Limit: per}
	if d.AsSource, err = s.st.Events(ctx, src); err != nil {
		s.pageFail(w, r, err)
		return
	}
	if d.AsTarget, err = s.st.Events(ctx, tgt); err != nil {
		s.pageFail(w, r, err)
		return
	}
	qf := store.QuoteFilter{SpeakerID: aid, Code: code, Since: since, Until: until, Limit: per}
	if d.Quotes, err = s.st.Quotes(ctx, qf); err != nil {
		s.pageFail(w, r, err)
		return
	}
	cs, err := aggregate(ctx, s, func() ([]store.CounterpartRow, error) {
		return s.st.Counterparts(ctx, store.CounterpartFilter{ActorID: aid, Code: code, Since: since, Until: until, Limit: 25})
	})
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	most := 1
	for _, c := range cs {
		most = max(most, c.Events)
	}
	dates := url.Values{}
	if since != "" {
		dates.Set("since", d.Form["since"])
	}
	if until != "" {
		dates.Set("until", d.Form["until"])
	}
	for _, c := range cs {
		cp := counterpart{CounterpartRow: c, Bar: round1(float64(c.Events) / float64(most) * 100)}
		switch {
		case c.Code != "" && a.Code != "":
			cp.Href = dyadURL(a.Code, c.Code) + linkQuery(dates, "both", "1")
			cp.Label = c.Code
		case c.Code != "":
			cp.Label = c.Code
		default:
			cp.Href = "/actors/" + strconv.FormatInt(c.ActorID, 10)
			cp.Label = c.Name
		}
		d.Counterparts = append(d.Counterparts, cp)
	}
	more := url.Values{}
	for k, v := range dates {
		more[k] = v
	}
	if d.ByCode {
		more.Set("country", a.Code)
	} else {
		more.Set("actor", a.Name)
	}
	more.Set("show", "events")
	d.MoreEvents = "/?" + more.Encode()
	more.Set("show", "quotes")
	d.MoreQuotes = "/?" + more.Encode()
	s.render(w, r, http.StatusOK, "actor", pageData{Title: a.Name, Nav: "actors", Data: d})
}

// countryPage sends a country's code to its actor's page.
func (s *Server) countryPage(w http.ResponseWriter, r *http.Request) {
	code := strings.ToUpper(r.PathValue("code"))
	if len(code) != 3 {
		s.pageError(w, r, http.StatusNotFound, "A country's code has three letters.")
		return
	}
	as, err := s.st.Actors(r.Context(), store.ActorFilter{Code: code, Kind: string(parley.KindCountry), Limit: 5})
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	for _, a := range as {
		if a.Code == code {
			http.Redirect(w, r, "/actors/"+strconv.FormatInt(a.ID, 10)+linkQuery(r.URL.Query()), http.StatusFound)
			return
		}
	}
	s.pageError(w, r, http.StatusNotFound, "No country with the code "+code+" is in the store.")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

func period(since, until string) string {
	switch {
	case since != "" && until != "":
		return since + " to " + until
	case since != "":
		return "from " + since
	case until != "":
		return "up to " + until
	}
	return "all time"
}

// --- Dyads ---

type dyadsData struct {
	Form        form
	Dyads       []dyadRow
	Pager       pager
	QuadOptions []option
	Period      string
	Periods     []option // quick links
}

type dyadRow struct {
	store.DyadRow
	Href string
	Bar  quadBar
}

// latestMonth is the month of the store's latest event: the period the
// aggregate pages show when none is asked for.
func (s *Server) latestMonth(r *http.Request) (since, until string, err error) {
	st, err := s.st.Stats(r.Context())
	if err != nil || st.LastDay == "" {
		return "", "", err
	}
	t, err := time.Parse("2006-01-02", st.LastDay)
	if err != nil {
		return "", "", nil
	}
	first := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	return first.Format("2006-01-02"), first.AddDate(0, 1, -1).Format("2006-01-02"), nil
}

// periodLinks are quick choices of period ending at the latest month.
// choosePeriod gives a page with no dates the latest month of the store,
// and returns the period's label and the quick links to other periods; it
// answers the request itself (and returns false) when the store fails.
func (s *Server) choosePeriod(w http.ResponseWriter, r *http.Request, since, until *string, form map[string]string, all bool) (string, []option, bool) {
	first, latest, err := s.latestMonth(r)
	if err != nil {
		s.pageFail(w, r, err)
		return "", nil, false
	}
	if *since == "" && *until == "" && !all {
		*since, *until = first, latest
		form["since"], form["until"] = *since, *until
	}
	return period(*since, *until), periodLinks(r, latest), true
}

func periodLinks(r *http.Request, latestUntil string) []option {
	t, err := time.Parse("2006-01-02", latestUntil)
	if err != nil {
		return nil
	}
	v := r.URL.Query()
	v.Del("offset")
	var out []option
	for _, m := range []struct {
		months int
		label  string
	}{{1, "latest month"}, {3, "3 months"}, {12, "12 months"}} {
		from := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 1-m.months, 0)
		out = append(out, option{Label: m.label, Value: r.URL.Path + linkQuery(v, "since", from.Format("2006-01"), "until", t.Format("2006-01"), "all", "")})
	}
	out = append(out, option{Label: "all time", Value: r.URL.Path + linkQuery(v, "since", "", "until", "", "all", "1")})
	return out
}

func (s *Server) dyadsPage(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r.URL.Query())
	d := dyadsData{Form: formOf(r, "source", "target", "code", "quad", "since", "until")}
	f := q.dyadFilter()
	all := q.boolean("all")
	offset := q.int("offset", 0, 0, 1_000_000)
	d.QuadOptions = quadOptions(d.Form["quad"])
	if q.err != nil {
		s.render(w, r, http.StatusBadRequest, "dyads", pageData{Title: "Dyads", Nav: "dyads", Error: badFilter(q.err), Data: d})
		return
	}
	var ok bool
	if d.Period, d.Periods, ok = s.choosePeriod(w, r, &f.Since, &f.Until, d.Form, all); !ok {
		return
	}
	const per = 50
	f.Top, f.Offset = per+1, offset
	ds, err := aggregate(r.Context(), s, func() ([]store.DyadRow, error) { return s.st.Dyads(r.Context(), f) })
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	more := len(ds) > per
	ds = ds[:min(len(ds), per)]
	dates := url.Values{}
	for _, k := range []string{"since", "until", "quad", "code"} {
		if d.Form[k] != "" {
			dates.Set(k, d.Form[k])
		}
	}
	for _, x := range ds {
		d.Dyads = append(d.Dyads, dyadRow{DyadRow: x, Href: dyadURL(x.SourceCode, x.TargetCode) + linkQuery(dates), Bar: newQuadBar(x.Quad, 120)})
	}
	d.Pager = newPager(r, "offset", offset, per, len(d.Dyads), more)
	s.render(w, r, http.StatusOK, "dyads", pageData{Title: "Dyads", Nav: "dyads", Data: d})
}

type dyadData struct {
	Source, Target         string
	SourceName, TargetName string
	Form                   form
	Both                   bool
	By                     string
	Chart                  *barChart
	Events                 []store.EventRow
	Pager                  pager
	QuadOptions            []option
	ByOptions              []option
	Swap                   string
	Period                 string
	API                    string
}

// codeRE tells an actor code: letters and digits.
func validCode(c string) bool {
	if c == "" || len(c) > 16 {
		return false
	}
	for _, r := range c {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

func (s *Server) dyadPage(w http.ResponseWriter, r *http.Request) {
	src, tgt := strings.ToUpper(r.PathValue("source")), strings.ToUpper(r.PathValue("target"))
	if !validCode(src) || !validCode(tgt) {
		s.pageError(w, r, http.StatusNotFound, "A dyad is two actor codes, such as /dyad/RUS/MLI.")
		return
	}
	q := newQuery(r.URL.Query())
	d := dyadData{Source: src, Target: tgt, Form: formOf(r, "since", "until", "quad", "by")}
	f := store.EventFilter{Source: src, Target: tgt, Quad: q.quad("quad"), Both: q.boolean("both")}
	f.Since, f.Until = q.dates()
	d.By = q.enum("by", "month", pBy.enum)
	offset := q.int("offset", 0, 0, 1_000_000)
	d.Both = f.Both
	d.QuadOptions = quadOptions(d.Form["quad"])
	for _, b := range pBy.enum {
		d.ByOptions = append(d.ByOptions, option{Value: b, Label: b, Selected: b == d.By})
	}
	d.Swap = dyadURL(tgt, src) + linkQuery(r.URL.Query(), "offset", "")
	d.Period = period(f.Since, f.Until)
	d.API = "/api/timeline" + linkQuery(url.Values{}, "source", src, "target", tgt, "since", f.Since, "until", f.Until,
		"quad", d.Form["quad"], "by", d.By, "both", map[bool]string{true: "true"}[f.Both])
	title := src + " → " + tgt
	if f.Both {
		title = src + " ↔ " + tgt
	}
	if q.err != nil {
		s.render(w, r, http.StatusBadRequest, "dyad", pageData{Title: title, Nav: "dyads", Error: badFilter(q.err), Data: d})
		return
	}
	ctx := r.Context()
	rows, err := s.st.Timeline(ctx, store.TimelineFilter{EventFilter: f, By: d.By})
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	d.Chart = newBarChart(rows, d.By)
	const per = 50
	f.Limit, f.Offset = per+1, offset
	if d.Events, err = s.st.Events(ctx, f); err != nil {
		s.pageFail(w, r, err)
		return
	}
	more := len(d.Events) > per
	d.Events = d.Events[:min(len(d.Events), per)]
	d.Pager = newPager(r, "offset", offset, per, len(d.Events), more)
	d.SourceName, d.TargetName = s.countryName(r, src), s.countryName(r, tgt)
	s.render(w, r, http.StatusOK, "dyad", pageData{Title: title, Nav: "dyads", Data: d})
}

// countryName is the name of the country a code starts with, if the
// store knows it.
func (s *Server) countryName(r *http.Request, code string) string {
	if len(code) < 3 {
		return ""
	}
	as, err := s.st.Actors(r.Context(), store.ActorFilter{Code: code[:3], Kind: string(parley.KindCountry), Limit: 3})
	if err != nil {
		return ""
	}
	for _, a := range as {
		if a.Code == code[:3] {
			return a.Name
		}
	}
	return ""
}

// --- Network ---

type networkData struct {
	Form        form
	Net         *netView
	Edges       []netEdge // the table: busiest first
	QuadOptions []option
	Period      string
	Periods     []option
	Nodes       int
	Dates       string // the period as a query, for links
}

func (s *Server) networkPage(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r.URL.Query())
	d := networkData{Form: formOf(r, "since", "until", "quad", "code", "nodes")}
	f := q.networkFilter()
	all := q.boolean("all")
	d.Nodes = q.int("nodes", 30, 2, 150)
	d.QuadOptions = quadOptions(d.Form["quad"])
	if d.Form["nodes"] == "" {
		d.Form["nodes"] = "30"
	}
	if q.err != nil {
		s.render(w, r, http.StatusBadRequest, "network", pageData{Title: "Network", Nav: "network", Error: badFilter(q.err), Data: d})
		return
	}
	var ok bool
	if d.Period, d.Periods, ok = s.choosePeriod(w, r, &f.Since, &f.Until, d.Form, all); !ok {
		return
	}
	es, err := aggregate(r.Context(), s, func() ([]store.NetworkEdge, error) { return s.st.Network(r.Context(), f) })
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	d.Net = newNetView(es, d.Nodes)
	dates := url.Values{}
	for _, k := range []string{"since", "until", "quad"} {
		if d.Form[k] != "" {
			dates.Set(k, d.Form[k])
		}
	}
	dates.Set("both", "1")
	d.Dates = linkQuery(dates)
	for i := range d.Net.Edges {
		d.Net.Edges[i].Href = dyadURL(d.Net.Edges[i].A, d.Net.Edges[i].B) + d.Dates
	}
	d.Edges = append(d.Edges, d.Net.Edges...)
	for i, j := 0, len(d.Edges)-1; i < j; i, j = i+1, j-1 {
		d.Edges[i], d.Edges[j] = d.Edges[j], d.Edges[i]
	}
	d.Edges = d.Edges[:min(len(d.Edges), 40)]
	s.render(w, r, http.StatusOK, "network", pageData{Title: "Network", Nav: "network", Data: d})
}

// --- Extract ---

func (s *Server) extractPage(w http.ResponseWriter, r *http.Request) {
	d := articleData{Form: form{}}
	if r.Method != http.MethodPost {
		s.render(w, r, http.StatusOK, "extract", pageData{Title: "Extract", Nav: "extract", Data: d})
		return
	}
	if err := r.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.pageFail(w, r, mbe)
			return
		}
		s.pageError(w, r, http.StatusBadRequest, "The form could not be read: "+err.Error())
		return
	}
	text := r.PostForm.Get("text")
	d.Form["text"], d.Form["published"] = text, strings.TrimSpace(r.PostForm.Get("published"))
	fail := func(msg string) {
		s.render(w, r, http.StatusBadRequest, "extract", pageData{Title: "Extract", Nav: "extract", Error: msg, Data: d})
	}
	pub := ""
	if d.Form["published"] != "" {
		if pub = read.NormalizeDate(d.Form["published"]); pub == "" {
			fail("Published: " + strconv.Quote(d.Form["published"]) + " is not a date (YYYY-MM-DD).")
			return
		}
	}
	if strings.TrimSpace(text) == "" {
		fail("Paste the text of an article, or its HTML page.")
		return
	}
	// Plain text or an HTML page, told apart by content as the CLI does.
	doc, err := read.Article("pasted article", []byte(text), read.Options{MaxBytes: s.opt.MaxBody, Published: pub})
	if err != nil {
		fail(err.Error())
		return
	}
	if pub != "" {
		doc.Published = pub
	}
	res, err := s.readDoc(r.Context(), doc)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	d.A = newArticleView(resultView(doc, res))
	if doc.Title == "" {
		d.A.Title = "Pasted article"
	}
	d.Message = fmt.Sprintf("Read in this request, not stored: %s, %s, %s.",
		plural(len(res.Actors), "actor"), plural(len(res.Quotes), "quote"), plural(len(res.Events), "event"))
	s.render(w, r, http.StatusOK, "extract", pageData{Title: "Extract", Nav: "extract", Data: d})
}
