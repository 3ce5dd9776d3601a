package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/parley-events/parley/store"
)

// decode reads a JSON answer, checking its status and content type.
func decode[T any](t *testing.T, w *httptest.ResponseRecorder, status int) T {
	t.Helper()
	var v T
	if w.Code != status {
		t.Fatalf("status %d, want %d: %s", w.Code, status, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("content type %q", ct)
	}
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("%v: %s", err, w.Body)
	}
	return v
}

func TestAPIEvents(t *testing.T) {
	f := sharedFixture(t)
	p := decode[page[store.EventRow]](t, f.get(t, "/api/events?source=RUS&target=MLI&until=2024"), 200)
	if len(p.Items) != 6 || p.Next != "" || p.Limit != 50 {
		t.Fatalf("RUS → MLI: %d events, next %q: %+v", len(p.Items), p.Next, p.Items)
	}
	for i, e := range p.Items {
		if !strings.HasPrefix(e.SourceCode, "RUS") || !strings.HasPrefix(e.TargetCode, "MLI") || e.DocumentID == 0 {
			t.Errorf("event %d: %+v", i, e)
		}
		if i > 0 && e.Day > p.Items[i-1].Day {
			t.Errorf("not latest first: %s after %s", e.Day, p.Items[i-1].Day)
		}
	}
	// Filters as the CLI has them.
	for q, want := range map[string]int{
		"source=RUS&target=MLI&quad=4&until=2024":           1,
		"source=RUS&target=MLI&code=0&until=2024":           4, // 036, 062, 070, 057
		"source=RUS&target=MLI&since=2024-03&until=2024-03": 2,
		"source=RUS&target=MLI&both=true&until=2024":        7,
		"source=MLI&target=RUS&until=2024":                  1,
		"target=MLI&source=FRA&until=2024":                  1,
		"source=RUS&target=MLI&text=grain":                  1,
	} {
		p := decode[page[store.EventRow]](t, f.get(t, "/api/events?"+q), 200)
		if len(p.Items) != want {
			t.Errorf("%s: %d events, want %d", q, len(p.Items), want)
		}
	}
	// Pages: two of three, then the rest, by the next link.
	p = decode[page[store.EventRow]](t, f.get(t, "/api/events?source=RUS&target=MLI&until=2024&limit=4"), 200)
	if len(p.Items) != 4 || p.Next == "" {
		t.Fatalf("page 1: %d items, next %q", len(p.Items), p.Next)
	}
	p2 := decode[page[store.EventRow]](t, f.get(t, p.Next), 200)
	if len(p2.Items) != 2 || p2.Offset != 4 || p2.Next != "" || p2.Items[0].ID == p.Items[0].ID {
		t.Errorf("page 2: %+v", p2)
	}
	// The evidence is the sentence, with the trigger inside it.
	for _, e := range p.Items {
		if e.Sentence.Len() != len(e.Evidence) || !strings.Contains(e.Evidence, e.Trigger) {
			t.Errorf("evidence %q, trigger %q, sentence %+v", e.Evidence, e.Trigger, e.Sentence)
		}
	}
}

func TestAPIBadFilters(t *testing.T) {
	f := sharedFixture(t)
	for target, param := range map[string]string{
		"/api/events?since=2025-13":                 "since",
		"/api/events?until=yesterday":               "until",
		"/api/events?since=2025-06&until=2025-05":   "until",
		"/api/events?quad=5":                        "quad",
		"/api/events?code=1a":                       "code",
		"/api/events?limit=0":                       "limit",
		"/api/events?limit=5000":                    "limit",
		"/api/events?offset=-1":                     "offset",
		"/api/events?both=maybe":                    "both",
		"/api/events?source_id=x":                   "source_id",
		"/api/events?sorce=RUS":                     "sorce",
		"/api/events?source=RUS&source=UKR":         "source",
		"/api/events?source=RUS&source_actor=Putin": "source_actor",
		"/api/quotes?anonymous=2":                   "anonymous",
		"/api/quotes?speker=x":                      "speker",
		"/api/actors?kind=planet":                   "kind",
		"/api/dyads?top=-3":                         "top",
		"/api/timeline?by=fortnight":                "by",
		"/api/network?quad=x":                       "quad",
		"/api/actors/abc":                           "id",
		"/api/documents/0":                          "id",
		"/api/documents/1?full=1":                   "full",
		"/api/actors/1/counterparts?limit=x":        "limit",
	} {
		e := decode[apiError](t, f.get(t, target), http.StatusBadRequest)
		if e.Param != param || !strings.HasPrefix(e.Error, param+": ") {
			t.Errorf("%s: %+v, want the parameter %s named", target, e, param)
		}
	}
}

