package extract

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parley-events/parley"
)

func seed(t testing.TB) parley.Document {
	t.Helper()
	b, err := os.ReadFile("../examples/belousov.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var d parley.Document
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

func actorByID(r parley.Result, id string) parley.Actor {
	for _, a := range r.Actors {
		if a.ID == id {
			return a
		}
	}
	return parley.Actor{}
}

func TestSeedArticle(t *testing.T) {
	d := seed(t)
	r := Document(d)
	if r.Error != "" {
		t.Fatal(r.Error)
	}
	persons := map[string]parley.Actor{}
	for _, a := range r.Actors {
		if a.Kind == parley.KindPerson {
			persons[a.Name] = a
		}
	}
	for name, code := range map[string]string{"Andrei Belousov": "RUS", "Sadio Kamara": "MLI", "Shuhrat Khalmukhamedaev": "UZB"} {
		a, ok := persons[name]
		if !ok {
			t.Errorf("person %s not found; persons: %v", name, keys(persons))
			continue
		}
		if !strings.HasPrefix(a.Code, code) {
			t.Errorf("%s code %q, want %s…", name, a.Code, code)
		}
	}
	// quotes: three by Belousov, three by unnamed speakers
	var belousov, anon int
	for _, q := range r.Quotes {
		if q.Speaker != nil && actorByID(r, *q.Speaker).Name == "Andrei Belousov" {
			belousov++
		}
		if q.Anonymous {
			anon++
		}
		if d.Text[q.Span.Start:q.Span.End] != q.Text {
			t.Errorf("quote span does not hold its text: %q", q.Text)
		}
	}
	if belousov != 3 || anon != 3 {
		t.Errorf("Belousov quotes %d (want 3), anonymous %d (want 3)", belousov, anon)
	}
	// events: RUS–UZB meeting on 2025-05-10
	found := false
	for _, e := range r.Events {
		pair := e.SourceCode[:3] + e.TargetCode[:3]
		if e.Root == "04" && (pair == "RUSUZB" || pair == "UZBRUS") && e.Date == "2025-05-10" {
			found = true
		}
		if d.Text[e.TriggerSpan.Start:e.TriggerSpan.End] != e.Trigger {
			t.Errorf("trigger span does not hold its text: %q", e.Trigger)
		}
	}
	if !found {
		t.Errorf("no RUS–UZB meeting dated 2025-05-10 in %+v", r.Events)
	}
}

func keys(m map[string]parley.Actor) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestEmptyAndOdd(t *testing.T) {
	for _, text := range []string{"", " ", "\n\n\n", "\"", "«", "“unclosed", "\xff\xfe\xfd", strings.Repeat("\"a\" ", 1000)} {
		r := Document(parley.Document{ID: "x", Text: text})
		if r.Error != "" {
			t.Errorf("%q: %s", text, r.Error)
		}
	}
}

func FuzzDocument(f *testing.F) {
	f.Add("Russian Defense Minister Andrei Belousov met his Malian counterpart on May 10. «Yes,» he said.", "2025-05-12")
	f.Add("\"A,\" she said, \"B.\"\n\n“C\n\n“D.”", "")
	f.Add("U.S. President Joe Biden said on Thursday: 'We don’t know.'", "2021-06-16")
	f.Fuzz(func(t *testing.T, text, published string) {
		r := Document(parley.Document{ID: "f", Text: text, Published: published})
		if r.Error != "" {
			t.Fatalf("internal error on %q: %s", text, r.Error)
		}
		for _, q := range r.Quotes {
			if q.Span.Start < 0 || q.Span.End > len(text) || q.Span.Start > q.Span.End {
				t.Fatalf("quote span %+v out of range", q.Span)
			}
		}
		for _, e := range r.Events {
			if e.TriggerSpan.Start < 0 || e.TriggerSpan.End > len(text) {
				t.Fatalf("event span %+v out of range", e.TriggerSpan)
			}
		}
		if _, err := json.Marshal(r); err != nil {
			t.Fatal(err)
		}
		_ = utf8.ValidString(text)
	})
}

func BenchmarkDocument(b *testing.B) {
	d := seed(b)
	b.SetBytes(int64(len(d.Text)))
	b.ReportAllocs()
	for b.Loop() {
		Document(d)
	}
}

// BenchmarkLargeArticle reads one article of about 1 MB (the seed repeated,
// as one paragraph per copy): its MB/s should match BenchmarkDocument's,
// which shows the reading stays linear in article length.
func BenchmarkLargeArticle(b *testing.B) {
	d := seed(b)
	d.Text = strings.Repeat(d.Text+"\n", 1<<20/len(d.Text))
	b.SetBytes(int64(len(d.Text)))
	for b.Loop() {
		Document(d)
	}
}

func TestQuotedCriticism(t *testing.T) {
	r := Document(parley.Document{ID: "q", Published: "2024-01-17",
		Text: "“This is a blatant violation of our sovereignty by Iran,” Pakistani Foreign Minister Jalil Abbas Jilani said on Wednesday."})
	for _, e := range r.Events {
		if strings.HasPrefix(e.SourceCode, "PAK") && strings.HasPrefix(e.TargetCode, "IRN") && e.Root == "11" {
			return
		}
	}
	t.Errorf("no PAK 11 IRN event in %+v", r.Events)
}
