package sqlite

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/store"
)

// withSpans gives moscowTalks' quotes their speaker and cue spans and the
// article a date expression, as extraction does.
func withSpans(a *article) *article {
	for i := range a.res.Quotes {
		q := &a.res.Quotes[i]
		end := q.Span.End + len("\u201d ")
		sp := parley.Span{Start: end, End: end + len(q.SpeakerText)}
		cue := parley.Span{Start: sp.End + 1, End: sp.End + 1 + len("said")}
		q.SpeakerSpan, q.CueSpan = &sp, &cue
	}
	a.res.Dates = []parley.Date{{Text: "Moscow", Value: "2025-05-10", Precision: parley.PrecisionDay, Span: parley.Span{Start: 40, End: 46}}}
	return a
}

func TestDocument(t *testing.T) {
	s, _ := open(t)
	a := withSpans(moscowTalks("m1", "https://example.com/m1", "Example", "2025-05-11"))
	r := put(t, s, a)
	v, err := s.Document(ctx, r.DocID)
	if err != nil {
		t.Fatal(err)
	}
	if v.ID != r.DocID || v.DocID != "m1" || v.URL != "https://example.com/m1" || v.Text != a.doc.Text ||
		v.Published != "2025-05-11" || v.Title != "Title of m1" || v.Added == "" {
		t.Errorf("document fields: %+v", v)
	}
	if !reflect.DeepEqual(v.Dates, a.res.Dates) {
		t.Errorf("dates %+v, want %+v", v.Dates, a.res.Dates)
	}
	if len(v.Actors) != 3 || v.Actors[0].ID != "a1" || v.Actors[2].ID != "a3" {
		t.Fatalf("actors %+v", v.Actors)
	}
	bel := v.Actors[2]
	if bel.Name != "Andrei Belousov" || bel.Kind != parley.KindPerson || bel.Code != "RUSGOV" || bel.ActorID == 0 ||
		!reflect.DeepEqual(bel.Mentions, a.res.Actors[2].Mentions) {
		t.Errorf("Belousov: %+v", bel)
	}
	if len(v.Quotes) != 2 {
		t.Fatalf("quotes %+v", v.Quotes)
	}
	q := v.Quotes[0]
	want := a.res.Quotes[0]
	if q.Text != want.Text || q.Span != want.Span || q.Speaker != "a3" || q.SpeakerID != bel.ActorID ||
		q.SpeakerName != "Andrei Belousov" || *q.SpeakerSpan != *want.SpeakerSpan || *q.CueSpan != *want.CueSpan || q.Cue != "said" {
		t.Errorf("quote %+v, want %+v", q, want)
	}
	if anon := v.Quotes[1]; !anon.Anonymous || anon.Speaker != "" || anon.SpeakerText != "a senior official" {
		t.Errorf("anonymous quote %+v", anon)
	}
	if len(v.Events) != 2 {
		t.Fatalf("events %+v", v.Events)
	}
	for i, e := range v.Events {
		w := a.res.Events[i]
		if e.TriggerSpan != w.TriggerSpan || e.Sentence != w.Sentence || e.CAMEO != w.CAMEO || e.SourceCode != w.SourceCode ||
			e.TargetCode != w.TargetCode || e.Source != w.Source || e.Target != w.Target || e.EventID == 0 ||
			e.Day != "2025-05-10" || e.QuadClass != w.QuadClass || e.NumArticles != 1 {
			t.Errorf("event %d: %+v, want %+v", i, e, w)
		}
	}
	if v.Events[1].SourceName != "Andrei Belousov" || v.Events[1].TargetName != "Mali" {
		t.Errorf("event sides' names: %+v", v.Events[1])
	}
	if _, err := s.Document(ctx, r.DocID+100); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a missing document: %v, want ErrNotFound", err)
	}
}

