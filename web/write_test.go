package web

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/parley-events/parley/store"
)

func post(f *fixture, t *testing.T, target, body, token string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	return f.do(t, r)
}

const article = `{"title": "Talks in Moscow", "published": "2025-05-12",
	"text": "Russian Defense Minister Andrei Belousov met his Malian counterpart Sadio Camara in Moscow on Tuesday.\n\n\"Our cooperation is growing,\" Belousov said."}`

func TestAPIExtract(t *testing.T) {
	f := ownFixture(t, Options{MaxBody: 64 << 10})
	before := decode[store.Stats](t, f.get(t, "/api/stats"), 200)
	out := decode[ExtractOut](t, post(f, t, "/api/extract", article, ""), 200)
	if out.Published != "2025-05-12" || len(out.Actors) == 0 || len(out.Quotes) == 0 || !strings.HasPrefix(out.Text, "Russian Defense") {
		t.Fatalf("extract: %+v", out)
	}
	for _, q := range out.Quotes {
		if out.Text[q.Span.Start:q.Span.End] != q.Text {
			t.Errorf("quote span reads %q", out.Text[q.Span.Start:q.Span.End])
		}
	}
	// HTML: the page's main text is read, and given back with the result.
	html := `{"html": "<html><head><title>Page</title></head><body><nav>Menu</nav><article><p>France criticised Mali on Monday.</p><p>\"We are worried,\" said Jean Dupont.</p></article></body></html>", "published": "2025-06-02"}`
	out = decode[ExtractOut](t, post(f, t, "/api/extract", html, ""), 200)
	if !strings.Contains(out.Text, "France criticised Mali") || strings.Contains(out.Text, "<p>") {
		t.Errorf("text read from HTML: %q", out.Text)
	}
	// Bad bodies: 400, saying what is wrong.
	for body, param := range map[string]string{
		``:                                  "body",
		`not json`:                          "body",
		`{"text": "x", "html": "<p>y</p>"}`: "body",
		`{"txt": "a typo"}`:                 "body",
		`{"text": "  "}`:                    "text",
		`{"text": "Words.", "published": "soon"}`: "published",
		`[{"text": "a"}, {"text": "b"}]`:          "body",
		`{"text": "a"} {"text": "b"}`:             "body",
	} {
		e := decode[apiError](t, post(f, t, "/api/extract", body, ""), http.StatusBadRequest)
		if e.Param != param {
			t.Errorf("%q: %+v, want param %s", body, e, param)
		}
	}
	// Over the limit: 413.
	big := `{"text": "` + strings.Repeat("Russia praised Mali. ", 4000) + `"}`
	e := decode[apiError](t, post(f, t, "/api/extract", big, ""), http.StatusRequestEntityTooLarge)
	if !strings.Contains(e.Error, "limit") {
		t.Errorf("413 message %q", e.Error)
	}
	after := decode[store.Stats](t, f.get(t, "/api/stats"), 200)
	if after != before {
		t.Errorf("extract stored something: %+v, then %+v", before, after)
	}
}

func TestAPIIngest(t *testing.T) {
	// No write token: ingest is off for everyone.
	off := ownFixture(t, Options{})
	decode[apiError](t, post(off, t, "/api/documents", article, "guess"), http.StatusForbidden)

	const token = "s3cret-token-for-tests"
	f := ownFixture(t, Options{WriteToken: token})
	w := post(f, t, "/api/documents", article, "")
	decode[apiError](t, w, http.StatusUnauthorized)
	if !strings.HasPrefix(w.Header().Get("WWW-Authenticate"), "Bearer") {
		t.Errorf("WWW-Authenticate %q", w.Header().Get("WWW-Authenticate"))
	}
	decode[apiError](t, post(f, t, "/api/documents", article, "wrong"), http.StatusUnauthorized)
	r := httptest.NewRequest(http.MethodPost, "/api/documents", strings.NewReader(article))
	r.Header.Set("Authorization", "Basic "+token)
	decode[apiError](t, f.do(t, r), http.StatusUnauthorized)

	out := decode[IngestOut](t, post(f, t, "/api/documents", article, token), http.StatusCreated)
	if out.Status != store.Added || out.DocumentID == 0 || out.Actors == 0 || out.Quotes == 0 {
		t.Fatalf("ingest: %+v", out)
	}
	again := decode[IngestOut](t, post(f, t, "/api/documents", article, token), http.StatusOK)
	if again.Status != store.Unchanged || again.DocumentID != out.DocumentID {
		t.Errorf("again: %+v", again)
	}
	d := decode[store.DocumentView](t, f.get(t, "/api/documents/"+strconv.FormatInt(out.DocumentID, 10)), 200)
	if d.Title != "Talks in Moscow" || d.Published != "2025-05-12" || len(d.Quotes) == 0 {
		t.Errorf("the stored document: %+v", d)
	}
	// Several at once, JSON Lines or an array; a bad one is named and the others stored.
	lines := `{"url": "https://a.example/1", "text": "France praised Brazil on Monday."}
{"url": "https://a.example/2", "text": ""}
{"url": "https://a.example/3", "html": "<p>Germany criticised Poland on Friday.</p>"}`
	many := decode[items[IngestOut]](t, post(f, t, "/api/documents", lines, token), http.StatusOK)
	if len(many.Items) != 3 || many.Items[0].Status != store.Added || many.Items[1].Error == "" || many.Items[2].Status != store.Added {
		t.Errorf("JSON Lines: %+v", many.Items)
	}
	arr := decode[items[IngestOut]](t, post(f, t, "/api/documents", `[{"url": "https://a.example/1", "text": "France praised Brazil on Monday."}]`, token), http.StatusOK)
	if len(arr.Items) != 1 || arr.Items[0].Status != store.Unchanged {
		t.Errorf("array: %+v", arr.Items)
	}
	decode[apiError](t, post(f, t, "/api/documents", `{"text": ""}`, token), http.StatusBadRequest)
}

func TestBodyLimitOnPages(t *testing.T) {
	f := ownFixture(t, Options{MaxBody: 1 << 10})
	r := httptest.NewRequest(http.MethodPost, "/extract", bytes.NewReader([]byte("text="+strings.Repeat("a", 4096))))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := f.do(t, r)
	if w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(w.Body.String(), "limit") {
		t.Errorf("a large form: %d %s", w.Code, w.Body)
	}
}

func TestHTTPServerTimeouts(t *testing.T) {
	s := HTTPServer("127.0.0.1:0", http.NotFoundHandler())
	if s.ReadHeaderTimeout == 0 || s.ReadTimeout == 0 || s.WriteTimeout == 0 || s.IdleTimeout == 0 || s.MaxHeaderBytes == 0 {
		t.Errorf("timeouts %+v", s)
	}
}
