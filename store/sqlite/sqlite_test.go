package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/store"
)

var ctx = context.Background()

func open(t testing.TB) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "parley.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// article builds a document and its result by hand, so that these tests do
// not depend on what extraction finds. Sentences are "A did X to B." lines;
// each ev adds one line with its event.
type article struct {
	doc parley.Document
	res parley.Result
}

func newArticle(id, url, source, published string) *article {
	return &article{
		doc: parley.Document{ID: id, URL: url, Source: source, Published: published, Title: "Title of " + id},
		res: parley.Result{ID: id, Published: published},
	}
}

func (a *article) actor(kind parley.ActorKind, name, code, country string) string {
	id := "a" + string(rune('0'+len(a.res.Actors)+1))
	a.res.Actors = append(a.res.Actors, parley.Actor{ID: id, Kind: kind, Name: name, Code: code, Country: country,
		Mentions: []parley.Mention{{Text: name, Span: parley.Span{Start: 0, End: len(name)}}}})
	return id
}

func (a *article) line(s string) parley.Span {
	if a.doc.Text != "" {
		a.doc.Text += "\n\n"
	}
	start := len(a.doc.Text)
	a.doc.Text += s
	return parley.Span{Start: start, End: len(a.doc.Text)}
}

func (a *article) event(src, tgt, srcCode, tgtCode, cameo, date string, quad int, goldstein float64, sentence string) {
	sp := a.line(sentence)
	a.res.Events = append(a.res.Events, parley.Event{Source: src, Target: tgt, SourceCode: srcCode, TargetCode: tgtCode,
		CAMEO: cameo, Root: cameo[:2], Name: "code " + cameo, QuadClass: quad, Goldstein: goldstein, Date: date,
		DatePrecision: precision(date), Trigger: "did", TriggerSpan: parley.Span{Start: sp.Start, End: sp.Start + 3},
		Sentence: sp, Evidence: sentence})
}

func (a *article) quote(speaker string, anonymous bool, speakerText, text string) {
	sp := a.line("\u201c" + text + "\u201d " + speakerText + " said.")
	q := parley.Quote{Text: text, Span: parley.Span{Start: sp.Start + 3, End: sp.Start + 3 + len(text)},
		Anonymous: anonymous, SpeakerText: speakerText, Cue: "said"}
	if speaker != "" {
		q.Speaker = &speaker
	}
	a.res.Quotes = append(a.res.Quotes, q)
}

func precision(date string) parley.Precision {
	switch len(date) {
	case 10:
		return parley.PrecisionDay
	case 7:
		return parley.PrecisionMonth
	case 4:
		return parley.PrecisionYear
	}
	return parley.PrecisionUnknown
}