func TestDocumentSymmetricSides(t *testing.T) {
	s, _ := open(t)
	a := newArticle("1", "https://a.com/1", "", "2025-05-11")
	rus := a.actor(parley.KindCountry, "Russia", "RUS", "RUS")
	mli := a.actor(parley.KindCountry, "Mali", "MLI", "MLI")
	a.event(rus, mli, "RUS", "MLI", "040", "2025-05-10", 1, 1, "Russia met Mali.")
	a.res.Events[0].Symmetric = true
	put(t, s, a)
	b := newArticle("2", "https://b.com/2", "", "2025-05-11")
	mli = b.actor(parley.KindCountry, "Mali", "MLI", "MLI")
	rus = b.actor(parley.KindCountry, "Russia", "RUS", "RUS")
	b.event(mli, rus, "MLI", "RUS", "040", "2025-05-10", 1, 1, "Mali met Russia.")
	b.res.Events[0].Symmetric = true
	r := put(t, s, b)
	if r.NewEvents != 0 {
		t.Fatalf("the symmetric act is a new event")
	}
	v, err := s.Document(ctx, r.DocID)
	if err != nil {
		t.Fatal(err)
	}
	if e := v.Events[0]; e.SourceCode != "MLI" || e.TargetCode != "RUS" || e.SourceName != "Mali" {
		t.Errorf("the article's own order: %+v", e)
	}
}

