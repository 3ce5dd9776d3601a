package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/store"
)

// Put stores one document with all its records in one transaction.
func (s *DB) Put(ctx context.Context, doc parley.Document, res parley.Result) (store.PutResult, error) {
	rs, err := s.PutBatch(ctx, []store.Item{{Doc: doc, Res: res}})
	if err != nil {
		return store.PutResult{}, err
	}
	return rs[0], rs[0].Err
}

// PutBatch stores documents in one transaction. A document whose records
// cannot be written is named in its PutResult and the others are kept: the
// batch is then written again one transaction per document. An error that
// stops the store (locked, corrupt, disk full) is returned, and nothing of
// the batch is stored.
//
// No savepoint is taken per document: FTS5 writes its pending index to disk
// at every savepoint, which would make a batch several times slower.
func (s *DB) PutBatch(ctx context.Context, items []store.Item) ([]store.PutResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out, bad, err := s.putTx(ctx, items)
	if err != nil || bad < 0 {
		return out, err
	}
	// A document failed: its batch was rolled back. Store each alone.
	out = make([]store.PutResult, len(items))
	for i := range items {
		rs, bad, err := s.putTx(ctx, items[i:i+1])
		if err != nil {
			return nil, err
		}
		if bad >= 0 {
			out[i] = store.PutResult{Err: rs[0].Err}
			continue
		}
		out[i] = rs[0]
	}
	return out, nil
}

// putTx writes items in one transaction. When a document's records cannot
// be written it rolls back and returns that document's index (else -1),
// with the document's error in its result.
func (s *DB) putTx(ctx context.Context, items []store.Item) ([]store.PutResult, int, error) {
	tx, err := s.db.BeginTx(ctx, nil) // BEGIN IMMEDIATE (_txlock)
	if err != nil {
		return nil, -1, s.wrap(err)
	}
	defer tx.Rollback()
	w := &writer{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}, now: s.now().UTC(), actors: map[string]int64{}}
	defer w.close()
	out := make([]store.PutResult, len(items))
	for i, it := range items {
		r, err := w.put(it.Doc, it.Res)
		if err != nil {
			if fatal(err) {
				return nil, -1, s.wrap(err)
			}
			out[i] = store.PutResult{Err: err}
			return out, i, nil
		}
		out[i] = r
	}
	if err := tx.Commit(); err != nil {
		return nil, -1, s.wrap(err)
	}
	return out, -1, nil
}

// Known reports whether the same document with the same content is stored.
func (s *DB) Known(ctx context.Context, doc parley.Document) (bool, error) {
	var hash string
	err := s.queryRow(ctx, "SELECT hash FROM documents WHERE key = ?", store.DocKey(doc)).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, s.wrap(err)
	}
	return hash == store.ContentHash(doc), nil
}

// writer writes within one transaction, with its statements prepared once.
type writer struct {
	ctx   context.Context
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	now   time.Time
	// actors caches merge keys of countries and organisations seen in this
	// transaction (a person's match depends on countries: not cached). The
	// writer lives as long as its transaction, so a rollback forgets it too.
	actors map[string]int64
}

func (w *writer) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

func (w *writer) stmt(q string) (*sql.Stmt, error) {
	if st, ok := w.stmts[q]; ok {
		return st, nil
	}
	st, err := w.tx.PrepareContext(w.ctx, q)
	if err != nil {
		return nil, err
	}
	w.stmts[q] = st
	return st, nil
}

func (w *writer) exec(q string, args ...any) (sql.Result, error) {
	st, err := w.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(w.ctx, args...)
}

func (w *writer) queryRow(q string, args ...any) (*sql.Row, error) {
	st, err := w.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.QueryRowContext(w.ctx, args...), nil
}