func TestAPIQuotesAndActors(t *testing.T) {
	f := sharedFixture(t)
	qs := decode[page[store.QuoteRow]](t, f.get(t, "/api/quotes?speaker=Belousov"), 200)
	if len(qs.Items) < 3 {
		t.Fatalf("Belousov's quotes: %+v", qs.Items)
	}
	for _, q := range qs.Items {
		if !strings.Contains(q.Speaker, "Belousov") || q.DocumentID == 0 || q.Span.Len() != len(q.Text) {
			t.Errorf("quote %+v", q)
		}
	}
	if qs := decode[page[store.QuoteRow]](t, f.get(t, "/api/quotes?anonymous=true"), 200); len(qs.Items) == 0 {
		t.Error("no anonymous quotes")
	} else {
		for _, q := range qs.Items {
			if !q.Anonymous {
				t.Errorf("not anonymous: %+v", q)
			}
		}
	}
	if qs := decode[page[store.QuoteRow]](t, f.get(t, "/api/quotes?text=Bamako"), 200); len(qs.Items) == 0 {
		t.Error("text search found nothing")
	}

	as := decode[page[store.ActorRow]](t, f.get(t, "/api/actors?kind=country&limit=3"), 200)
	if len(as.Items) != 3 || as.Next == "" {
		t.Fatalf("3 countries with a next page: %+v", as)
	}
	for _, a := range as.Items {
		if a.Kind != "country" {
			t.Errorf("kind %s", a.Kind)
		}
	}
	rus := decode[page[store.ActorRow]](t, f.get(t, "/api/actors?code=RUS&kind=country"), 200)
	if len(rus.Items) != 1 || rus.Items[0].Name != "Russia" {
		t.Fatalf("Russia: %+v", rus.Items)
	}
	one := decode[store.ActorRow](t, f.get(t, "/api/actors/"+strconv.FormatInt(rus.Items[0].ID, 10)), 200)
	if !reflect.DeepEqual(one, rus.Items[0]) {
		t.Errorf("by id %+v, in the list %+v", one, rus.Items[0])
	}
	cs := decode[items[store.CounterpartRow]](t, f.get(t, "/api/actors/"+strconv.FormatInt(one.ID, 10)+"/counterparts"), 200)
	found := false
	for _, c := range cs.Items {
		if c.Code == "MLI" {
			found = c.AsSource >= 3 && c.AsTarget >= 1
		}
	}
	if !found {
		t.Errorf("Russia's counterparts lack Mali both ways: %+v", cs.Items)
	}
	decode[apiError](t, f.get(t, "/api/actors/99999"), http.StatusNotFound)
	decode[apiError](t, f.get(t, "/api/actors/99999/counterparts"), http.StatusNotFound)
}