func TestActorByID(t *testing.T) {
	s, _ := open(t)
	a := moscowTalks("1", "https://a.com/1", "", "2025-05-11")
	a.res.Actors[2].Title = "Defense Minister"
	put(t, s, a)
	as, err := s.Actors(ctx, store.ActorFilter{Name: "Belousov"})
	if err != nil || len(as) != 1 {
		t.Fatal(err, as)
	}
	got, err := s.Actor(ctx, as[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, as[0]) || len(got.Titles) != 1 || got.Titles[0].Title != "Defense Minister" {
		t.Errorf("Actor(%d) = %+v, want %+v", as[0].ID, got, as[0])
	}
	if _, err := s.Actor(ctx, 9999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a missing actor: %v", err)
	}
}

// network stores events between countries and with an organisation.
func network(t *testing.T) *DB {
	s, _ := open(t)
	type ev struct {
		src, tgt, cameo, date string
		quad                  int
		g                     float64
	}
	arts := [][]ev{
		{{"RUS", "MLI", "057", "2025-05-10", 1, 8}, {"RUSMIL", "MLIMIL", "062", "2025-05-10", 2, 6}},
		{{"MLI", "RUSGOV", "040", "2025-06-01", 1, 1}, {"FRA", "MLI", "172", "2025-06-02", 4, -5}},
		{{"NATO", "RUS", "111", "2025-06-03", 3, -2}, {"RUS", "RUSMIL", "042", "2025-06-03", 1, 1.9}},
	}
	for i, evs := range arts {
		a := newArticle(string(rune('1'+i)), "https://n.org/"+string(rune('1'+i)), "", evs[0].date)
		ids := map[string]string{}
		for _, e := range evs {
			for _, c := range []string{e.src, e.tgt} {
				if ids[c] == "" {
					kind, code := parley.KindCountry, c[:3]
					if c == "NATO" {
						kind, code = parley.KindOrganization, c
					}
					ids[c] = a.actor(kind, "Actor "+c, code, "")
				}
			}
			a.event(ids[e.src], ids[e.tgt], e.src, e.tgt, e.cameo, e.date, e.quad, e.g, e.src+" did "+e.cameo+" to "+e.tgt+".")
		}
		put(t, s, a)
	}
	return s
}

func TestNetwork(t *testing.T) {
	s := network(t)
	es, err := s.Network(ctx, store.NetworkFilter{})
	if err != nil {
		t.Fatal(err)
	}
	want := []store.NetworkEdge{
		{Source: "RUS", Target: "MLI", Events: 2, Mentions: 2, Quad: [4]int{1, 1, 0, 0}, MeanGoldstein: 7},
		{Source: "FRA", Target: "MLI", Events: 1, Mentions: 1, Quad: [4]int{0, 0, 0, 1}, MeanGoldstein: -5},
		{Source: "MLI", Target: "RUS", Events: 1, Mentions: 1, Quad: [4]int{1, 0, 0, 0}, MeanGoldstein: 1},
	}
	if !reflect.DeepEqual(es, want) {
		t.Errorf("network %+v\nwant %+v", es, want)
	}
	es, _ = s.Network(ctx, store.NetworkFilter{Since: "2025-06-01", Until: "2025-06-30"})
	if len(es) != 2 {
		t.Errorf("June: %+v", es)
	}
	es, _ = s.Network(ctx, store.NetworkFilter{Quad: 4})
	if len(es) != 1 || es[0].Source != "FRA" {
		t.Errorf("quad 4: %+v", es)
	}
	es, _ = s.Network(ctx, store.NetworkFilter{Code: "05"})
	if len(es) != 1 || es[0].Events != 1 {
		t.Errorf("code 05: %+v", es)
	}
}

func TestCounterparts(t *testing.T) {
	s := network(t)
	cs, err := s.Counterparts(ctx, store.CounterpartFilter{Code: "RUS"})
	if err != nil {
		t.Fatal(err)
	}
	// RUS → MLI, RUSMIL → MLIMIL, RUS → RUSMIL as source; MLI → RUSGOV, NATO → RUS, RUS → RUSMIL as target.
	got := map[string][3]int{}
	for _, c := range cs {
		got[c.Code] = [3]int{c.Events, c.AsSource, c.AsTarget}
	}
	want := map[string][3]int{"MLI": {2, 1, 1}, "MLIMIL": {1, 1, 0}, "NATO": {1, 0, 1}, "RUS": {1, 0, 1}, "RUSMIL": {1, 1, 0}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("counterparts of RUS: %v, want %v", got, want)
	}
	if cs[0].Code != "MLI" || cs[0].Name != "Actor MLI" || cs[0].MeanGoldstein != 4.5 {
		t.Errorf("first counterpart: %+v", cs[0])
	}
	cs, _ = s.Counterparts(ctx, store.CounterpartFilter{Code: "RUS", Since: "2025-06-01", Limit: 1})
	if len(cs) != 1 {
		t.Errorf("limit: %+v", cs)
	}

	as, _ := s.Actors(ctx, store.ActorFilter{Code: "FRA"})
	if len(as) != 1 {
		t.Fatal(as)
	}
	cs, err = s.Counterparts(ctx, store.CounterpartFilter{ActorID: as[0].ID})
	if err != nil || len(cs) != 1 || cs[0].Code != "MLI" || cs[0].AsSource != 1 || cs[0].MeanGoldstein != -5 {
		t.Errorf("counterparts of France by id: %+v, %v", cs, err)
	}
	// A side without a code is counted as its actor.
	a := newArticle("x", "https://x.org/1", "", "2025-07-01")
	fra := a.actor(parley.KindCountry, "France", "FRA", "FRA")
	ngo := a.actor(parley.KindGroup, "Some Aid Group", "", "")
	a.event(fra, ngo, "FRA", "", "071", "2025-07-01", 2, 7.4, "France gave aid to Some Aid Group.")
	put(t, s, a)
	cs, _ = s.Counterparts(ctx, store.CounterpartFilter{ActorID: as[0].ID})
	found := false
	for _, c := range cs {
		found = found || (c.Code == "" && c.Name == "Some Aid Group" && c.ActorID != 0 && c.AsSource == 1)
	}
	if len(cs) != 2 || !found {
		t.Errorf("an uncoded counterpart: %+v", cs)
	}
	if _, err := s.Counterparts(ctx, store.CounterpartFilter{}); err == nil {
		t.Error("no actor and no code is accepted")
	}
}

func TestPagingAndNewFilters(t *testing.T) {
	s := corpus(t)
	all, _ := s.Events(ctx, store.EventFilter{})
	page, err := s.Events(ctx, store.EventFilter{Limit: 2, Offset: 2})
	if err != nil || len(page) != 2 || page[0].ID != all[2].ID || page[1].ID != all[3].ID {
		t.Errorf("events page 2: %+v, %v", page, err)
	}
	rest, _ := s.Events(ctx, store.EventFilter{Offset: 5})
	if len(rest) != len(all)-5 {
		t.Errorf("offset without limit: %d events", len(rest))
	}
	for _, e := range all {
		if e.DocumentID == 0 || e.TriggerSpan.Len() != 3 || e.Sentence.Len() != len(e.Evidence) {
			t.Errorf("event %d: document %d, trigger %+v, sentence %+v for %q", e.ID, e.DocumentID, e.TriggerSpan, e.Sentence, e.Evidence)
		}
	}
	ds, _ := s.Dyads(ctx, store.DyadFilter{})
	dp, _ := s.Dyads(ctx, store.DyadFilter{Top: 3, Offset: 3})
	if len(dp) != 3 || dp[0] != ds[3] {
		t.Errorf("dyads page: %+v", dp)
	}
	as, _ := s.Actors(ctx, store.ActorFilter{})
	ap, _ := s.Actors(ctx, store.ActorFilter{Limit: 1, Offset: 1})
	if len(ap) != 1 || ap[0].ID != as[1].ID {
		t.Errorf("actors page: %+v", ap)
	}

	// Events of one actor, by the store's id, on one side.
	nato, _ := s.Actors(ctx, store.ActorFilter{Code: "NATO"})
	evs, _ := s.Events(ctx, store.EventFilter{SourceID: nato[0].ID})
	if len(evs) != 1 || evs[0].CAMEO != "111" {
		t.Errorf("NATO as source: %+v", evs)
	}
	if evs, _ := s.Events(ctx, store.EventFilter{TargetID: nato[0].ID}); len(evs) != 0 {
		t.Errorf("NATO as target: %+v", evs)
	}

	q, _ := open(t)
	put(t, q, moscowTalks("1", "https://a.com/1", "", "2025-05-11"))
	put(t, q, moscowTalks("2", "https://b.com/2", "", "2025-05-12"))
	qs, _ := q.Quotes(ctx, store.QuoteFilter{Code: "RUS"})
	if len(qs) != 2 || qs[0].DocumentID == 0 {
		t.Errorf("quotes by a speaker's code: %+v", qs)
	}
	qs, _ = q.Quotes(ctx, store.QuoteFilter{SpeakerID: qs[0].SpeakerID, Limit: 1, Offset: 1})
	if len(qs) != 1 || qs[0].Published != "2025-05-11" {
		t.Errorf("quotes by speaker id, page 2: %+v", qs)
	}
	if qs, _ := q.Quotes(ctx, store.QuoteFilter{Code: "MLI"}); len(qs) != 0 {
		t.Errorf("quotes by a code no speaker has: %+v", qs)
	}
	st, err := s.Stats(ctx)
	if err != nil || st.FirstDay != "2025-01-14" || st.LastDay != "2025-03-01" {
		t.Errorf("stats: %+v, %v", st, err)
	}
}

// A store written by schema 1 is brought up to date: its documents read
// with no dates and its quotes with no speaker spans.
func TestMigrationFromSchema1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := put(t, s, withSpans(moscowTalks("1", "https://a.com/1", "", "2025-05-11")))
	for _, q := range []string{
		"ALTER TABLE documents DROP COLUMN dates",
		"ALTER TABLE quotes DROP COLUMN speaker_start", "ALTER TABLE quotes DROP COLUMN speaker_end",
		"ALTER TABLE quotes DROP COLUMN cue_start", "ALTER TABLE quotes DROP COLUMN cue_end",
		"DROP INDEX events_target", "CREATE INDEX events_target ON events (target_code, day)", "DROP INDEX doc_actors_title",
		"DROP TABLE actors_fts", "DROP INDEX doc_actors_actor", "CREATE INDEX doc_actors_actor ON doc_actors (actor_id, published)",
		"DROP INDEX events_day", "CREATE INDEX events_day ON events (day, source_code, target_code, quad_class, goldstein, num_mentions)", "DROP INDEX events_month",
		"DELETE FROM schema_version WHERE version > 1",
	} {
		if _, err := s.db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	s.Close()
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v, err := s.Document(ctx, r.DocID)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Dates) != 0 || v.Quotes[0].SpeakerSpan != nil || v.Quotes[0].CueSpan != nil || len(v.Events) != 2 {
		t.Errorf("old document: %+v", v)
	}
	if n := count(t, s, "SELECT max(version) FROM schema_version"); n != SchemaVersion() {
		t.Errorf("schema %d after opening, want %d", n, SchemaVersion())
	}
	if cs, err := s.Counterparts(ctx, store.CounterpartFilter{Code: "MLI"}); err != nil || len(cs) != 1 {
		t.Errorf("counterparts on the migrated store: %+v, %v", cs, err)
	}
	if qs, err := s.Quotes(ctx, store.QuoteFilter{Speaker: "belousov"}); err != nil || len(qs) != 1 {
		t.Errorf("names are not found on the migrated store: %+v, %v", qs, err)
	}
}

