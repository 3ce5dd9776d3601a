package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/store"
)

// where gathers the conditions and arguments of a query.
type where struct {
	conds []string
	args  []any
	none  bool // a condition that nothing can meet (a name that matches no actor)
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// prefixRange turns a prefix into the half-open range [lo, hi) of the
// strings that start with it, which an index can scan.
func prefixRange(p string) (lo, hi string) {
	b := []byte(p)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 0xff {
			b[i]++
			return p, string(b[:i+1])
		}
	}
	return p, "\xff\xff\xff\xff"
}

func normCode(c string) string { return strings.ToUpper(strings.TrimSpace(c)) }

// actorIDs finds the actors a name designates: every actor whose folded name
// contains the folded words of name as whole words ("putin" finds "vladimir
// putin").
func (s *DB) actorIDs(ctx context.Context, name string) ([]int64, error) {
	n := store.NormName(name)
	if n == "" {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM actors
		WHERE num_articles > 0 AND (norm = ?1 OR ' ' || norm || ' ' LIKE '% ' || ?1 || ' %')`, n)
	if err != nil {
		return nil, s.wrap(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, s.wrap(err)
		}
		ids = append(ids, id)
	}
	return ids, s.wrap(rows.Err())
}

func idList(ids []int64) string {
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%d", id)
	}
	return b.String()
}

// sideSpec is one side of a dyad: a code prefix or a set of actors.
type sideSpec struct {
	code   string
	actors []int64
	byName bool
}

func (s *DB) side(ctx context.Context, code, name string) (sideSpec, error) {
	if name != "" {
		ids, err := s.actorIDs(ctx, name)
		return sideSpec{actors: ids, byName: true}, err
	}
	return sideSpec{code: normCode(code)}, nil
}

func (sp sideSpec) empty() bool { return !sp.byName && sp.code == "" }

// cond is the condition that the event's side col ("source" or "target")
// is sp.
func (sp sideSpec) cond(col string) (string, []any) {
	if sp.byName {
		return fmt.Sprintf("e.id IN (SELECT event_id FROM event_mentions WHERE %s_actor IN (%s))", col, idList(sp.actors)), nil
	}
	lo, hi := prefixRange(sp.code)
	return fmt.Sprintf("e.%[1]s_code >= ? AND e.%[1]s_code < ?", col), []any{lo, hi}
}

// dyad adds the condition that an event goes from a to b (or, with both,
// either way).
func (w *where) dyad(a, b sideSpec, both bool) {
	if (a.byName && len(a.actors) == 0) || (b.byName && len(b.actors) == 0) {
		w.none = true
		return
	}
	one := func(x, y sideSpec) (string, []any) {
		var parts []string
		var args []any
		if !x.empty() {
			c, a := x.cond("source")
			parts, args = append(parts, c), append(args, a...)
		}
		if !y.empty() {
			c, a := y.cond("target")
			parts, args = append(parts, c), append(args, a...)
		}
		return strings.Join(parts, " AND "), args
	}
	if a.empty() && b.empty() {
		return
	}
	c1, a1 := one(a, b)
	if !both {
		w.add(c1, a1...)
		return
	}
	c2, a2 := one(b, a)
	w.add("(("+c1+") OR ("+c2+"))", append(a1, a2...)...)
}

// eventWhere builds the conditions of an EventFilter.
func (s *DB) eventWhere(ctx context.Context, f store.EventFilter) (*where, error) {
	w := &where{}
	a, err := s.side(ctx, f.Source, f.SourceActor)
	if err != nil {
		return nil, err
	}
	b, err := s.side(ctx, f.Target, f.TargetActor)
	if err != nil {
		return nil, err
	}
	w.dyad(a, b, f.Both)
	if f.Actor != "" {
		ids, err := s.actorIDs(ctx, f.Actor)
		if err != nil {
			return nil, err
		}
		if len(ids) == 0 {
			w.none = true
		}
		l := idList(ids)
		w.add(fmt.Sprintf(`e.id IN (SELECT event_id FROM event_mentions WHERE source_actor IN (%s)
			UNION SELECT event_id FROM event_mentions WHERE target_actor IN (%s))`, l, l))
	}
	if c := strings.TrimSpace(f.Code); c != "" {
		lo, hi := prefixRange(c)
		w.add("e.cameo >= ? AND e.cameo < ?", lo, hi)
	}
	if f.Quad != 0 {
		w.add("e.quad_class = ?", f.Quad)
	}
	if f.Since != "" {
		w.add("e.day >= ?", f.Since)
	}
	if f.Until != "" {
		w.add("e.day <= ?", f.Until)
	}
	if t := strings.TrimSpace(f.Text); t != "" {
		q := FTSQuery(t)
		if q == "" {
			w.none = true
		}
		w.add(`e.id IN (SELECT event_id FROM event_mentions WHERE document_id IN
			(SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?))`, q)
	}
	return w, nil
}

const eventCols = `e.id, e.day, e.date, e.date_precision, e.source_code, e.target_code,
	coalesce(sa.name, ''), coalesce(sa.country, ''), coalesce(ta.name, ''), coalesce(ta.country, ''),
	e.cameo, e.root, e.name, e.quad_class, e.goldstein, e.symmetric, e.is_root, e.place,
	e.num_mentions, e.num_articles, e.num_sources, e.first_seen, e.last_seen, e.added,
	coalesce(m.trigger, ''), coalesce(nullif(d.url, ''), d.doc_id, '')`

const eventFrom = ` FROM events e
	LEFT JOIN actors sa ON sa.id = e.source_actor
	LEFT JOIN actors ta ON ta.id = e.target_actor
	LEFT JOIN event_mentions m ON m.id = (SELECT min(id) FROM event_mentions WHERE event_id = e.id)
	LEFT JOIN documents d ON d.id = m.document_id`

func scanEvent(rows *sql.Rows, evidence bool) (store.EventRow, error) {
	var r store.EventRow
	var prec string
	dest := []any{&r.ID, &r.Day, &r.Date, &prec, &r.SourceCode, &r.TargetCode,
		&r.SourceName, &r.SourceCountry, &r.TargetName, &r.TargetCountry,
		&r.CAMEO, &r.Root, &r.Name, &r.QuadClass, &r.Goldstein, &r.Symmetric, &r.IsRoot, &r.Place,
		&r.NumMentions, &r.NumArticles, &r.NumSources, &r.FirstSeen, &r.LastSeen, &r.Added,
		&r.Trigger, &r.URL}
	var ev []byte
	if evidence {
		dest = append(dest, &ev)
	}
	err := rows.Scan(dest...)
	r.DatePrecision = parley.Precision(prec)
	r.Evidence = strings.ToValidUTF8(string(ev), "\uFFFD")
	return r, err
}

// Events returns the events f selects, latest first.
func (s *DB) Events(ctx context.Context, f store.EventFilter) ([]store.EventRow, error) {
	out := []store.EventRow{}
	err := s.events(ctx, f, true, " ORDER BY e.day DESC, e.id DESC", func(r store.EventRow) error {
		out = append(out, r)
		return nil
	})
	return out, err
}

// EachEvent calls fn for every event f selects, in id order, streaming.
func (s *DB) EachEvent(ctx context.Context, f store.EventFilter, fn func(store.EventRow) error) error {
	return s.events(ctx, f, false, " ORDER BY e.id", fn)
}

func (s *DB) events(ctx context.Context, f store.EventFilter, evidence bool, order string, fn func(store.EventRow) error) error {
	w, err := s.eventWhere(ctx, f)
	if err != nil || w.none {
		return err
	}
	q := "SELECT " + eventCols
	if evidence {
		q += `, CASE WHEN m.sentence_end > m.sentence_start THEN
			substr(CAST(d.text AS BLOB), m.sentence_start + 1, m.sentence_end - m.sentence_start) ELSE '' END`
	}
	q += eventFrom + w.sql() + order
	args := w.args
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return s.wrap(err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanEvent(rows, evidence)
		if err != nil {
			return s.wrap(err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return s.wrap(rows.Err())
}

// Quotes returns the quotations f selects: by relevance with f.Text, else
// latest first.
func (s *DB) Quotes(ctx context.Context, f store.QuoteFilter) ([]store.QuoteRow, error) {
	w := &where{}
	from := " FROM quotes q"
	order := " ORDER BY q.published DESC, q.id DESC"
	var args []any
	if t := strings.TrimSpace(f.Text); t != "" {
		fq := FTSQuery(t)
		if fq == "" {
			return []store.QuoteRow{}, nil
		}
		from = " FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid"
		w.add("quotes_fts MATCH ?", fq)
		order = " ORDER BY quotes_fts.rank, q.id DESC"
	}
	if f.Speaker != "" {
		ids, err := s.actorIDs(ctx, f.Speaker)
		if err != nil {
			return nil, err
		}
		if len(ids) == 0 {
			return []store.QuoteRow{}, nil
		}
		w.add("q.speaker_actor IN (" + idList(ids) + ")")
	}
	if f.Anonymous {
		w.add("q.anonymous")
	}
	if f.Since != "" {
		w.add("q.published >= ?", f.Since)
	}
	if f.Until != "" {
		w.add("q.published <= ?", f.Until)
	}
	q := `SELECT q.id, q.published, coalesce(a.name, ''), coalesce(q.speaker_actor, 0), coalesce(a.code, ''),
		q.anonymous, q.speaker_text, q.cue, q.text, coalesce(nullif(d.url, ''), d.doc_id), d.title, q.start, q.end` +
		from + ` LEFT JOIN actors a ON a.id = q.speaker_actor JOIN documents d ON d.id = q.document_id` +
		w.sql() + order
	args = append(args, w.args...)
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, s.wrap(err)
	}
	defer rows.Close()
	out := []store.QuoteRow{}
	for rows.Next() {
		var r store.QuoteRow
		if err := rows.Scan(&r.ID, &r.Published, &r.Speaker, &r.SpeakerID, &r.SpeakerCode, &r.Anonymous,
			&r.SpeakerText, &r.Cue, &r.Text, &r.URL, &r.Title, &r.Span.Start, &r.Span.End); err != nil {
			return nil, s.wrap(err)
		}
		out = append(out, r)
	}
	return out, s.wrap(rows.Err())
}

// Actors returns the actors f selects, those in most articles first, with
// their aliases and titles.
func (s *DB) Actors(ctx context.Context, f store.ActorFilter) ([]store.ActorRow, error) {
	w := &where{}
	w.add("num_articles > 0")
	if f.Name != "" {
		n := store.NormName(f.Name)
		if n == "" {
			return []store.ActorRow{}, nil
		}
		w.add("(norm = ? OR ' ' || norm || ' ' LIKE '% ' || ? || ' %')", n, n)
	}
	if c := normCode(f.Code); c != "" {
		lo, hi := prefixRange(c)
		w.add("code >= ? AND code < ?", lo, hi)
	}
	if f.Kind != "" {
		w.add("kind = ?", f.Kind)
	}
	q := `SELECT id, kind, name, code, country, num_articles, num_mentions, first_seen, last_seen FROM actors` +
		w.sql() + " ORDER BY num_articles DESC, num_mentions DESC, id"
	args := w.args
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, s.wrap(err)
	}
	out := []store.ActorRow{}
	for rows.Next() {
		var r store.ActorRow
		var kind string
		if err := rows.Scan(&r.ID, &kind, &r.Name, &r.Code, &r.Country, &r.Articles, &r.Mentions, &r.FirstSeen, &r.LastSeen); err != nil {
			rows.Close()
			return nil, s.wrap(err)
		}
		r.Kind = parley.ActorKind(kind)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.wrap(err)
	}
	for i := range out {
		if err := s.actorDetails(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

const maxAliases = 20

func (s *DB) actorDetails(ctx context.Context, r *store.ActorRow) error {
	rows, err := s.db.QueryContext(ctx, `SELECT name, aliases FROM doc_actors WHERE actor_id = ? GROUP BY name, aliases`, r.ID)
	if err != nil {
		return s.wrap(err)
	}
	seen := map[string]bool{store.NormName(r.Name): true}
	for rows.Next() && len(r.Aliases) < maxAliases {
		var name, aliases string
		if err := rows.Scan(&name, &aliases); err != nil {
			rows.Close()
			return s.wrap(err)
		}
		var more []string
		_ = json.Unmarshal([]byte(aliases), &more)
		for _, a := range append([]string{name}, more...) {
			if n := store.NormName(a); n != "" && !seen[n] && len(r.Aliases) < maxAliases {
				seen[n] = true
				r.Aliases = append(r.Aliases, a)
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s.wrap(err)
	}
	rows, err = s.db.QueryContext(ctx, `SELECT title, coalesce(min(nullif(published, '')), ''), max(published)
		FROM doc_actors WHERE actor_id = ? AND title <> '' GROUP BY title ORDER BY 3 DESC, 2 DESC LIMIT 20`, r.ID)
	if err != nil {
		return s.wrap(err)
	}
	defer rows.Close()
	for rows.Next() {
		var t store.Title
		if err := rows.Scan(&t.Title, &t.First, &t.Last); err != nil {
			return s.wrap(err)
		}
		r.Titles = append(r.Titles, t)
	}
	return s.wrap(rows.Err())
}

const countCols = `count(*), coalesce(sum(e.num_mentions), 0),
	coalesce(sum(e.quad_class = 1), 0), coalesce(sum(e.quad_class = 2), 0),
	coalesce(sum(e.quad_class = 3), 0), coalesce(sum(e.quad_class = 4), 0),
	coalesce(avg(e.goldstein), 0)`

// Dyads counts events per (source code, target code), the most events first.
func (s *DB) Dyads(ctx context.Context, f store.DyadFilter) ([]store.DyadRow, error) {
	w, err := s.eventWhere(ctx, store.EventFilter{Source: f.Source, Target: f.Target, Code: f.Code,
		Quad: f.Quad, Since: f.Since, Until: f.Until})
	if err != nil {
		return nil, err
	}
	out := []store.DyadRow{}
	if w.none {
		return out, nil
	}
	w.add("e.source_code <> '' AND e.target_code <> ''")
	// The planner, misled by the few distinct CAMEO codes, would skip-scan
	// events_cameo and read every row; the covering indexes read none.
	idx := "events_day"
	switch {
	case f.Since != "" || f.Until != "":
	case f.Source != "":
		idx = "events_dyad"
	case f.Target != "":
		idx = "events_target"
	}
	q := `SELECT e.source_code, e.target_code, ` + countCols + ` FROM events e INDEXED BY ` + idx + w.sql() +
		` GROUP BY e.source_code, e.target_code ORDER BY 3 DESC, 1, 2`
	args := w.args
	if f.Top > 0 {
		q += " LIMIT ?"
		args = append(args, f.Top)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, s.wrap(err)
	}
	defer rows.Close()
	for rows.Next() {
		var r store.DyadRow
		if err := rows.Scan(&r.SourceCode, &r.TargetCode, &r.Events, &r.Mentions,
			&r.Quad[0], &r.Quad[1], &r.Quad[2], &r.Quad[3], &r.MeanGoldstein); err != nil {
			return nil, s.wrap(err)
		}
		out = append(out, r)
	}
	return out, s.wrap(rows.Err())
}

// Timeline counts the events f selects per period, in time order. Events
// without a day are left out.
func (s *DB) Timeline(ctx context.Context, f store.TimelineFilter) ([]store.TimelineRow, error) {
	var period string
	switch f.By {
	case "day":
		period = "e.day"
	case "week":
		period = "date(e.day, '-6 days', 'weekday 1')"
	case "", "month":
		period = "substr(e.day, 1, 7)"
	case "year":
		period = "substr(e.day, 1, 4)"
	default:
		return nil, fmt.Errorf("timeline: unknown period %q (day, week, month or year)", f.By)
	}
	ef := f.EventFilter
	ef.Limit = 0
	w, err := s.eventWhere(ctx, ef)
	if err != nil {
		return nil, err
	}
	out := []store.TimelineRow{}
	if w.none {
		return out, nil
	}
	w.add("e.day <> ''")
	from := " FROM events e"
	switch {
	case f.Source != "" && f.SourceActor == "" && !f.Both:
		from += " INDEXED BY events_dyad" // covering: reads no table rows
	case f.Source == "" && f.Target == "" && f.SourceActor == "" && f.TargetActor == "":
		from += " INDEXED BY events_day"
	}
	q := `SELECT ` + period + `, ` + countCols + from + w.sql() + ` GROUP BY 1 ORDER BY 1`
	rows, err := s.db.QueryContext(ctx, q, w.args...)
	if err != nil {
		return nil, s.wrap(err)
	}
	defer rows.Close()
	for rows.Next() {
		var r store.TimelineRow
		var p sql.NullString
		if err := rows.Scan(&p, &r.Events, &r.Mentions, &r.Quad[0], &r.Quad[1], &r.Quad[2], &r.Quad[3], &r.MeanGoldstein); err != nil {
			return nil, s.wrap(err)
		}
		r.Period = p.String
		out = append(out, r)
	}
	return out, s.wrap(rows.Err())
}

// Stats counts the store's records.
func (s *DB) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM documents), (SELECT count(*) FROM events), (SELECT count(*) FROM event_mentions),
		(SELECT count(*) FROM quotes), (SELECT count(*) FROM actors WHERE num_articles > 0)`).
		Scan(&st.Documents, &st.Events, &st.Mentions, &st.Quotes, &st.Actors)
	return st, s.wrap(err)
}

