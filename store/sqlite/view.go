package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/store"
)

// Document returns one document with its text and every record read in it.
func (s *DB) Document(ctx context.Context, id int64) (store.DocumentView, error) {
	var v store.DocumentView
	var dates string
	err := s.queryRow(ctx, `SELECT id, doc_id, url, source, title, published, added, text, dates
		FROM documents WHERE id = ?`, id).
		Scan(&v.ID, &v.DocID, &v.URL, &v.Source, &v.Title, &v.Published, &v.Added, &v.Text, &dates)
	if errors.Is(err, sql.ErrNoRows) {
		return v, fmt.Errorf("document %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return v, s.wrap(err)
	}
	v.Dates = []parley.Date{}
	_ = json.Unmarshal([]byte(dates), &v.Dates)
	if v.Actors, err = s.docActors(ctx, id); err != nil {
		return v, err
	}
	local := map[int64]*store.DocActor{} // the first article actor of each actor across articles
	for i := range v.Actors {
		if _, ok := local[v.Actors[i].ActorID]; !ok {
			local[v.Actors[i].ActorID] = &v.Actors[i]
		}
	}
	if v.Quotes, err = s.docQuotes(ctx, id, local); err != nil {
		return v, err
	}
	if v.Events, err = s.docEvents(ctx, id, local); err != nil {
		return v, err
	}
	return v, nil
}

func (s *DB) docActors(ctx context.Context, id int64) ([]store.DocActor, error) {
	rows, err := s.query(ctx, `SELECT da.local_id, da.actor_id, coalesce(a.kind, ''), da.name, da.code,
		da.country, da.title, da.aliases, da.mentions
		FROM doc_actors da LEFT JOIN actors a ON a.id = da.actor_id WHERE da.document_id = ?`, id)
	if err != nil {
		return nil, s.wrap(err)
	}
	defer rows.Close()
	out := []store.DocActor{}
	for rows.Next() {
		var a store.DocActor
		var kind, aliases, mentions string
		if err := rows.Scan(&a.ID, &a.ActorID, &kind, &a.Name, &a.Code, &a.Country, &a.Title, &aliases, &mentions); err != nil {
			return nil, s.wrap(err)
		}
		a.Kind = parley.ActorKind(kind)
		_ = json.Unmarshal([]byte(aliases), &a.Aliases)
		a.Mentions = []parley.Mention{}
		_ = json.Unmarshal([]byte(mentions), &a.Mentions)
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap(err)
	}
	// In the article's order: a1, a2, ..., a10.
	sort.SliceStable(out, func(i, j int) bool {
		if len(out[i].ID) != len(out[j].ID) {
			return len(out[i].ID) < len(out[j].ID)
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

func (s *DB) docQuotes(ctx context.Context, id int64, local map[int64]*store.DocActor) ([]store.DocQuote, error) {
	rows, err := s.query(ctx, `SELECT q.id, q.text, q.start, q.end, coalesce(q.speaker_actor, 0),
		coalesce(a.name, ''), q.anonymous, q.speaker_text, q.speaker_start, q.speaker_end, q.cue, q.cue_start, q.cue_end
		FROM quotes q LEFT JOIN actors a ON a.id = q.speaker_actor WHERE q.document_id = ? ORDER BY q.start, q.id`, id)
	if err != nil {
		return nil, s.wrap(err)
	}
	defer rows.Close()
	out := []store.DocQuote{}
	for rows.Next() {
		var q store.DocQuote
		var sp0, sp1, cue0, cue1 sql.NullInt64
		if err := rows.Scan(&q.ID, &q.Text, &q.Span.Start, &q.Span.End, &q.SpeakerID, &q.SpeakerName, &q.Anonymous,
			&q.SpeakerText, &sp0, &sp1, &q.Cue, &cue0, &cue1); err != nil {
			return nil, s.wrap(err)
		}
		if a := local[q.SpeakerID]; a != nil && q.SpeakerID != 0 {
			q.Speaker = a.ID
		}
		q.SpeakerSpan = span(sp0, sp1)
		q.CueSpan = span(cue0, cue1)
		out = append(out, q)
	}
	return out, s.wrap(rows.Err())
}

func span(start, end sql.NullInt64) *parley.Span {
	if !start.Valid || !end.Valid {
		return nil
	}
	return &parley.Span{Start: int(start.Int64), End: int(end.Int64)}
}

func (s *DB) docEvents(ctx context.Context, id int64, local map[int64]*store.DocActor) ([]store.DocEvent, error) {
	rows, err := s.query(ctx, `SELECT m.id, m.event_id, coalesce(m.source_actor, 0), coalesce(m.target_actor, 0),
		coalesce(e.source_actor, 0), coalesce(e.target_actor, 0), e.source_code, e.target_code,
		m.source_person, m.target_person, e.cameo, e.root, e.name, e.quad_class, e.goldstein, e.symmetric,
		e.day, e.date, e.date_precision, m.place, e.num_articles, m.trigger, m.trigger_start, m.trigger_end,
		m.sentence_start, m.sentence_end
		FROM event_mentions m JOIN events e ON e.id = m.event_id WHERE m.document_id = ?
		ORDER BY m.trigger_start, m.id`, id)
	if err != nil {
		return nil, s.wrap(err)
	}
	defer rows.Close()
	out := []store.DocEvent{}
	for rows.Next() {
		var e store.DocEvent
		var evSource, evTarget int64
		var prec string
		if err := rows.Scan(&e.ID, &e.EventID, &e.SourceID, &e.TargetID, &evSource, &evTarget, &e.SourceCode, &e.TargetCode,
			&e.SourcePerson, &e.TargetPerson, &e.CAMEO, &e.Root, &e.Name, &e.QuadClass, &e.Goldstein, &e.Symmetric,
			&e.Day, &e.Date, &prec, &e.Place, &e.NumArticles, &e.Trigger, &e.TriggerSpan.Start, &e.TriggerSpan.End,
			&e.Sentence.Start, &e.Sentence.End); err != nil {
			return nil, s.wrap(err)
		}
		e.DatePrecision = parley.Precision(prec)
		// A symmetric act is one event whichever side an article names
		// first: this article may name the event's sides the other way.
		if e.Symmetric && e.SourceID != e.TargetID && e.SourceID == evTarget && e.TargetID == evSource {
			e.SourceCode, e.TargetCode = e.TargetCode, e.SourceCode
		}
		if a := local[e.SourceID]; a != nil && e.SourceID != 0 {
			e.Source, e.SourceName = a.ID, a.Name
		}
		if a := local[e.TargetID]; a != nil && e.TargetID != 0 {
			e.Target, e.TargetName = a.ID, a.Name
		}
		out = append(out, e)
	}
	return out, s.wrap(rows.Err())
}

// Actor returns one actor across articles with its aliases and titles.
func (s *DB) Actor(ctx context.Context, id int64) (store.ActorRow, error) {
	var r store.ActorRow
	var kind string
	err := s.queryRow(ctx, `SELECT id, kind, name, code, country, num_articles, num_mentions, first_seen, last_seen
		FROM actors WHERE id = ? AND num_articles > 0`, id).
		Scan(&r.ID, &kind, &r.Name, &r.Code, &r.Country, &r.Articles, &r.Mentions, &r.FirstSeen, &r.LastSeen)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("actor %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return r, s.wrap(err)
	}
	r.Kind = parley.ActorKind(kind)
	one := []store.ActorRow{r}
	err = s.actorDetails(ctx, one)
	return one[0], err
}

// Counterparts ranks the other sides of an actor's events. By id, an
// event is the actor's when any of its reports names the actor on one
// side; the other side is the event's code there, or its actor when it
// has no code. By code, the other side is the code (events whose other
// side has none are left out: they name no one that can be counted).
func (s *DB) Counterparts(ctx context.Context, f store.CounterpartFilter) ([]store.CounterpartRow, error) {
	out := []store.CounterpartRow{}
	var dates string
	var dateArgs []any
	if f.Since != "" {
		dates += " AND e.day >= ?"
		dateArgs = append(dateArgs, f.Since)
	}
	if f.Until != "" {
		dates += " AND e.day <= ?"
		dateArgs = append(dateArgs, f.Until)
	}
	var q string
	var args []any
	switch {
	case f.ActorID != 0:
		q = `SELECT CASE WHEN e.target_code <> '' THEN e.target_code ELSE '@' || coalesce(e.target_actor, 0) END AS other, 1 AS dir, e.goldstein AS g
			FROM events e WHERE e.id IN (SELECT event_id FROM event_mentions WHERE source_actor = ?)` + dates + `
			UNION ALL
			SELECT CASE WHEN e.source_code <> '' THEN e.source_code ELSE '@' || coalesce(e.source_actor, 0) END, 2, e.goldstein
			FROM events e WHERE e.id IN (SELECT event_id FROM event_mentions WHERE target_actor = ?)` + dates
		args = append(append(append(append(args, f.ActorID), dateArgs...), f.ActorID), dateArgs...)
	case normCode(f.Code) != "":
		lo, hi := prefixRange(normCode(f.Code))
		// Covering indexes: neither side reads a table row.
		q = `SELECT e.target_code AS other, 1 AS dir, e.goldstein AS g FROM events e INDEXED BY events_dyad
			WHERE e.source_code >= ? AND e.source_code < ? AND e.target_code <> ''` + dates + `
			UNION ALL
			SELECT e.source_code, 2, e.goldstein FROM events e INDEXED BY events_target
			WHERE e.target_code >= ? AND e.target_code < ? AND e.source_code <> ''` + dates
		args = append(append(append(append(args, lo, hi), dateArgs...), lo, hi), dateArgs...)
	default:
		return out, errors.New("counterparts: no actor id and no code")
	}
	q = `SELECT other, coalesce(sum(dir = 1), 0), coalesce(sum(dir = 2), 0), count(*), coalesce(avg(g), 0)
		FROM (` + q + `) GROUP BY other ORDER BY 4 DESC, 1`
	q, args = limit(q, args, f.Limit, 0)
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, s.wrap(err)
	}
	var ids []int64
	var codes []string
	for rows.Next() {
		var r store.CounterpartRow
		var other string
		if err := rows.Scan(&other, &r.AsSource, &r.AsTarget, &r.Events, &r.MeanGoldstein); err != nil {
			rows.Close()
			return nil, s.wrap(err)
		}
		if strings.HasPrefix(other, "@") {
			r.ActorID, _ = strconv.ParseInt(other[1:], 10, 64)
			if r.ActorID == 0 {
				continue // a side the articles do not name
			}
			ids = append(ids, r.ActorID)
		} else {
			r.Code = other
			codes = append(codes, other)
		}
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.wrap(err)
	}
	// Names: an actor's own; a code's, that of the country it starts with.
	names := map[string]string{}
	if len(ids) > 0 {
		if err := s.names(ctx, names, `SELECT '@' || id, name FROM actors WHERE id IN (`+idList(ids)+`)`); err != nil {
			return nil, err
		}
	}
	if len(codes) > 0 {
		if err := s.names(ctx, names, `SELECT code, name FROM actors WHERE kind = 'country' AND length(code) = 3
			AND num_articles > 0 AND code IN (SELECT substr(value, 1, 3) FROM json_each(?)) ORDER BY num_articles`, jsonList(codes)); err != nil {
			return nil, err
		}
	}
	for i := range out {
		if out[i].ActorID != 0 {
			out[i].Name = names["@"+strconv.FormatInt(out[i].ActorID, 10)]
		} else if len(out[i].Code) >= 3 {
			out[i].Name = names[out[i].Code[:3]]
		}
	}
	return out, nil
}

func (s *DB) names(ctx context.Context, into map[string]string, q string, args ...any) error {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return s.wrap(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return s.wrap(err)
		}
		into[k] = v
	}
	return s.wrap(rows.Err())
}

func jsonList(ss []string) string {
	b, _ := json.Marshal(ss)
	return string(b)
}

// Network counts the events between countries: both sides' codes start
// with a country's code (a country actor the store knows), and the two
// countries differ. The events are grouped by their full codes as an
// index gives them in order, and the codes' countries summed here: cheaper
// than having SQLite sort every event by its codes' first letters.
func (s *DB) Network(ctx context.Context, f store.NetworkFilter) ([]store.NetworkEdge, error) {
	w, err := s.eventWhere(ctx, store.EventFilter{Code: f.Code, Quad: f.Quad, Since: f.Since, Until: f.Until})
	if err != nil {
		return nil, err
	}
	out := []store.NetworkEdge{}
	if w.none {
		return out, nil
	}
	countries := map[string]bool{}
	rows, err := s.query(ctx, `SELECT code FROM actors WHERE kind = 'country' AND length(code) = 3 AND num_articles > 0`)
	if err != nil {
		return nil, s.wrap(err)
	}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return nil, s.wrap(err)
		}
		countries[c] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.wrap(err)
	}
	w.add("e.source_code <> '' AND e.target_code <> ''")
	// A short period is read by day; a long one, or all time, in code
	// order, grouped as it is read. Both indexes cover the query (unless
	// a CAMEO code is asked for).
	idx := "events_dyad"
	if short(f.Since, f.Until) {
		idx = "events_day"
		w = w.byDay()
	}
	q := `SELECT e.source_code, e.target_code, count(*), coalesce(sum(e.num_mentions), 0),
		coalesce(sum(e.quad_class = 1), 0), coalesce(sum(e.quad_class = 2), 0), coalesce(sum(e.quad_class = 3), 0),
		coalesce(sum(e.quad_class = 4), 0), coalesce(sum(e.goldstein), 0)
		FROM events e INDEXED BY ` + idx + w.sql() + ` GROUP BY e.source_code, e.target_code`
	rows, err = s.query(ctx, q, w.args...)
	if err != nil {
		return nil, s.wrap(err)
	}
	defer rows.Close()
	type pair struct{ s, t string }
	sums := map[pair]*store.NetworkEdge{}
	gold := map[pair]float64{}
	for rows.Next() {
		var sc, tc string
		var r store.NetworkEdge
		var g float64
		if err := rows.Scan(&sc, &tc, &r.Events, &r.Mentions, &r.Quad[0], &r.Quad[1], &r.Quad[2], &r.Quad[3], &g); err != nil {
			return nil, s.wrap(err)
		}
		if len(sc) < 3 || len(tc) < 3 {
			continue
		}
		p := pair{sc[:3], tc[:3]}
		if p.s == p.t || !countries[p.s] || !countries[p.t] {
			continue
		}
		e := sums[p]
		if e == nil {
			e = &store.NetworkEdge{Source: p.s, Target: p.t}
			sums[p] = e
		}
		e.Events += r.Events
		e.Mentions += r.Mentions
		for i := range e.Quad {
			e.Quad[i] += r.Quad[i]
		}
		gold[p] += g
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap(err)
	}
	for p, e := range sums {
		e.MeanGoldstein = gold[p] / float64(e.Events)
		out = append(out, *e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Events != out[j].Events {
			return out[i].Events > out[j].Events
		}
		if out[i].Source != out[j].Source {
			return out[i].Source < out[j].Source
		}
		return out[i].Target < out[j].Target
	})
	return out, nil
}

// short tells a period of at most half a year.
func short(since, until string) bool {
	a, err1 := time.Parse("2006-01-02", since)
	b, err2 := time.Parse("2006-01-02", until)
	return err1 == nil && err2 == nil && b.Sub(a) <= 183*24*time.Hour
}