// Names are found by their words, and a replaced article's actors that no
// other article names are no longer found.
func TestActorNames(t *testing.T) {
	s, _ := open(t)
	a := newArticle("1", "https://a.com/1", "", "2025-05-11")
	a.line("Story.")
	a.actor(parley.KindPerson, "Jean-Noël Barrot", "FRAGOV", "FRA")
	a.actor(parley.KindPerson, "Vladimir Putin", "RUSGOV", "RUS")
	put(t, s, a)
	for name, want := range map[string]int{"Barrot": 1, "jean noel barrot": 1, "JEAN-NOËL": 1, "noel jean": 0, "Putin": 1,
		"vladimir": 1, "put": 0, "Vladimir Putin": 1, `"Putin" OR x`: 0, "*": 0, "NEAR(putin)": 0} {
		as, err := s.Actors(ctx, store.ActorFilter{Name: name})
		if err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		if len(as) != want {
			t.Errorf("%q: %d actors, want %d", name, len(as), want)
		}
	}
	b := newArticle("1", "https://a.com/1", "", "2025-05-11")
	b.line("Story, changed.")
	b.actor(parley.KindPerson, "Vladimir Putin", "RUSGOV", "RUS")
	if r := put(t, s, b); r.Status != store.Replaced {
		t.Fatal(r.Status)
	}
	if as, _ := s.Actors(ctx, store.ActorFilter{Name: "Barrot"}); len(as) != 0 {
		t.Errorf("a deleted actor is found: %+v", as)
	}
	if as, _ := s.Actors(ctx, store.ActorFilter{Name: "Putin"}); len(as) != 1 {
		t.Errorf("Putin: %+v", as)
	}
	if n := count(t, s, "SELECT count(*) FROM actors_fts WHERE actors_fts MATCH 'barrot'"); n != 0 {
		t.Errorf("the deleted actor's name is still indexed (%d)", n)
	}
}