// FTSQuery turns words as a person types them into an FTS5 query: every
// word must occur; "double-quoted words" must occur as a phrase; a word
// ending in * matches as a prefix; OR between words means either. Nothing
// else is taken as FTS5 syntax, so any input is a valid query.
func FTSQuery(s string) string {
	var terms []string
	for len(s) > 0 {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
		if s == "" {
			break
		}
		var tok string
		phrase := false
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				tok, s = s[1:], ""
			} else {
				tok, s = s[1:end+1], s[end+2:]
			}
			phrase = true
		} else {
			end := strings.IndexFunc(s, unicode.IsSpace)
			if end < 0 {
				end = len(s)
			}
			tok, s = s[:end], s[end:]
		}
		if !phrase && tok == "OR" {
			if len(terms) > 0 && terms[len(terms)-1] != "OR" {
				terms = append(terms, "OR")
			}
			continue
		}
		prefix := !phrase && strings.HasSuffix(tok, "*")
		words := strings.FieldsFunc(tok, func(r rune) bool {
			return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '-' || r == '.' || r == '_')
		})
		if len(words) == 0 || !utf8.ValidString(tok) {
			continue
		}
		t := `"` + strings.ReplaceAll(strings.Join(words, " "), `"`, `""`) + `"`
		if prefix {
			t += "*"
		}
		terms = append(terms, t)
	}
	for len(terms) > 0 && terms[len(terms)-1] == "OR" {
		terms = terms[:len(terms)-1]
	}
	if len(terms) > 0 && terms[0] == "OR" {
		terms = terms[1:]
	}
	return strings.Join(terms, " ")
}