func TestAPIDyadsTimelineNetwork(t *testing.T) {
	f := sharedFixture(t)
	ds := decode[page[store.DyadRow]](t, f.get(t, "/api/dyads?source=RUS&target=MLI&top=2"), 200)
	if len(ds.Items) != 2 || ds.Next == "" || ds.Limit != 2 {
		t.Fatalf("dyads: %+v", ds)
	}
	if next, _ := url.Parse(ds.Next); next.Query().Get("top") != "" || next.Query().Get("offset") != "2" {
		t.Errorf("next link %q", ds.Next)
	}
	tl := decode[items[store.TimelineRow]](t, f.get(t, "/api/timeline?source=RUS&target=MLI&by=month&until=2024"), 200)
	var months []string
	total := 0
	for _, r := range tl.Items {
		months = append(months, r.Period)
		total += r.Events
	}
	if strings.Join(months, " ") != "2024-01 2024-02 2024-03 2024-04 2024-05" || total != 6 {
		t.Errorf("timeline %+v", tl.Items)
	}
	tl = decode[items[store.TimelineRow]](t, f.get(t, "/api/timeline?source=RUS&target=MLI&both=1&quad=1&until=2024"), 200)
	if len(tl.Items) != 2 || tl.Items[1].Events != 2 {
		t.Errorf("both ways, quad 1: %+v", tl.Items)
	}
	tl = decode[items[store.TimelineRow]](t, f.get(t, "/api/timeline?source_actor=Belousov&by=year"), 200)
	if len(tl.Items) == 0 {
		t.Error("a timeline by an actor's name is empty")
	}
	net := decode[items[store.NetworkEdge]](t, f.get(t, "/api/network?since=2024-01&until=2024-12"), 200)
	got := map[string]int{}
	for _, e := range net.Items {
		got[e.Source+">"+e.Target] = e.Events
	}
	if got["RUS>MLI"] != 6 || got["MLI>RUS"] != 1 || got["FRA>MLI"] != 1 {
		t.Errorf("network %v", got)
	}
}

func TestAPIDocument(t *testing.T) {
	f := sharedFixture(t)
	id := f.docs["dev-seed"]
	d := decode[store.DocumentView](t, f.get(t, "/api/documents/"+strconv.FormatInt(id, 10)), 200)
	if d.ID != id || d.DocID != "dev-seed" || d.Title == "" || len(d.Text) < 1000 {
		t.Fatalf("document: %+v", d.Title)
	}
	if len(d.Actors) == 0 || len(d.Quotes) == 0 || len(d.Events) == 0 || len(d.Dates) == 0 {
		t.Fatalf("annotations: %d actors, %d quotes, %d events, %d dates", len(d.Actors), len(d.Quotes), len(d.Events), len(d.Dates))
	}
	// Every span reads, in the text, what the record says it does.
	for _, a := range d.Actors {
		for _, m := range a.Mentions {
			if d.Text[m.Span.Start:m.Span.End] != m.Text {
				t.Errorf("mention %+v reads %q", m, d.Text[m.Span.Start:m.Span.End])
			}
		}
	}
	for _, q := range d.Quotes {
		if d.Text[q.Span.Start:q.Span.End] != q.Text {
			t.Errorf("quote span reads %q, want %q", d.Text[q.Span.Start:q.Span.End], q.Text)
		}
		if q.SpeakerSpan != nil && d.Text[q.SpeakerSpan.Start:q.SpeakerSpan.End] != q.SpeakerText {
			t.Errorf("speaker span reads %q, want %q", d.Text[q.SpeakerSpan.Start:q.SpeakerSpan.End], q.SpeakerText)
		}
		if q.CueSpan != nil && d.Text[q.CueSpan.Start:q.CueSpan.End] != q.Cue {
			t.Errorf("cue span reads %q, want %q", d.Text[q.CueSpan.Start:q.CueSpan.End], q.Cue)
		}
	}
	for _, e := range d.Events {
		if d.Text[e.TriggerSpan.Start:e.TriggerSpan.End] != e.Trigger || !e.Sentence.Contains(e.TriggerSpan) {
			t.Errorf("event %+v: trigger span reads %q", e, d.Text[e.TriggerSpan.Start:e.TriggerSpan.End])
		}
	}
	for _, x := range d.Dates {
		if d.Text[x.Span.Start:x.Span.End] != x.Text {
			t.Errorf("date %+v", x)
		}
	}
	e := decode[apiError](t, f.get(t, "/api/documents/99999"), http.StatusNotFound)
	if !strings.Contains(e.Error, "99999") {
		t.Errorf("404 message %q", e.Error)
	}
}