func put(t testing.TB, s *DB, a *article) store.PutResult {
	t.Helper()
	r, err := s.Put(ctx, a.doc, a.res)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func count(t testing.TB, s *DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// moscowTalks is an article about Russia and Mali with two events and two
// quotes.
func moscowTalks(id, url, site, published string) *article {
	a := newArticle(id, url, site, published)
	rus := a.actor(parley.KindCountry, "Russia", "RUS", "RUS")
	mli := a.actor(parley.KindCountry, "Mali", "MLI", "MLI")
	bel := a.actor(parley.KindPerson, "Andrei Belousov", "RUSGOV", "RUS")
	a.event(rus, mli, "RUSGOV", "MLIGOV", "057", "2025-05-10", 1, 8, "Russia and Mali signed a defence pact in Moscow.")
	a.event(bel, mli, "RUSGOV", "MLIMIL", "036", "2025-05-10", 1, 4, "Belousov met Malian officers about arms deliveries.")
	a.quote(bel, false, "Belousov", "Our cooperation with Bamako is growing stronger")
	a.quote("", true, "a senior official", "The deliveries start in June")
	return a
}

func TestPutTwiceAddsNothing(t *testing.T) {
	s, _ := open(t)
	a := moscowTalks("1", "https://example.com/1", "", "2025-05-11")
	b := moscowTalks("2", "", "", "2025-05-11")
	b.doc.Text += "\n\nAnother paragraph makes it another text."
	for round := 0; round < 2; round++ {
		ra, rb := put(t, s, a), put(t, s, b)
		want := store.Added
		if round == 1 {
			want = store.Unchanged
		}
		if ra.Status != want || rb.Status != want {
			t.Fatalf("round %d: status %s, %s; want %s", round, ra.Status, rb.Status, want)
		}
	}
	if n := count(t, s, "SELECT count(*) FROM documents"); n != 2 {
		t.Errorf("%d documents, want 2", n)
	}
	if n := count(t, s, "SELECT count(*) FROM event_mentions"); n != 4 {
		t.Errorf("%d event mentions, want 4", n)
	}
	if n := count(t, s, "SELECT count(*) FROM quotes"); n != 4 {
		t.Errorf("%d quotes, want 4", n)
	}
	// The two articles report the same two acts: two events, each with two mentions.
	evs, err := s.Events(ctx, store.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 {
		t.Fatalf("%d events, want 2: %+v", len(evs), evs)
	}
	for _, e := range evs {
		if e.NumMentions != 2 || e.NumArticles != 2 {
			t.Errorf("event %s: %d mentions in %d articles, want 2 in 2", e.CAMEO, e.NumMentions, e.NumArticles)
		}
	}
	// The same text without a URL is the same document.
	c := moscowTalks("other id", "", "", "2025-05-11")
	c.doc.Text, c.doc.Title = b.doc.Text, b.doc.Title
	if r := put(t, s, c); r.Status != store.Unchanged {
		t.Errorf("same text, other id: %s, want unchanged", r.Status)
	}
	if ok, err := s.Known(ctx, a.doc); err != nil || !ok {
		t.Errorf("Known(stored doc) = %v, %v", ok, err)
	}
}

func TestChangedArticleReplacesRecords(t *testing.T) {
	s, _ := open(t)
	old := moscowTalks("1", "https://example.com/news/1", "", "2025-05-11")
	other := moscowTalks("2", "https://other.org/2", "", "2025-05-12")
	put(t, s, old)
	put(t, s, other)

	changed := newArticle("1", "https://example.com/news/1", "", "2025-05-11")
	fra := changed.actor(parley.KindCountry, "France", "FRA", "FRA")
	mli := changed.actor(parley.KindCountry, "Mali", "MLI", "MLI")
	changed.event(fra, mli, "FRA", "MLI", "172", "2025-05-09", 4, -5, "France imposed sanctions on Mali over the coup.")
	changed.quote("", true, "a diplomat", "Paris has run out of patience")
	if r := put(t, s, changed); r.Status != store.Replaced {
		t.Fatalf("status %s, want replaced", r.Status)
	}
	if n := count(t, s, "SELECT count(*) FROM documents"); n != 2 {
		t.Errorf("%d documents, want 2", n)
	}
	// The old version's reports are gone; what the other article reports stays, counted once.
	evs, err := s.Events(ctx, store.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, e := range evs {
		got[e.SourceCode+">"+e.TargetCode+":"+e.CAMEO] = e.NumArticles
	}
	want := map[string]int{"RUSGOV>MLIGOV:057": 1, "RUSGOV>MLIMIL:036": 1, "FRA>MLI:172": 1}
	if len(got) != len(want) {
		t.Errorf("events %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("event %s in %d articles, want %d (all: %v)", k, got[k], v, got)
		}
	}
	if n := count(t, s, "SELECT count(*) FROM quotes"); n != 3 {
		t.Errorf("%d quotes, want 3", n)
	}
	// Full-text search sees the new text, not the old.
	if evs, _ := s.Events(ctx, store.EventFilter{Text: "sanctions"}); len(evs) != 1 {
		t.Errorf("text search for the new words: %d events, want 1", len(evs))
	}
	if qs, _ := s.Quotes(ctx, store.QuoteFilter{Text: "patience"}); len(qs) != 1 {
		t.Errorf("quote search for the new words: %d quotes, want 1", len(qs))
	}
	if qs, _ := s.Quotes(ctx, store.QuoteFilter{Text: "Bamako"}); len(qs) != 1 {
		t.Errorf("quote search for words of both versions: %d quotes, want 1 (the other article's)", len(qs))
	}
	// Actors only the old version named are gone; Belousov stays through the other article.
	if as, _ := s.Actors(ctx, store.ActorFilter{Name: "Belousov"}); len(as) != 1 || as[0].Articles != 1 {
		t.Errorf("Belousov: %+v, want one actor in one article", as)
	}
	if as, _ := s.Actors(ctx, store.ActorFilter{Name: "France"}); len(as) != 1 {
		t.Errorf("France: %+v, want one actor", as)
	}
	// Replacing again with the first version restores its counts.
	put(t, s, old)
	if evs, _ := s.Events(ctx, store.EventFilter{Code: "057"}); len(evs) != 1 || evs[0].NumArticles != 2 {
		t.Errorf("after restoring: %+v", evs)
	}
	if n := count(t, s, "SELECT count(*) FROM events WHERE cameo = '172'"); n != 0 {
		t.Errorf("an event without mentions is left: %d", n)
	}
}

func TestEventsAcrossArticles(t *testing.T) {
	s, _ := open(t)
	// Four articles on three sites report Russia striking Ukraine on 10 May;
	// one of them twice. A fifth reports the same act on another day.
	sites := []string{"https://a.com/1", "https://www.a.com/2", "https://b.org/3", ""}
	for i, u := range sites {
		a := newArticle(string(rune('1'+i)), u, "", "2025-05-1"+string(rune('1'+i)))
		if u == "" {
			a.doc.Source = "Radio C"
		}
		rus := a.actor(parley.KindCountry, "Russia", "RUS", "RUS")
		ukr := a.actor(parley.KindCountry, "Ukraine", "UKR", "UKR")
		a.event(rus, ukr, "RUSMIL", "UKR", "190", "2025-05-10", 4, -10, "Russian forces struck Ukraine on Saturday "+a.doc.ID+".")
		if i == 0 {
			a.event(rus, ukr, "RUSMIL", "UKR", "190", "2025-05-10", 4, -10, "The strikes on Ukraine went on for hours.")
		}
		put(t, s, a)
	}
	a := newArticle("5", "https://a.com/5", "", "2025-05-12")
	rus := a.actor(parley.KindCountry, "Russia", "RUS", "RUS")
	ukr := a.actor(parley.KindCountry, "Ukraine", "UKR", "UKR")
	a.event(rus, ukr, "RUSMIL", "UKR", "190", "2025-05-11", 4, -10, "Russian forces struck Ukraine again on Sunday.")
	put(t, s, a)

	evs, err := s.Events(ctx, store.EventFilter{Source: "RUS"})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 {
		t.Fatalf("%d events, want 2", len(evs))
	}
	e := evs[1] // latest first: the 10 May event is second
	if e.Day != "2025-05-10" || e.NumMentions != 5 || e.NumArticles != 4 || e.NumSources != 3 {
		t.Errorf("10 May: day %s, %d mentions, %d articles, %d sources; want 5, 4, 3", e.Day, e.NumMentions, e.NumArticles, e.NumSources)
	}
	if e.FirstSeen != "2025-05-11" || e.LastSeen != "2025-05-14" {
		t.Errorf("seen %s..%s, want 2025-05-11..2025-05-14", e.FirstSeen, e.LastSeen)
	}
	if e.URL != "https://a.com/1" || !strings.Contains(e.Evidence, "struck Ukraine on Saturday 1") || !e.IsRoot {
		t.Errorf("first mention: %q %q root %v", e.URL, e.Evidence, e.IsRoot)
	}
	if e.SourceName != "Russia" || e.TargetName != "Ukraine" || e.SourceCountry != "RUS" {
		t.Errorf("names %q %q %q", e.SourceName, e.TargetName, e.SourceCountry)
	}
	if evs[0].NumMentions != 1 || evs[0].Day != "2025-05-11" {
		t.Errorf("11 May: %+v", evs[0])
	}
	if n := count(t, s, "SELECT count(*) FROM actors WHERE kind = 'country'"); n != 2 {
		t.Errorf("%d country actors, want 2 (one per code across articles)", n)
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Documents != 5 || st.Events != 2 || st.Mentions != 6 {
		t.Errorf("stats %+v, %v", st, err)
	}
}

func TestSymmetricAndUndatedEvents(t *testing.T) {
	s, _ := open(t)
	for i, order := range [][2]string{{"RUS", "MLI"}, {"MLI", "RUS"}} {
		a := newArticle(string(rune('1'+i)), "", "", "2025-05-11")
		x := a.actor(parley.KindCountry, order[0], order[0], order[0])
		y := a.actor(parley.KindCountry, order[1], order[1], order[1])
		a.event(x, y, order[0], order[1], "040", "2025-05-10", 1, 1, "They met "+order[0]+".")
		a.res.Events[0].Symmetric = true
		a.event(x, y, order[0], order[1], "051", "", 1, 3.4, "They praised each other "+order[0]+".")
		put(t, s, a)
	}
	if n := count(t, s, "SELECT count(*) FROM events WHERE cameo = '040'"); n != 1 {
		t.Errorf("a meeting reported either way round is %d events, want 1", n)
	}
	if n := count(t, s, "SELECT count(*) FROM events WHERE cameo = '051'"); n != 2 {
		t.Errorf("undated reports in two articles are %d events, want 2 (never matched across articles)", n)
	}
	if n := count(t, s, "SELECT count(*) FROM events WHERE cameo = '051' AND day = '2025-05-11'"); n != 2 {
		t.Errorf("undated events are not counted on the publication day")
	}
}

func TestActorsAcrossArticles(t *testing.T) {
	s, _ := open(t)
	add := func(id, published, name, code, country, title string) {
		a := newArticle(id, "https://x.com/"+id, "", published)
		a.line("Some text " + id)
		a.actor(parley.KindPerson, name, code, country)
		a.res.Actors[0].Title = title
		put(t, s, a)
	}
	add("1", "2024-05-01", "Andrei Belousov", "", "", "First Deputy Prime Minister")
	add("2", "2025-05-01", "Andrei Belousov", "RUSGOV", "RUS", "Defense Minister")
	add("3", "2025-06-01", "ANDREI BELOUSOV", "RUSGOV", "RUS", "Defense Minister")
	add("4", "2025-06-02", "Andrei Belousov", "USA", "USA", "") // another man: the countries conflict
	add("5", "2025-06-03", "Belousov", "", "", "")              // a surname alone stays in its article
	add("6", "2025-06-04", "Belousov", "", "", "")
	as, err := s.Actors(ctx, store.ActorFilter{Name: "belousov"})
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 4 {
		t.Fatalf("%d actors, want 4: %+v", len(as), as)
	}
	a := as[0]
	if a.Articles != 3 || a.Country != "RUS" || a.Code != "RUSGOV" || a.FirstSeen != "2024-05-01" || a.LastSeen != "2025-06-01" {
		t.Errorf("merged actor: %+v", a)
	}
	if len(a.Titles) != 2 || a.Titles[0].Title != "Defense Minister" || a.Titles[0].First != "2025-05-01" || a.Titles[0].Last != "2025-06-01" {
		t.Errorf("titles over time: %+v", a.Titles)
	}
	if as[1].Country != "USA" || as[1].Articles != 1 {
		t.Errorf("the other Belousov: %+v", as[1])
	}
	if as, _ := s.Actors(ctx, store.ActorFilter{Code: "RUS"}); len(as) != 1 {
		t.Errorf("code RUS: %d actors, want 1", len(as))
	}
	if as, _ := s.Actors(ctx, store.ActorFilter{Name: "Andrei"}); len(as) != 2 {
		t.Errorf("name Andrei: %d actors, want 2", len(as))
	}
	if as, _ := s.Actors(ctx, store.ActorFilter{Name: "Andre"}); len(as) != 0 {
		t.Errorf("a name matches whole words only: %d actors", len(as))
	}
}

// corpus stores a small set of articles for the query tests.
func corpus(t *testing.T) *DB {
	s, _ := open(t)
	type ev struct {
		src, tgt, cameo, date string
		quad                  int
		g                     float64
		text                  string
	}
	arts := []struct {
		url, pub string
		evs      []ev
	}{
		{"https://a.com/1", "2025-01-15", []ev{
			{"RUSMIL", "UKR", "190", "2025-01-14", 4, -10, "Russian troops shelled Kharkiv overnight."},
			{"RUSGOV", "UKRGOV", "036", "2025-01-15", 1, 4, "Moscow said it was ready to meet Kyiv envoys."}}},
		{"https://a.com/2", "2025-02-03", []ev{
			{"RUSMIL", "UKRMIL", "193", "2025-02-02", 4, -10, "Artillery duels continued along the front."},
			{"USA", "UKR", "071", "2025-02-03", 2, 7.4, "Washington sent humanitarian aid to Ukraine."}}},
		{"https://b.org/3", "2025-02-20", []ev{
			{"RUS", "UKR", "0874", "2025-02", 2, 5, "Russia withdrew some units in February, officials said."},
			{"UKRGOV", "RUSGOV", "112", "2025-02-19", 3, -2, "Kyiv accused Moscow of breaking the truce."}}},
		{"https://b.org/4", "2025-03-01", []ev{
			{"NATO", "RUS", "111", "2025-03-01", 3, -2, "NATO criticised Russia for the drone incursions."}}},
	}
	for i, x := range arts {
		a := newArticle(string(rune('1'+i)), x.url, "", x.pub)
		ids := map[string]string{}
		for _, e := range x.evs {
			for _, c := range []string{e.src, e.tgt} {
				if ids[c] == "" {
					ids[c] = a.actor(parley.KindOrganization, "Actor "+c, c, c[:3])
				}
			}
			a.event(ids[e.src], ids[e.tgt], e.src, e.tgt, e.cameo, e.date, e.quad, e.g, e.text)
		}
		put(t, s, a)
	}
	return s
}

func TestEventFilters(t *testing.T) {
	s := corpus(t)
	cases := []struct {
		name string
		f    store.EventFilter
		want []string // cameo codes, latest first
	}{
		{"all", store.EventFilter{}, []string{"111", "0874", "112", "071", "193", "036", "190"}},
		{"source prefix", store.EventFilter{Source: "RUS"}, []string{"0874", "193", "036", "190"}},
		{"source lower case", store.EventFilter{Source: "rusmil"}, []string{"193", "190"}},
		{"target", store.EventFilter{Target: "UKRGOV"}, []string{"036"}},
		{"dyad", store.EventFilter{Source: "RUS", Target: "UKRMIL"}, []string{"193"}},
		{"both ways", store.EventFilter{Source: "UKR", Target: "RUS", Both: true}, []string{"0874", "112", "193", "036", "190"}},
		{"code prefix", store.EventFilter{Code: "19"}, []string{"193", "190"}},
		{"code 087 finds 0874", store.EventFilter{Code: "087"}, []string{"0874"}},
		{"quad", store.EventFilter{Quad: 3}, []string{"111", "112"}},
		{"since", store.EventFilter{Since: "2025-02-19"}, []string{"111", "0874", "112"}},
		{"until", store.EventFilter{Until: "2025-01-31"}, []string{"036", "190"}},
		{"month date counts on publication day", store.EventFilter{Since: "2025-02-20", Until: "2025-02-20"}, []string{"0874"}},
		{"text", store.EventFilter{Text: "artillery"}, []string{"071", "193"}},
		{"text phrase", store.EventFilter{Text: `"drone incursions"`}, []string{"111"}},
		{"text no match", store.EventFilter{Text: "zeppelin"}, nil},
		{"actor name", store.EventFilter{Actor: "Actor NATO"}, []string{"111"}},
		{"actor unknown", store.EventFilter{Actor: "Nobody Here"}, nil},
		{"source actor", store.EventFilter{SourceActor: "actor usa"}, []string{"071"}},
		{"limit", store.EventFilter{Limit: 2}, []string{"111", "0874"}},
	}
	for _, c := range cases {
		evs, err := s.Events(ctx, c.f)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var got []string
		for _, e := range evs {
			got = append(got, e.CAMEO)
		}
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
	var n int
	if err := s.EachEvent(ctx, store.EventFilter{Source: "RUS"}, func(store.EventRow) error { n++; return nil }); err != nil || n != 4 {
		t.Errorf("EachEvent: %d, %v", n, err)
	}
}

func TestDyadsAndTimeline(t *testing.T) {
	s := corpus(t)
	ds, err := s.Dyads(ctx, store.DyadFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 7 {
		t.Fatalf("%d dyads, want 7", len(ds))
	}
	ds, err = s.Dyads(ctx, store.DyadFilter{Source: "RUS", Top: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 2 || ds[0].SourceCode != "RUS" || ds[1].SourceCode != "RUSGOV" {
		t.Errorf("top RUS dyads: %+v", ds)
	}
	ds, _ = s.Dyads(ctx, store.DyadFilter{Since: "2025-02-01", Until: "2025-02-28", Source: "RUS", Target: "UKR"})
	if len(ds) != 2 {
		t.Errorf("RUS→UKR dyads in February: %+v", ds)
	}

	tl, err := s.Timeline(ctx, store.TimelineFilter{EventFilter: store.EventFilter{Source: "RUS", Target: "UKR"}, By: "month"})
	if err != nil {
		t.Fatal(err)
	}
	want := []store.TimelineRow{
		{Period: "2025-01", Events: 2, Mentions: 2, Quad: [4]int{1, 0, 0, 1}, MeanGoldstein: -3},
		{Period: "2025-02", Events: 2, Mentions: 2, Quad: [4]int{0, 1, 0, 1}, MeanGoldstein: -2.5},
	}
	if len(tl) != len(want) {
		t.Fatalf("timeline %+v, want %+v", tl, want)
	}
	for i := range want {
		if tl[i] != want[i] {
			t.Errorf("timeline row %d: %+v, want %+v", i, tl[i], want[i])
		}
	}
	tl, _ = s.Timeline(ctx, store.TimelineFilter{EventFilter: store.EventFilter{Source: "RUS", Target: "UKR", Both: true}, By: "month"})
	if len(tl) != 2 || tl[1].Events != 3 {
		t.Errorf("both ways: %+v", tl)
	}
	tl, _ = s.Timeline(ctx, store.TimelineFilter{EventFilter: store.EventFilter{Source: "RUS", Target: "UKR"}, By: "week"})
	if len(tl) != 3 || tl[0].Period != "2025-01-13" || tl[0].Events != 2 || tl[1].Period != "2025-01-27" || tl[2].Period != "2025-02-17" {
		t.Errorf("weeks start on Monday: %+v", tl)
	}
	if _, err := s.Timeline(ctx, store.TimelineFilter{By: "fortnight"}); err == nil {
		t.Error("an unknown period is accepted")
	}
}

func TestQuoteQueries(t *testing.T) {
	s, _ := open(t)
	put(t, s, moscowTalks("1", "https://a.com/1", "", "2025-05-11"))
	b := newArticle("2", "https://b.com/2", "", "2025-05-12")
	b.line("Story two.")
	bel := b.actor(parley.KindPerson, "Andrei Belousov", "RUSGOV", "RUS")
	b.quote(bel, false, "the minister", "The Sahel needs security, not speeches")
	b.quote("", false, "", "An unattributed line about Bamako")
	put(t, s, b)

	cases := []struct {
		name string
		f    store.QuoteFilter
		want int
	}{
		{"all", store.QuoteFilter{}, 4},
		{"speaker surname", store.QuoteFilter{Speaker: "Belousov"}, 2},
		{"speaker accents and case", store.QuoteFilter{Speaker: "ANDRÉI belousov"}, 2},
		{"unknown speaker", store.QuoteFilter{Speaker: "Macron"}, 0},
		{"anonymous", store.QuoteFilter{Anonymous: true}, 1},
		{"text", store.QuoteFilter{Text: "Bamako"}, 2},
		{"text and speaker", store.QuoteFilter{Text: "Bamako", Speaker: "Belousov"}, 1},
		{"prefix", store.QuoteFilter{Text: "deliver*"}, 1},
		{"either", store.QuoteFilter{Text: "Sahel OR deliveries"}, 2},
		{"syntax is never an error", store.QuoteFilter{Text: `AND ( "unclosed NEAR(`}, 0},
		{"since", store.QuoteFilter{Since: "2025-05-12"}, 2},
		{"limit", store.QuoteFilter{Limit: 1}, 1},
	}
	for _, c := range cases {
		qs, err := s.Quotes(ctx, c.f)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(qs) != c.want {
			t.Errorf("%s: %d quotes, want %d: %+v", c.name, len(qs), c.want, qs)
		}
	}
	qs, _ := s.Quotes(ctx, store.QuoteFilter{Speaker: "Belousov"})
	if len(qs) == 2 && (qs[0].Speaker != "Andrei Belousov" || qs[0].Published != "2025-05-12" || qs[0].URL != "https://b.com/2") {
		t.Errorf("latest quote first, with its speaker and article: %+v", qs[0])
	}
}

func TestFTSQuery(t *testing.T) {
	for in, want := range map[string]string{
		"drone strike":          `"drone" "strike"`,
		`"drone strike" Kyiv`:   `"drone strike" "Kyiv"`,
		"sanction*":             `"sanction"*`,
		"Sahel OR Mali":         `"Sahel" OR "Mali"`,
		"OR":                    ``,
		`NEAR( a"b`:             `"NEAR" "a b"`,
		"U.S. troops":           `"U.S." "troops"`,
		"":                      ``,
		`"unclosed phrase here`: `"unclosed phrase here"`,
	} {
		if got := FTSQuery(in); got != want {
			t.Errorf("FTSQuery(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestBatchKeepsGoodDocuments(t *testing.T) {
	s, _ := open(t)
	good := moscowTalks("1", "https://a.com/1", "", "2025-05-11")
	bad := moscowTalks("2", "https://a.com/2", "", "2025-05-11")
	bad.res.Actors[1].ID = bad.res.Actors[0].ID // two actors with one id: its records cannot be stored
	also := moscowTalks("3", "https://a.com/3", "", "2025-05-11")
	rs, err := s.PutBatch(ctx, []store.Item{{Doc: good.doc, Res: good.res}, {Doc: bad.doc, Res: bad.res}, {Doc: also.doc, Res: also.res}})
	if err != nil {
		t.Fatal(err)
	}
	if rs[0].Err != nil || rs[1].Err == nil || rs[2].Err != nil {
		t.Fatalf("results %+v", rs)
	}
	if n := count(t, s, "SELECT count(*) FROM documents"); n != 2 {
		t.Errorf("%d documents, want 2", n)
	}
	if n := count(t, s, "SELECT count(*) FROM event_mentions"); n != 4 {
		t.Errorf("%d event mentions, want 4: the failed document left records", n)
	}
	if n := count(t, s, "SELECT count(*) FROM doc_actors WHERE document_id NOT IN (SELECT id FROM documents)"); n != 0 {
		t.Errorf("%d actor links of the failed document", n)
	}
}

func TestBadStoreFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	text := write("notes.txt", []byte("this is not a database\n"))
	if _, err := Open(text, Options{}); !errors.Is(err, store.ErrNotStore) {
		t.Errorf("text file: %v", err)
	}
	if b, _ := os.ReadFile(text); string(b) != "this is not a database\n" {
		t.Error("the text file was changed")
	}
	if _, err := Open(filepath.Join(dir, "absent.db"), Options{MustExist: true}); !errors.Is(err, store.ErrNoStore) {
		t.Errorf("absent store: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "absent.db")); err == nil {
		t.Error("MustExist created the file")
	}
	if _, err := Open(dir, Options{}); !errors.Is(err, store.ErrNotStore) {
		t.Errorf("a directory: %v", err)
	}

	// Another application's SQLite database.
	other := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE contacts (name TEXT)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(other, Options{}); !errors.Is(err, store.ErrNotStore) {
		t.Errorf("another application's database: %v", err)
	}

	// A store whose pages were overwritten.
	s, path := open(t)
	put(t, s, moscowTalks("1", "https://a.com/1", "", "2025-05-11"))
	s.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 100; i < len(b) && i < 8192; i++ {
		b[i] = byte(i * 7)
	}
	corrupt := write("corrupt.db", b)
	s2, err := Open(corrupt, Options{})
	if err == nil {
		_, err = s2.Events(ctx, store.EventFilter{})
		s2.Close()
	}
	if !errors.Is(err, store.ErrCorrupt) && !errors.Is(err, store.ErrNotStore) {
		t.Errorf("corrupt store: %v", err)
	}

	// A store newer than this build.
	s3, path3 := open(t)
	if _, err := s3.db.Exec("INSERT INTO schema_version VALUES (999, 'later')"); err != nil {
		t.Fatal(err)
	}
	s3.Close()
	if _, err := Open(path3, Options{}); !errors.Is(err, store.ErrTooNew) {
		t.Errorf("newer schema: %v", err)
	}
}

func TestLockedStore(t *testing.T) {
	s, path := open(t)
	s.Close()
	// Another process holds the write lock.
	other, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path, Options{BusyTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a := moscowTalks("1", "https://a.com/1", "", "2025-05-11")
	if _, err := s.Put(ctx, a.doc, a.res); !errors.Is(err, store.ErrLocked) {
		t.Fatalf("put into a locked store: %v", err)
	}
	// Reading goes on while another process writes.
	if _, err := s.Events(ctx, store.EventFilter{}); err != nil {
		t.Errorf("read during a write: %v", err)
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		t.Fatal(err)
	}
	if r, err := s.Put(ctx, a.doc, a.res); err != nil || r.Status != store.Added {
		t.Errorf("after the lock is gone: %+v %v", r, err)
	}
}

func TestSchemaVersion(t *testing.T) {
	s, path := open(t)
	if n := count(t, s, "SELECT max(version) FROM schema_version"); n != SchemaVersion() || n < 1 {
		t.Errorf("schema version %d, this build %d", n, SchemaVersion())
	}
	s.Close()
	s, err := Open(path, Options{MustExist: true}) // reopening migrates nothing
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n := count(t, s, "SELECT count(*) FROM schema_version"); n != SchemaVersion() {
		t.Errorf("%d schema_version rows after reopening", n)
	}
}

func TestBatchWithTwoVersionsOfADocument(t *testing.T) {
	s, _ := open(t)
	v1 := newArticle("1", "https://a.com/1", "", "2025-05-11")
	bfa := v1.actor(parley.KindCountry, "Burkina Faso", "BFA", "BFA")
	niger := v1.actor(parley.KindCountry, "Niger", "NER", "NER")
	v1.event(bfa, niger, "BFA", "NER", "057", "2025-05-10", 1, 8, "Burkina Faso and Niger signed a pact.")
	v2 := newArticle("1", "https://a.com/1", "", "2025-05-11")
	bfa2 := v2.actor(parley.KindCountry, "Burkina Faso", "BFA", "BFA")
	mli := v2.actor(parley.KindCountry, "Mali", "MLI", "MLI")
	v2.event(bfa2, mli, "BFA", "MLI", "057", "2025-05-10", 1, 8, "Burkina Faso and Mali signed a pact.")
	rs, err := s.PutBatch(ctx, []store.Item{{Doc: v1.doc, Res: v1.res}, {Doc: v2.doc, Res: v2.res}})
	if err != nil || rs[0].Status != store.Added || rs[1].Status != store.Replaced {
		t.Fatalf("%+v %v", rs, err)
	}
	if n := count(t, s, "SELECT count(*) FROM doc_actors WHERE actor_id NOT IN (SELECT id FROM actors)"); n != 0 {
		t.Errorf("%d links to deleted actors", n)
	}
	if n := count(t, s, "SELECT count(*) FROM events e WHERE source_actor NOT IN (SELECT id FROM actors)"); n != 0 {
		t.Errorf("%d events of deleted actors", n)
	}
	if as, _ := s.Actors(ctx, store.ActorFilter{}); len(as) != 2 {
		t.Errorf("actors %+v, want Burkina Faso and Mali", as)
	}
}