// The plans chosen for speed (reading by day when many events match;
// prefixes expanded into lists of codes) select the same events as the
// others.
func TestQueryPlansAgree(t *testing.T) {
	s, _ := open(t)
	codes := []string{"RUS", "RUSGOV", "RUSMIL", "UKR", "UKRMIL", "MLI", "MLIGOV", "FRA", "USA", "NATO"}
	for d := 0; d < 30; d++ {
		day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d*5).Format("2006-01-02")
		a := newArticle(fmt.Sprint(d), fmt.Sprintf("https://p.org/%d", d), "", day)
		ids := map[string]string{}
		for i := 0; i < 6; i++ {
			src, tgt := codes[(d+i)%len(codes)], codes[(d*3+i*7+1)%len(codes)]
			for _, c := range []string{src, tgt} {
				if ids[c] == "" {
					ids[c] = a.actor(parley.KindCountry, "Country "+c[:3], c, c[:3])
				}
			}
			cameo := []string{"036", "042", "057", "112", "172", "190"}[(d+i)%6]
			a.event(ids[src], ids[tgt], src, tgt, cameo, day, 1+(d+i)%4, float64(i-3), fmt.Sprintf("Report %d of day %d.", i, d))
		}
		put(t, s, a)
	}
	filters := []store.EventFilter{
		{Source: "RUS"}, {Target: "UKR"}, {Source: "RUS", Target: "UKR"}, {Source: "RUS", Both: true},
		{Source: "MLI", Target: "FRA", Both: true}, {Code: "1"}, {Source: "R", Quad: 4}, {Since: "2025-02-01", Source: "RUS"},
		{Source: "RUSGOV", Until: "2025-03-01"}, {Target: "XYZ"}, {Source: "U", Target: "R"},
	}
	defer func(p, w, c int) { probeWindow, maxWindow, maxCodes = p, w, c }(probeWindow, maxWindow, maxCodes)
	for _, f := range filters {
		for _, limit := range []int{3, 10} {
			f.Limit = limit
			var runs [][]int64
			// Windows of every size: none that holds a page, some, all.
			for _, cfg := range [][3]int{{1 << 30, 1 << 30, 64}, {0, 0, 64}, {5, 40, 64}, {5, 1000, 64}, {20, 40, 64}, {60, 60, 64}, {5, 1000, 1}, {1 << 30, 1 << 30, 1}} {
				probeWindow, maxWindow, maxCodes = cfg[0], cfg[1], cfg[2]
				evs, err := s.Events(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				var ids []int64
				for _, e := range evs {
					ids = append(ids, e.ID)
				}
				runs = append(runs, ids)
			}
			for i := 1; i < len(runs); i++ {
				if !reflect.DeepEqual(runs[i], runs[0]) {
					t.Errorf("%+v: plan %d gives %v, plan 0 %v", f, i, runs[i], runs[0])
				}
			}
			if f.Target != "XYZ" && len(runs[0]) == 0 {
				t.Errorf("%+v: no events", f)
			}
		}
	}
	// Dyads of whole months (read from events_month) count what Events
	// lists; so do those of other periods.
	for _, f := range []store.DyadFilter{
		{Since: "2025-02-01", Until: "2025-02-28"}, {Since: "2025-01-01", Until: "2025-03-31", Quad: 2},
		{Since: "2025-02-01", Until: "2025-04-30", Source: "RUS"}, {Since: "2025-02-02", Until: "2025-02-27"},
		{Since: "2025-03-01", Until: "2025-03-31", Target: "UKR", Top: 2},
	} {
		evs, err := s.Events(ctx, store.EventFilter{Source: f.Source, Target: f.Target, Quad: f.Quad, Since: f.Since, Until: f.Until})
		if err != nil {
			t.Fatal(err)
		}
		want := map[[2]string]int{}
		for _, e := range evs {
			want[[2]string{e.SourceCode, e.TargetCode}]++
		}
		ds, err := s.Dyads(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if f.Top == 0 && len(ds) != len(want) || len(ds) == 0 {
			t.Errorf("%+v: %d dyads, want %d", f, len(ds), len(want))
		}
		for i, d := range ds {
			if d.Events != want[[2]string{d.SourceCode, d.TargetCode}] || d.Quad[0]+d.Quad[1]+d.Quad[2]+d.Quad[3] != d.Events {
				t.Errorf("%+v: %+v, want %d events", f, d, want[[2]string{d.SourceCode, d.TargetCode}])
			}
			if i > 0 && d.Events > ds[i-1].Events {
				t.Errorf("%+v: not the most first", f)
			}
		}
	}
}

func TestMmapOption(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	s, err := Open(path, Options{MmapMB: 8})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n := count(t, s, "PRAGMA mmap_size"); n != 8<<20 {
		t.Errorf("mmap_size %d", n)
	}
	put(t, s, moscowTalks("1", "https://a.com/1", "", "2025-05-11"))
	if evs, err := s.Events(ctx, store.EventFilter{Source: "RUS"}); err != nil || len(evs) != 2 {
		t.Errorf("events through the map: %d, %v", len(evs), err)
	}
}