func TestAPIErrorsAndMethods(t *testing.T) {
	f := sharedFixture(t)
	w := f.do(t, httptest.NewRequest(http.MethodPost, "/api/events", nil))
	decode[apiError](t, w, http.StatusMethodNotAllowed)
	if w.Header().Get("Allow") != "GET, HEAD" {
		t.Errorf("Allow %q", w.Header().Get("Allow"))
	}
	w = f.do(t, httptest.NewRequest(http.MethodGet, "/api/extract", nil))
	decode[apiError](t, w, http.StatusMethodNotAllowed)
	if w.Header().Get("Allow") != "POST" {
		t.Errorf("Allow %q", w.Header().Get("Allow"))
	}
	decode[apiError](t, f.get(t, "/api/no/such/thing"), http.StatusNotFound)
	if w := f.do(t, httptest.NewRequest(http.MethodHead, "/api/events?limit=1", nil)); w.Code != 200 {
		t.Errorf("HEAD: %d", w.Code)
	}
	h := decode[health](t, f.get(t, "/healthz"), 200)
	if h.Status != "ok" {
		t.Errorf("health %+v", h)
	}
	st := decode[store.Stats](t, f.get(t, "/api/stats"), 200)
	if st.Documents != len(f.docs) || st.LastDay == "" {
		t.Errorf("stats %+v for %d documents", st, len(f.docs))
	}
}

func TestOpenAPI(t *testing.T) {
	f := sharedFixture(t)
	var doc struct {
		OpenAPI    string                                `json:"openapi"`
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components struct {
			Schemas map[string]json.RawMessage `json:"schemas"`
		} `json:"components"`
	}
	w := f.get(t, "/api/openapi.json")
	if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil || w.Code != 200 {
		t.Fatalf("%d %v", w.Code, err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	// Every route is described, and nothing else.
	var want, got []string
	for _, r := range f.srv.apiRoutes() {
		want = append(want, strings.ToLower(r.method)+" "+r.path)
	}
	for p, ops := range doc.Paths {
		for m := range ops {
			got = append(got, m+" "+p)
		}
	}
	sort.Strings(want)
	sort.Strings(got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("paths %v, routes %v", got, want)
	}
	// Every parameter it documents is one the handler takes.
	for _, r := range f.srv.apiRoutes() {
		if r.method != "GET" || len(r.params) == 0 {
			continue
		}
		path := strings.ReplaceAll(r.path, "{id}", "1")
		for _, p := range r.params {
			v := "1"
			if p.typ == "string" && len(p.enum) > 0 {
				v = p.enum[0]
			} else if p.name == "since" || p.name == "until" {
				v = "2025"
			} else if p.typ == "boolean" {
				v = "true"
			}
			w := f.get(t, path+"?"+p.name+"="+url.QueryEscape(v))
			if w.Code == http.StatusBadRequest && strings.Contains(w.Body.String(), "unknown parameter") {
				t.Errorf("%s documents %s, which it refuses: %s", r.path, p.name, w.Body)
			}
		}
	}
	// Every schema it refers to is defined.
	for _, ref := range regexpAll(w.Body.String(), `"#/components/schemas/([A-Za-z]+)"`) {
		if _, ok := doc.Components.Schemas[ref]; !ok {
			t.Errorf("schema %s is referred to and not defined", ref)
		}
	}
	if _, ok := doc.Components.Schemas["EventRow"]; !ok {
		t.Error("no EventRow schema")
	}
}

// regexpAll returns the first group of every match of re in s.
func regexpAll(s, re string) []string {
	var out []string
	for _, m := range regexp.MustCompile(re).FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}