func (w *writer) ids(q string, args ...any) ([]int64, error) {
	st, err := w.stmt(q)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(w.ctx, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// local is an article's actor with the store's actor it was merged into.
type local struct {
	id      int64
	code    string
	country string
}

func (w *writer) put(doc parley.Document, res parley.Result) (store.PutResult, error) {
	key := store.DocKey(doc)
	hash := store.ContentHash(doc)
	r := store.PutResult{Status: store.Added}
	row, err := w.queryRow("SELECT id, hash FROM documents WHERE key = ?", key)
	if err != nil {
		return r, err
	}
	var oldID int64
	var oldHash string
	switch err := row.Scan(&oldID, &oldHash); {
	case err == nil && oldHash == hash:
		return store.PutResult{Status: store.Unchanged, DocID: oldID}, nil
	case err == nil:
		if err := w.deleteDoc(oldID); err != nil {
			return r, fmt.Errorf("removing the old version: %w", err)
		}
		r.Status = store.Replaced
	case !errors.Is(err, sql.ErrNoRows):
		return r, err
	}

	pub := published(doc, res)
	site := store.Site(doc)
	added := w.now.Format(time.RFC3339)
	leadEnd := leadEnd(doc.Text)
	docID := doc.ID
	if docID == "" {
		docID = res.ID
	}
	dates := []byte("[]")
	if len(res.Dates) > 0 {
		dates, _ = json.Marshal(res.Dates)
	}
	ins, err := w.exec(`INSERT INTO documents (key, hash, doc_id, url, source, site, title, published, lead_end, text, added, dates)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		key, hash, docID, strings.TrimSpace(doc.URL), doc.Source, site, doc.Title, pub, leadEnd, doc.Text, added, string(dates))
	if err != nil {
		return r, err
	}
	if r.DocID, err = ins.LastInsertId(); err != nil {
		return r, err
	}
	if _, err := w.exec("INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)", r.DocID, doc.Title, doc.Text); err != nil {
		return r, err
	}

	// Actors: each article actor merged into one across articles.
	locals := make(map[string]local, len(res.Actors))
	type tally struct {
		mentions      int
		code, country string
	}
	seen := map[int64]*tally{}
	var order []int64
	links := make([][]any, 0, len(res.Actors))
	for _, a := range res.Actors {
		gid, err := w.resolveActor(a, key)
		if err != nil {
			return r, fmt.Errorf("actor %s: %w", a.ID, err)
		}
		locals[a.ID] = local{id: gid, code: a.Code, country: a.Country}
		aliases, _ := json.Marshal(nonNil(a.Aliases))
		mentions, _ := json.Marshal(nonNilMentions(a.Mentions))
		links = append(links, []any{r.DocID, a.ID, gid, a.Name, a.Title, a.Code, a.Country, string(aliases), string(mentions), len(a.Mentions), pub})
		t := seen[gid]
		if t == nil {
			t = &tally{}
			seen[gid] = t
			order = append(order, gid)
		}
		t.mentions += len(a.Mentions)
		if t.code == "" {
			t.code = a.Code
		}
		if t.country == "" {
			t.country = a.Country
		}
	}
	if err := w.insertRows("doc_actors", docActorCols, links); err != nil {
		return r, err
	}
	for _, gid := range order {
		t := seen[gid]
		if _, err := w.exec(`UPDATE actors SET num_articles = num_articles + 1, num_mentions = num_mentions + ?2,
			first_seen = CASE WHEN ?3 = '' THEN first_seen WHEN first_seen = '' OR ?3 < first_seen THEN ?3 ELSE first_seen END,
			last_seen = CASE WHEN ?3 > last_seen THEN ?3 ELSE last_seen END,
			code = CASE WHEN code = '' THEN ?4 ELSE code END,
			country = CASE WHEN country = '' THEN ?5 ELSE country END
			WHERE id = ?1`, gid, t.mentions, pub, t.code, t.country); err != nil {
			return r, err
		}
	}
	r.Actors = len(order)

	// Quotes.
	for _, q := range res.Quotes {
		var speaker any
		if q.Speaker != nil {
			if l, ok := locals[*q.Speaker]; ok {
				speaker = l.id
			}
		}
		var spStart, spEnd, cueStart, cueEnd any
		if q.SpeakerSpan != nil {
			spStart, spEnd = q.SpeakerSpan.Start, q.SpeakerSpan.End
		}
		if q.CueSpan != nil {
			cueStart, cueEnd = q.CueSpan.Start, q.CueSpan.End
		}
		res, err := w.exec(`INSERT INTO quotes (document_id, published, speaker_actor, anonymous, speaker_text, cue, start, end, text,
			speaker_start, speaker_end, cue_start, cue_end)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			r.DocID, pub, speaker, q.Anonymous, q.SpeakerText, q.Cue, q.Span.Start, q.Span.End, q.Text,
			spStart, spEnd, cueStart, cueEnd)
		if err != nil {
			return r, err
		}
		qid, err := res.LastInsertId()
		if err != nil {
			return r, err
		}
		if _, err := w.exec("INSERT INTO quotes_fts (rowid, text) VALUES (?, ?)", qid, q.Text); err != nil {
			return r, err
		}
	}
	r.Quotes = len(res.Quotes)

	// Events: the article's reports grouped by what act they report, then
	// each group joined to the event the store knows or made a new one.
	type group struct {
		key string
		evs []parley.Event
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, e := range res.Events {
		src := side(e.SourceCode, locals[e.Source])
		tgt := side(e.TargetCode, locals[e.Target])
		k := store.EventKey(src, tgt, e.CAMEO, e.Date, e.Symmetric, key)
		g := byKey[k]
		if g == nil {
			g = &group{key: k}
			byKey[k] = g
			groups = append(groups, g)
		}
		g.evs = append(g.evs, e)
	}
	var mentionRows [][]any
	var recount []int64
	for _, g := range groups {
		// A new event is made with the counts of this article's mentions;
		// a known one is counted again from all its mentions.
		e := g.evs[0]
		root := 0
		for _, x := range g.evs {
			if x.Sentence.Start < leadEnd {
				root = 1
			}
		}
		res, err := w.exec(`INSERT INTO events (key, day, date, date_precision, source_code, target_code,
			source_actor, target_actor, cameo, root, name, quad_class, goldstein, symmetric, place, is_root,
			num_mentions, num_articles, num_sources, first_seen, last_seen, added)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?, ?, ?)
			ON CONFLICT (key) DO NOTHING`,
			g.key, store.EventDay(e.Date, pub), e.Date, string(e.DatePrecision), e.SourceCode, e.TargetCode,
			actorRef(locals, e.Source), actorRef(locals, e.Target), e.CAMEO, e.Root, e.Name, e.QuadClass, e.Goldstein,
			e.Symmetric, e.Place, root, len(g.evs), pub, pub, added)
		if err != nil {
			return r, err
		}
		var evID int64
		isNew := false
		if n, err := res.RowsAffected(); err != nil {
			return r, err
		} else if n == 1 {
			isNew = true
			if evID, err = res.LastInsertId(); err != nil {
				return r, err
			}
			r.NewEvents++
		} else {
			row, err := w.queryRow("SELECT id FROM events WHERE key = ?", g.key)
			if err != nil {
				return r, err
			}
			if err := row.Scan(&evID); err != nil {
				return r, err
			}
		}
		for _, e := range g.evs {
			root := 0
			if e.Sentence.Start < leadEnd {
				root = 1
			}
			mentionRows = append(mentionRows, []any{evID, r.DocID, site, pub, actorRef(locals, e.Source), actorRef(locals, e.Target),
				e.SourcePerson, e.TargetPerson, e.Trigger, e.TriggerSpan.Start, e.TriggerSpan.End,
				e.Sentence.Start, e.Sentence.End, root, e.Place})
		}
		if !isNew {
			recount = append(recount, evID)
		}
		r.Events += len(g.evs)
	}
	if err := w.insertRows("event_mentions", mentionCols, mentionRows); err != nil {
		return r, err
	}
	for _, id := range recount {
		if err := w.recountEvent(id); err != nil {
			return r, err
		}
	}
	return r, nil
}

var (
	docActorCols = []string{"document_id", "local_id", "actor_id", "name", "title", "code", "country", "aliases",
		"mentions", "num_mentions", "published"}
	mentionCols = []string{"event_id", "document_id", "site", "seen", "source_actor", "target_actor", "source_person",
		"target_person", "trigger", "trigger_start", "trigger_end", "sentence_start", "sentence_end", "is_root", "place"}
)

// insertRows inserts rows with multi-row INSERT statements, 32 rows at a
// time: one statement instead of one a row.
func (w *writer) insertRows(table string, cols []string, rows [][]any) error {
	const chunk = 32
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	for len(rows) > 0 {
		n := min(len(rows), chunk)
		q := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES " +
			strings.TrimSuffix(strings.Repeat(one+", ", n), ", ")
		args := make([]any, 0, n*len(cols))
		for _, r := range rows[:n] {
			args = append(args, r...)
		}
		if _, err := w.exec(q, args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// side is what an event key names a side by: its code, or the actor
// across articles when the side has no code.
func side(code string, l local) string {
	if code != "" {
		return code
	}
	if l.id != 0 {
		return fmt.Sprintf("@%d", l.id)
	}
	return ""
}

func actorRef(locals map[string]local, id string) any {
	if l, ok := locals[id]; ok && l.id != 0 {
		return l.id
	}
	return nil
}

// recountEvent makes an event's counts and first mention agree with its
// mentions again.
func (w *writer) recountEvent(id int64) error {
	_, err := w.exec(`UPDATE events SET
		num_mentions = (SELECT count(*) FROM event_mentions WHERE event_id = ?1),
		num_articles = (SELECT count(DISTINCT document_id) FROM event_mentions WHERE event_id = ?1),
		num_sources  = (SELECT count(DISTINCT site) FROM event_mentions WHERE event_id = ?1),
		first_seen   = (SELECT coalesce(min(nullif(seen, '')), '') FROM event_mentions WHERE event_id = ?1),
		last_seen    = (SELECT coalesce(max(seen), '') FROM event_mentions WHERE event_id = ?1),
		is_root      = (SELECT coalesce(max(is_root), 0) FROM event_mentions WHERE event_id = ?1),
		source_actor = (SELECT source_actor FROM event_mentions WHERE event_id = ?1 ORDER BY id LIMIT 1),
		target_actor = (SELECT target_actor FROM event_mentions WHERE event_id = ?1 ORDER BY id LIMIT 1)
		WHERE id = ?1`, id)
	return err
}

// deleteDoc removes a document and every record read in it, and brings the
// events and actors it contributed to back to what the other articles say.
func (w *writer) deleteDoc(id int64) error {
	clear(w.actors) // actors only this document named are deleted below
	evs, err := w.ids("SELECT DISTINCT event_id FROM event_mentions WHERE document_id = ?", id)
	if err != nil {
		return err
	}
	if _, err := w.exec("DELETE FROM event_mentions WHERE document_id = ?", id); err != nil {
		return err
	}
	for _, ev := range evs {
		if err := w.recountEvent(ev); err != nil {
			return err
		}
		if _, err := w.exec("DELETE FROM events WHERE id = ? AND num_mentions = 0", ev); err != nil {
			return err
		}
	}
	if _, err := w.exec(`INSERT INTO quotes_fts (quotes_fts, rowid, text)
		SELECT 'delete', id, text FROM quotes WHERE document_id = ?`, id); err != nil {
		return err
	}
	if _, err := w.exec("DELETE FROM quotes WHERE document_id = ?", id); err != nil {
		return err
	}
	acts, err := w.ids("SELECT DISTINCT actor_id FROM doc_actors WHERE document_id = ?", id)
	if err != nil {
		return err
	}
	if _, err := w.exec("DELETE FROM doc_actors WHERE document_id = ?", id); err != nil {
		return err
	}
	for _, a := range acts {
		if _, err := w.exec(`UPDATE actors SET
			num_articles = (SELECT count(*) FROM doc_actors WHERE actor_id = ?1),
			num_mentions = (SELECT coalesce(sum(num_mentions), 0) FROM doc_actors WHERE actor_id = ?1),
			first_seen = (SELECT coalesce(min(nullif(published, '')), '') FROM doc_actors WHERE actor_id = ?1),
			last_seen = (SELECT coalesce(max(published), '') FROM doc_actors WHERE actor_id = ?1)
			WHERE id = ?1`, a); err != nil {
			return err
		}
		if _, err := w.exec(`INSERT INTO actors_fts (actors_fts, rowid, norm)
			SELECT 'delete', id, norm FROM actors WHERE id = ? AND num_articles = 0`, a); err != nil {
			return err
		}
		if _, err := w.exec("DELETE FROM actors WHERE id = ? AND num_articles = 0", a); err != nil {
			return err
		}
	}
	if _, err := w.exec(`INSERT INTO documents_fts (documents_fts, rowid, title, text)
		SELECT 'delete', id, title, text FROM documents WHERE id = ?`, id); err != nil {
		return err
	}
	_, err = w.exec("DELETE FROM documents WHERE id = ?", id)
	return err
}

// resolveActor finds the actor across articles that an article's actor is,
// or makes it. Countries are one by code; organisations and groups by code
// and name; persons by full name when their countries do not conflict (a
// person whose country was unknown takes the country of the first article
// that gives one). A one-word person name stays within its article.
func (w *writer) resolveActor(a parley.Actor, docKey string) (int64, error) {
	n := store.NormName(a.Name)
	var mk string
	switch a.Kind {
	case parley.KindCountry:
		if a.Code != "" {
			mk = "country|" + a.Code
		} else {
			mk = "country||" + n
		}
	case parley.KindPerson:
		if strings.IndexByte(n, ' ') > 0 {
			return w.resolvePerson(a, n)
		}
		mk = "person1|" + docKey + "|" + a.ID
	default:
		mk = string(a.Kind) + "|" + a.Code + "|" + n
	}
	if id, ok := w.actors[mk]; ok {
		return id, nil
	}
	row, err := w.queryRow("SELECT id FROM actors WHERE merge_key = ? ORDER BY id LIMIT 1", mk)
	if err != nil {
		return 0, err
	}
	var id int64
	switch err := row.Scan(&id); {
	case errors.Is(err, sql.ErrNoRows):
		if id, err = w.newActor(a, n, mk); err != nil {
			return 0, err
		}
	case err != nil:
		return 0, err
	}
	w.actors[mk] = id
	return id, nil
}

func (w *writer) resolvePerson(a parley.Actor, n string) (int64, error) {
	mk := "person|" + n
	st, err := w.stmt("SELECT id, country FROM actors WHERE merge_key = ? ORDER BY id")
	if err != nil {
		return 0, err
	}
	rows, err := st.QueryContext(w.ctx, mk)
	if err != nil {
		return 0, err
	}
	type cand struct {
		id      int64
		country string
	}
	var cands []cand
	for rows.Next() {
		var c cand
		if err := rows.Scan(&c.id, &c.country); err != nil {
			rows.Close()
			return 0, err
		}
		cands = append(cands, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	var same, blank int64
	for _, c := range cands {
		if same == 0 && a.Country != "" && c.country == a.Country {
			same = c.id
		}
		if blank == 0 && c.country == "" {
			blank = c.id
		}
	}
	switch {
	case same != 0:
		return same, nil
	case a.Country == "" && len(cands) == 1:
		return cands[0].id, nil
	case blank != 0:
		return blank, nil // the country, if given, is filled in by the caller
	}
	return w.newActor(a, n, mk)
}

func (w *writer) newActor(a parley.Actor, n, mk string) (int64, error) {
	res, err := w.exec(`INSERT INTO actors (kind, name, norm, merge_key, code, country) VALUES (?, ?, ?, ?, ?, ?)`,
		string(a.Kind), a.Name, n, mk, a.Code, a.Country)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	_, err = w.exec("INSERT INTO actors_fts (rowid, norm) VALUES (?, ?)", id, n)
	return id, err
}

// published is the document's publication date as YYYY-MM-DD, or "".
func published(doc parley.Document, res parley.Result) string {
	for _, p := range []string{res.Published, doc.Published} {
		if len(p) >= 10 && p[4] == '-' && p[7] == '-' {
			return p[:10]
		}
	}
	return ""
}

// leadEnd is the byte offset where the first paragraph ends: events
// reported before it are "root" events, as GDELT marks them.
func leadEnd(text string) int {
	t := strings.TrimLeft(text, " \t\r\n")
	start := len(text) - len(t)
	if i := strings.IndexByte(t, '\n'); i >= 0 {
		return start + i
	}
	return len(text)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilMentions(m []parley.Mention) []parley.Mention {
	if m == nil {
		return []parley.Mention{}
	}
	return m
}
