package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
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
	// sub: a condition on other tables (names, words, actor ids), which
	// selects few events; the planner then starts from it.
	sub bool
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// byDay is w for a read in day order through events_day: the other
// columns are only checked there, never sought (SQLite would otherwise
// skip-scan every day of the index for each code of a list).
func (w *where) byDay() *where {
	c := &where{args: w.args, none: w.none, sub: w.sub}
	for _, cond := range w.conds {
		c.conds = append(c.conds, otherCols.ReplaceAllString(cond, "+e.$1"))
	}
	return c
}

// without is w without the conditions cond (and their arguments).
func (w *where) without(cond string) *where {
	c := &where{none: w.none, sub: w.sub}
	at := 0
	for _, x := range w.conds {
		n := strings.Count(x, "?")
		if x != cond {
			c.conds = append(c.conds, x)
			c.args = append(c.args, w.args[at:at+n]...)
		}
		at += n
	}
	return c
}

const sinceCond, untilCond = "e.day >= ?", "e.day <= ?"

// wholeMonths tells whether since and until are the first and the last
// day of calendar months, and which.
func wholeMonths(since, until string) (first, last string, ok bool) {
	a, err1 := time.Parse("2006-01-02", since)
	b, err2 := time.Parse("2006-01-02", until)
	if err1 != nil || err2 != nil || a.Day() != 1 || b.AddDate(0, 0, 1).Day() != 1 || b.Before(a) {
		return "", "", false
	}
	return since[:7], until[:7], true
}

var otherCols = regexp.MustCompile(`\be\.(source_code|target_code|quad_class|cameo)\b`)

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
// contains the folded words of name as whole words, in order ("putin" finds
// "vladimir putin"), through the full-text index of the names.
func (s *DB) actorIDs(ctx context.Context, name string) ([]int64, error) {
	q := namePhrase(name)
	if q == "" {
		return nil, nil
	}
	rows, err := s.query(ctx, `SELECT a.id FROM actors_fts JOIN actors a ON a.id = actors_fts.rowid
		WHERE actors_fts MATCH ? AND a.num_articles > 0`, q)
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

// namePhrase is the FTS5 phrase of a name's folded words ("" for none).
// NormName leaves only letters, digits and single spaces: nothing in it is
// FTS5 syntax.
func namePhrase(name string) string {
	n := store.NormName(name)
	if n == "" {
		return ""
	}
	return `"` + n + `"`
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
	// The codes with the prefix that events have as source and as
	// target (nil when there are too many to list): a list lets the
	// index seek each (source, target) pair, where a prefix range on the
	// source would read every target of it.
	codes map[string][]string
}

// side reads one side of a dyad; cols are the sides of the events it is
// matched against ("source", "target").
func (s *DB) side(ctx context.Context, code, name string, cols ...string) (sideSpec, error) {
	if name != "" {
		ids, err := s.actorIDs(ctx, name)
		return sideSpec{actors: ids, byName: true}, err
	}
	sp := sideSpec{code: normCode(code)}
	if sp.code == "" {
		return sp, nil
	}
	sp.codes = map[string][]string{}
	for _, col := range cols {
		cs, err := s.codesWithPrefix(ctx, col, sp.code)
		if err != nil {
			return sp, err
		}
		sp.codes[col] = cs
	}
	return sp, nil
}

// maxCodes is the most codes a prefix is expanded to (a variable for the
// tests).
var maxCodes = 64

// codesWithPrefix lists the codes that start with prefix on one side of
// the events, one index seek each; nil when there are more than maxCodes.
func (s *DB) codesWithPrefix(ctx context.Context, col, prefix string) ([]string, error) {
	lo, hi := prefixRange(prefix)
	q := fmt.Sprintf("SELECT min(%[1]s_code) FROM events WHERE %[1]s_code > ? AND %[1]s_code < ?", col)
	first := fmt.Sprintf("SELECT min(%[1]s_code) FROM events WHERE %[1]s_code >= ? AND %[1]s_code < ?", col)
	out := []string{}
	cur := lo
	for {
		var c sql.NullString
		stmt := q
		if len(out) == 0 {
			stmt = first
		}
		if err := s.queryRow(ctx, stmt, cur, hi).Scan(&c); err != nil {
			return nil, s.wrap(err)
		}
		if !c.Valid {
			return out, nil
		}
		if len(out) == maxCodes {
			return nil, nil
		}
		out = append(out, c.String)
		cur = c.String
	}
}

func (sp sideSpec) empty() bool { return !sp.byName && sp.code == "" }

// cond is the condition that the event's side col ("source" or "target")
// is sp.
func (sp sideSpec) cond(col string) (string, []any) {
	if sp.byName {
		return fmt.Sprintf("e.id IN (SELECT event_id FROM event_mentions WHERE %s_actor IN (%s))", col, idList(sp.actors)), nil
	}
	if cs, ok := sp.codes[col]; ok && cs != nil {
		if len(cs) == 0 {
			return "0", nil // no event has such a code on this side
		}
		args := make([]any, len(cs))
		for i, c := range cs {
			args[i] = c
		}
		return fmt.Sprintf("e.%s_code IN (%s)", col, strings.TrimSuffix(strings.Repeat("?, ", len(cs)), ", ")), args
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
	// The source is matched against the events' sources, and with Both
	// against their targets too; the same for the target.
	srcCols, tgtCols := []string{"source"}, []string{"target"}
	if f.Both {
		srcCols, tgtCols = []string{"source", "target"}, []string{"target", "source"}
	}
	a, err := s.side(ctx, f.Source, f.SourceActor, srcCols...)
	if err != nil {
		return nil, err
	}
	b, err := s.side(ctx, f.Target, f.TargetActor, tgtCols...)
	if err != nil {
		return nil, err
	}
	w.dyad(a, b, f.Both)
	w.sub = a.byName || b.byName
	if f.Actor != "" {
		w.sub = true
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
		w.add(sinceCond, f.Since)
	}
	if f.Until != "" {
		w.add(untilCond, f.Until)
	}
	if t := strings.TrimSpace(f.Text); t != "" {
		w.sub = true
		q := FTSQuery(t)
		if q == "" {
			w.none = true
		}
		w.add(`e.id IN (SELECT event_id FROM event_mentions WHERE document_id IN
			(SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?))`, q)
	}
	if f.SourceID != 0 || f.TargetID != 0 {
		w.sub = true
	}
	if f.SourceID != 0 {
		w.add("e.id IN (SELECT event_id FROM event_mentions WHERE source_actor = ?)", f.SourceID)
	}
	if f.TargetID != 0 {
		w.add("e.id IN (SELECT event_id FROM event_mentions WHERE target_actor = ?)", f.TargetID)
	}
	return w, nil
}

// limit appends LIMIT and OFFSET to a query: limit 0 is no limit.
func limit(q string, args []any, limit, offset int) (string, []any) {
	switch {
	case offset > 0:
		if limit <= 0 {
			limit = -1
		}
		return q + " LIMIT ? OFFSET ?", append(args, limit, offset)
	case limit > 0:
		return q + " LIMIT ?", append(args, limit)
	}
	return q, args
}

const eventCols = `e.id, e.day, e.date, e.date_precision, e.source_code, e.target_code,
	coalesce(sa.name, ''), coalesce(sa.country, ''), coalesce(ta.name, ''), coalesce(ta.country, ''),
	e.cameo, e.root, e.name, e.quad_class, e.goldstein, e.symmetric, e.is_root, e.place,
	e.num_mentions, e.num_articles, e.num_sources, e.first_seen, e.last_seen, e.added,
	coalesce(m.trigger, ''), coalesce(nullif(d.url, ''), d.doc_id, ''), coalesce(m.document_id, 0),
	coalesce(m.trigger_start, 0), coalesce(m.trigger_end, 0), coalesce(m.sentence_start, 0), coalesce(m.sentence_end, 0)`

const eventFrom = `
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
		&r.Trigger, &r.URL, &r.DocumentID,
		&r.TriggerSpan.Start, &r.TriggerSpan.End, &r.Sentence.Start, &r.Sentence.End}
	var ev []byte
	if evidence {
		dest = append(dest, &ev)
	}
	err := rows.Scan(dest...)
	r.DatePrecision = parley.Precision(prec)
	r.Evidence = strings.ToValidUTF8(string(ev), "\uFFFD")
	return r, err
}

// The windows Events reads back by day (variables for the tests): first
// the latest probeWindow events; then, when the matches in it say that the
// page lies within maxWindow, as far back as they say.
var probeWindow, maxWindow = 2000, 100_000

// Events returns the events f selects, latest first.
//
// The latest events of a filter that many events meet (a busy country, a
// common code) are found soonest by reading the events backwards by day,
// checking each in the covering index; those of a filter that few meet (a
// rare dyad), through the index of a side or a code, sorting the few. So
// Events counts the matches among the latest events first (a bounded
// read): when they say the page is near, it reads back by day; otherwise
// the planner's plan is the answer.
func (s *DB) Events(ctx context.Context, f store.EventFilter) ([]store.EventRow, error) {
	out := []store.EventRow{}
	collect := func(r store.EventRow) error {
		out = append(out, r)
		return nil
	}
	w, err := s.eventWhere(ctx, f)
	if err != nil || w.none {
		return out, err
	}
	const order = " ORDER BY e.day DESC, e.id DESC"
	if f.Limit > 0 && !w.sub && len(w.conds) > 0 {
		need := f.Limit + f.Offset
		window := probeWindow
		for try := 0; try < 2; try++ {
			win, whole, err := s.window(ctx, f, w, window)
			if err != nil {
				return nil, err
			}
			var n int
			if err := s.queryRow(ctx, "SELECT count(*) FROM (SELECT 1 FROM events e INDEXED BY events_day"+
				win.sql()+" LIMIT ?)", append(append([]any(nil), win.args...), need)...).Scan(&n); err != nil {
				return nil, s.wrap(err)
			}
			if n >= need || whole {
				return out, s.selectEvents(ctx, win, "events_day", true, order, f.Limit, f.Offset, collect)
			}
			// n matches in window events: the page is about need/n windows back.
			next := window * 2 * need / max(n, 1)
			if try == 1 || n == 0 || next > maxWindow {
				break
			}
			window = next
		}
	}
	return out, s.selectEvents(ctx, w, "", true, order, f.Limit, f.Offset, collect)
}

// window is w restricted to the latest n events in f's dates (by day: all
// of the oldest day's); whole tells that the dates hold no more.
func (s *DB) window(ctx context.Context, f store.EventFilter, w *where, n int) (*where, bool, error) {
	dates := &where{}
	if f.Since != "" {
		dates.add("e.day >= ?", f.Since)
	}
	if f.Until != "" {
		dates.add("e.day <= ?", f.Until)
	}
	var floor string
	err := s.queryRow(ctx, "SELECT e.day FROM events e INDEXED BY events_day"+dates.sql()+
		" ORDER BY e.day DESC LIMIT 1 OFFSET ?", append(dates.args, n)...).Scan(&floor)
	whole := errors.Is(err, sql.ErrNoRows)
	if err != nil && !whole {
		return nil, false, s.wrap(err)
	}
	win := w.byDay()
	if !whole {
		// The floor is within the dates: it replaces since, as one
		// bound of the index's range (SQLite seeks by only one).
		win = win.without(sinceCond)
		win.add(sinceCond, floor)
	}
	return win, whole, nil
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
	return s.selectEvents(ctx, w, "", evidence, order, f.Limit, 0, fn)
}

// selectEvents runs the query of the events w selects, through the index
// idx when it is not "".
func (s *DB) selectEvents(ctx context.Context, w *where, idx string, evidence bool, order string, lim, offset int, fn func(store.EventRow) error) error {
	q := "SELECT " + eventCols
	if evidence {
		q += `, CASE WHEN m.sentence_end > m.sentence_start THEN
			substr(CAST(d.text AS BLOB), m.sentence_start + 1, m.sentence_end - m.sentence_start) ELSE '' END`
	}
	q += " FROM events e"
	if idx != "" {
		q += " INDEXED BY " + idx
	}
	q += eventFrom + w.sql() + order
	q, args := limit(q, w.args, lim, offset)
	rows, err := s.query(ctx, q, args...)
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
	if f.SpeakerID != 0 {
		w.add("q.speaker_actor = ?", f.SpeakerID)
	}
	if c := normCode(f.Code); c != "" {
		lo, hi := prefixRange(c)
		w.add("q.speaker_actor IN (SELECT id FROM actors WHERE (code >= ? AND code < ?) OR (country >= ? AND country < ?))", lo, hi, lo, hi)
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
		q.anonymous, q.speaker_text, q.cue, q.text, q.document_id, coalesce(nullif(d.url, ''), d.doc_id), d.title, q.start, q.end` +
		from + ` LEFT JOIN actors a ON a.id = q.speaker_actor JOIN documents d ON d.id = q.document_id` +
		w.sql() + order
	q, args = limit(q, append(args, w.args...), f.Limit, f.Offset)
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, s.wrap(err)
	}
	defer rows.Close()
	out := []store.QuoteRow{}
	for rows.Next() {
		var r store.QuoteRow
		if err := rows.Scan(&r.ID, &r.Published, &r.Speaker, &r.SpeakerID, &r.SpeakerCode, &r.Anonymous,
			&r.SpeakerText, &r.Cue, &r.Text, &r.DocumentID, &r.URL, &r.Title, &r.Span.Start, &r.Span.End); err != nil {
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
		q := namePhrase(f.Name)
		if q == "" {
			return []store.ActorRow{}, nil
		}
		w.add("id IN (SELECT rowid FROM actors_fts WHERE actors_fts MATCH ?)", q)
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
	q, args := limit(q, w.args, f.Limit, f.Offset)
	rows, err := s.query(ctx, q, args...)
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
	return out, s.actorDetails(ctx, out)
}

const maxAliases = 20

// aliasArticles is how many of an actor's latest articles its aliases
// are gathered from.
const aliasArticles = 100

// actorDetails fills in the aliases and titles of actors, a few queries
// for all of them (one each would cost more in calls than in work).
func (s *DB) actorDetails(ctx context.Context, as []store.ActorRow) error {
	const chunk = 50
	for len(as) > 0 {
		n := min(len(as), chunk)
		if err := s.actorChunk(ctx, as[:n]); err != nil {
			return err
		}
		as = as[n:]
	}
	return nil
}

func (s *DB) actorChunk(ctx context.Context, as []store.ActorRow) error {
	at := make(map[int64]*store.ActorRow, len(as))
	for i := range as {
		r := &as[i]
		at[r.ID] = r
		// The names the actor's latest articles give it: an actor in tens
		// of thousands of articles is not read through. (One query for
		// each actor: a union of them all costs more.)
		rows, err := s.query(ctx, `SELECT name, aliases FROM (SELECT name, aliases FROM doc_actors
			WHERE actor_id = ? ORDER BY published DESC LIMIT ?) GROUP BY name, aliases`, r.ID, aliasArticles)
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
	}
	// The titles of all of them at once.
	ids := make([]any, len(as))
	for i := range as {
		ids[i] = as[i].ID
	}
	rows, err := s.query(ctx, `SELECT actor_id, title, coalesce(min(nullif(published, '')), ''), max(published)
		FROM doc_actors WHERE actor_id IN (`+strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")+`) AND title <> ''
		GROUP BY actor_id, title ORDER BY actor_id, 4 DESC, 3 DESC`, ids...)
	if err != nil {
		return s.wrap(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t store.Title
		if err := rows.Scan(&id, &t.Title, &t.First, &t.Last); err != nil {
			return s.wrap(err)
		}
		if r := at[id]; r != nil && len(r.Titles) < 20 {
			r.Titles = append(r.Titles, t)
		}
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
	idx := "events_dyad" // in (source, target) order: grouped as it is read
	switch {
	case f.Since != "" || f.Until != "":
		idx = "events_day"
	case f.Source != "":
		idx = "events_dyad"
	case f.Target != "":
		idx = "events_target"
	}
	scan := w
	if idx == "events_day" {
		scan = w.byDay()
	}
	// Whole calendar months (the pages' periods, the CLI's --since 2025-05
	// --until 2025-05) are read from events_month, in which a month's
	// events stand in (source, target) order: grouped as they are read.
	if first, last, ok := wholeMonths(f.Since, f.Until); ok && f.Code == "" {
		idx = "events_month"
		scan = w.without(sinceCond).without(untilCond).byDay()
		if first == last {
			scan.add("substr(e.day, 1, 7) = ?", first)
		} else {
			scan.add("substr(e.day, 1, 7) >= ? AND substr(e.day, 1, 7) <= ?", first, last)
		}
	}
	if f.Top <= 0 {
		q := `SELECT e.source_code, e.target_code, ` + countCols + ` FROM events e INDEXED BY ` + idx + scan.sql() +
			` GROUP BY e.source_code, e.target_code ORDER BY 3 DESC, 1, 2`
		q, args := limit(q, scan.args, 0, f.Offset)
		return out, s.dyadRows(ctx, q, args, func(r store.DyadRow) { out = append(out, r) })
	}
	// A page of pairs: rank them by their count alone, then count the
	// rest of the page's pairs only, each sought in events_dyad. Ranking
	// with every sum costs twice as much.
	q := `SELECT e.source_code, e.target_code FROM events e INDEXED BY ` + idx + scan.sql() +
		` GROUP BY e.source_code, e.target_code ORDER BY count(*) DESC, 1, 2`
	q, args := limit(q, scan.args, f.Top, f.Offset)
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, s.wrap(err)
	}
	var pairs []string
	var pairArgs []any
	for rows.Next() {
		var src, tgt string
		if err := rows.Scan(&src, &tgt); err != nil {
			rows.Close()
			return nil, s.wrap(err)
		}
		pairs = append(pairs, "(e.source_code = ? AND e.target_code = ?)")
		pairArgs = append(pairArgs, src, tgt)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.wrap(err)
	}
	if len(pairs) == 0 {
		return out, nil
	}
	q = `SELECT e.source_code, e.target_code, ` + countCols + ` FROM events e INDEXED BY events_dyad` + w.sql() +
		` AND (` + strings.Join(pairs, " OR ") + `) GROUP BY e.source_code, e.target_code`
	got := map[[2]string]store.DyadRow{}
	if err := s.dyadRows(ctx, q, append(append([]any(nil), w.args...), pairArgs...), func(r store.DyadRow) {
		got[[2]string{r.SourceCode, r.TargetCode}] = r
	}); err != nil {
		return nil, err
	}
	for i := 0; i < len(pairArgs); i += 2 {
		out = append(out, got[[2]string{pairArgs[i].(string), pairArgs[i+1].(string)}])
	}
	return out, nil
}

func (s *DB) dyadRows(ctx context.Context, q string, args []any, fn func(store.DyadRow)) error {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return s.wrap(err)
	}
	defer rows.Close()
	for rows.Next() {
		var r store.DyadRow
		if err := rows.Scan(&r.SourceCode, &r.TargetCode, &r.Events, &r.Mentions,
			&r.Quad[0], &r.Quad[1], &r.Quad[2], &r.Quad[3], &r.MeanGoldstein); err != nil {
			return s.wrap(err)
		}
		fn(r)
	}
	return s.wrap(rows.Err())
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
		w = w.byDay()
	}
	q := `SELECT ` + period + `, ` + countCols + from + w.sql() + ` GROUP BY 1 ORDER BY 1`
	rows, err := s.query(ctx, q, w.args...)
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
	err := s.queryRow(ctx, `SELECT
		(SELECT count(*) FROM documents), (SELECT count(*) FROM events), (SELECT count(*) FROM event_mentions),
		(SELECT count(*) FROM quotes), (SELECT count(*) FROM actors WHERE num_articles > 0),
		coalesce((SELECT min(day) FROM events WHERE day <> ''), ''), coalesce((SELECT max(day) FROM events), '')`).
		Scan(&st.Documents, &st.Events, &st.Mentions, &st.Quotes, &st.Actors, &st.FirstDay, &st.LastDay)
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
