package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley/store"
	"github.com/parley-events/parley/store/sqlite"
)

// The generated corpus: short wire stories about states, in the forms news
// agencies write, so that extraction finds events and quotes in them.
var (
	genCountries = []string{"Russia", "Ukraine", "France", "Mali", "China", "Brazil", "Iran", "Germany", "Japan", "India", "Turkey", "Egypt"}
	genActs      = []string{
		"%s accused %s of attacking a power plant on %s, the ministry said.",
		"%s imposed sanctions on %s on %s.",
		"%s criticized the government of %s on %s.",
		"%s praised %s on %s for its help with the harvest.",
		"%s urged %s on %s to release the detained journalists.",
	}
	genDays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}
	genSays = []string{"We will not accept any ultimatum", "Our patience has limits", "The talks were useful and frank", "Nobody wants a wider war"}
)

type genArticle struct {
	ID        string `json:"id"`
	URL       string `json:"url,omitempty"`
	Source    string `json:"source,omitempty"`
	Published string `json:"published"`
	Title     string `json:"title"`
	Text      string `json:"text"`
}

// genCorpus writes n generated articles as JSON Lines and returns the path.
// Every tenth article has no URL (its identity is its text's hash); sites
// repeat, so that events are reported by several articles and sites.
func genCorpus(t testing.TB, dir string, n int, seed int64) string {
	t.Helper()
	r := rand.New(rand.NewSource(seed))
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	start := time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		pub := start.AddDate(0, 0, r.Intn(20))
		var text []string
		for k := 0; k < 2+r.Intn(3); k++ {
			a, c := genCountries[r.Intn(len(genCountries))], genCountries[r.Intn(len(genCountries))]
			if a == c {
				continue
			}
			text = append(text, fmt.Sprintf(genActs[r.Intn(len(genActs))], a, c, genDays[r.Intn(len(genDays))]))
		}
		text = append(text, fmt.Sprintf("\"%s,\" a senior %s official said.", genSays[r.Intn(len(genSays))],
			strings.TrimSuffix(genCountries[r.Intn(4)], "a")+"n"))
		text = append(text, fmt.Sprintf("Story number %d.", i))
		a := genArticle{ID: fmt.Sprintf("g%d", i), Published: pub.Format("2006-01-02"),
			Title: fmt.Sprintf("Story %d", i), Text: strings.Join(text, "\n\n")}
		if i%10 != 9 {
			a.URL = fmt.Sprintf("https://site%d.example/news/%d", i%4, i)
		} else {
			a.Source = "Wire"
		}
		enc.Encode(a)
	}
	path := filepath.Join(dir, "corpus.jsonl")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func runCmd(t testing.TB, fn func(args []string, stdout, stderr *bytes.Buffer) int, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := fn(args, &out, &errb)
	return code, out.String(), errb.String()
}

func ingest(args []string, stdout, stderr *bytes.Buffer) int { return runIngest(args, stdout, stderr) }

// dbCounts reads, per document key, how many event mentions, quotes and
// actor links the store holds, and checks the event counts agree.
func dbCounts(t testing.TB, path string) map[string][3]int {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var tables int
	if err := db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'documents'").Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if tables == 0 {
		return map[string][3]int{} // killed before the schema was made
	}
	rows, err := db.Query(`SELECT d.key,
		(SELECT count(*) FROM event_mentions WHERE document_id = d.id),
		(SELECT count(*) FROM quotes WHERE document_id = d.id),
		(SELECT count(*) FROM doc_actors WHERE document_id = d.id)
		FROM documents d`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string][3]int{}
	for rows.Next() {
		var k string
		var c [3]int
		if err := rows.Scan(&k, &c[0], &c[1], &c[2]); err != nil {
			t.Fatal(err)
		}
		if _, dup := out[k]; dup {
			t.Errorf("document %s stored twice", k)
		}
		out[k] = c
	}
	var bad int
	if err := db.QueryRow(`SELECT count(*) FROM events e WHERE num_mentions <> (SELECT count(*) FROM event_mentions WHERE event_id = e.id)
		OR num_mentions = 0`).Scan(&bad); err != nil || bad != 0 {
		t.Errorf("%d events whose counts disagree with their mentions (%v)", bad, err)
	}
	var orphans int
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM event_mentions WHERE document_id NOT IN (SELECT id FROM documents))
		+ (SELECT count(*) FROM quotes WHERE document_id NOT IN (SELECT id FROM documents))
		+ (SELECT count(*) FROM doc_actors WHERE document_id NOT IN (SELECT id FROM documents))`).Scan(&orphans); err != nil || orphans != 0 {
		t.Errorf("%d records without their document (%v)", orphans, err)
	}
	var check string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity check: %s %v", check, err)
	}
	return out
}

func TestIngestTwiceAddsNothing(t *testing.T) {
	dir := t.TempDir()
	corpus := genCorpus(t, dir, 30, 1)
	db := filepath.Join(dir, "p.db")
	code, _, stderr := runCmd(t, ingest, "--db", db, corpus)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "30 documents") || !strings.Contains(stderr, "30 added") {
		t.Errorf("summary: %s", stderr)
	}
	first := dbCounts(t, db)
	if len(first) != 30 {
		t.Fatalf("%d documents, want 30", len(first))
	}
	events := 0
	for _, c := range first {
		events += c[0]
	}
	if events == 0 {
		t.Fatal("no events extracted from the generated corpus")
	}
	code, _, stderr = runCmd(t, ingest, "--db", db, corpus, corpus)
	if code != 0 || !strings.Contains(stderr, "0 added") || !strings.Contains(stderr, "60 unchanged") {
		t.Errorf("second ingest: exit %d: %s", code, stderr)
	}
	second := dbCounts(t, db)
	if fmt.Sprint(first) != fmt.Sprint(second) {
		t.Error("the second ingest changed the store")
	}
}

func TestIngestBadInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.Mkdir(in, 0o755)
	genCorpus(t, in, 5, 2)
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(in, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("binary.bin", []byte("\x00\x01\x02\x03ELF\x00\x00\x00binary\x00"))
	write("latin1.txt", []byte("Le pr\xe9sident fran\xe7ais a critiqu\xe9 la Russie mardi.\n"))
	write("broken.xml", []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>A</title><description>Russia accused Ukraine`))
	write("truncated.warc", []byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5000\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<html><body><p>Russia"))
	write("lines.jsonl", []byte(`{"id":"ok","url":"https://x.example/ok","text":"France praised Brazil on Monday."}`+"\n"+`{"id":"bad", "text": `+"\n"))
	db := filepath.Join(dir, "p.db")
	code, _, stderr := runCmd(t, ingest, "--db", db, in)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, name := range []string{"binary.bin", "broken.xml", "truncated.warc", "lines.jsonl: line 2"} {
		if !strings.Contains(stderr, name) {
			t.Errorf("stderr does not name %s:\n%s", name, stderr)
		}
	}
	counts := dbCounts(t, db)
	// The five generated articles, the JSON line that parses and the Latin-1 file (repaired) are stored.
	if len(counts) < 7 {
		t.Errorf("%d documents stored, want at least 7:\n%s", len(counts), stderr)
	}
	if _, ok := counts["https://x.example/ok"]; !ok {
		t.Error("the good line of a file with a bad line was lost")
	}
}

func TestIngestLockedOrCorruptStore(t *testing.T) {
	dir := t.TempDir()
	corpus := genCorpus(t, dir, 5, 3)

	notDB := filepath.Join(dir, "notes.db")
	os.WriteFile(notDB, []byte("my notes, not a database\n"), 0o644)
	code, _, stderr := runCmd(t, ingest, "--db", notDB, corpus)
	if code != 1 || !strings.Contains(stderr, "not a Parley store") {
		t.Errorf("a text file as store: exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(notDB); string(b) != "my notes, not a database\n" {
		t.Error("the file was changed")
	}

	db := filepath.Join(dir, "p.db")
	s, err := sqlite.Open(db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	other, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCmd(t, ingest, "--db", db, "--wait", "50ms", corpus)
	if code != 1 || !strings.Contains(stderr, "locked") || !strings.Contains(stderr, "again") {
		t.Errorf("locked store: exit %d: %s", code, stderr)
	}
	conn.ExecContext(context.Background(), "ROLLBACK")
	code, _, stderr = runCmd(t, ingest, "--db", db, corpus)
	if code != 0 {
		t.Fatalf("after the lock: exit %d: %s", code, stderr)
	}
	if n := len(dbCounts(t, db)); n != 5 {
		t.Errorf("%d documents after the lock, want 5", n)
	}

	code, _, stderr = runCmd(t, events, "--db", filepath.Join(dir, "absent.db"))
	if code != 1 || !strings.Contains(stderr, "parley ingest first") {
		t.Errorf("query of an absent store: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "absent.db")); err == nil {
		t.Error("a query created a store")
	}
}

func events(args []string, stdout, stderr *bytes.Buffer) int { return runEvents(args, stdout, stderr) }

func TestChangedArticleReplacedOnIngest(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	v1 := filepath.Join(dir, "v1.jsonl")
	v2 := filepath.Join(dir, "v2.jsonl")
	os.WriteFile(v1, []byte(`{"id":"1","url":"https://x.example/1","published":"2025-05-12","text":"Russia accused Ukraine of attacking a power plant on Sunday, the ministry said."}`+"\n"), 0o644)
	os.WriteFile(v2, []byte(`{"id":"1","url":"https://x.example/1","published":"2025-05-12","text":"France imposed sanctions on Iran on Monday."}`+"\n"), 0o644)
	for _, f := range []string{v1, v2} {
		if code, _, stderr := runCmd(t, ingest, "--db", db, f); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	}
	_, out, _ := runCmd(t, events, "--db", db, "--format", "jsonl")
	if strings.Contains(out, `"RUS"`) || !strings.Contains(out, `"source_code":"FRA"`) {
		t.Errorf("events after the change:\n%s", out)
	}
	if n := len(dbCounts(t, db)); n != 1 {
		t.Errorf("%d documents, want 1", n)
	}
}

// ingested stores a generated corpus for the query command tests.
func ingested(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	if code, _, stderr := runCmd(t, ingest, "--db", db, genCorpus(t, dir, 40, 4)); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	return db
}

func TestQueryCommands(t *testing.T) {
	db := ingested(t)
	s, err := sqlite.Open(db, sqlite.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	all, err := s.Events(context.Background(), store.EventFilter{})
	s.Close()
	if err != nil || len(all) == 0 {
		t.Fatalf("%d events, %v", len(all), err)
	}
	e := all[0]
	cmd := func(fn func([]string, *bytes.Buffer, *bytes.Buffer) int, args ...string) string {
		t.Helper()
		code, out, stderr := runCmd(t, fn, append([]string{"--db", db}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		return out
	}
	quotes := func(a []string, o, e *bytes.Buffer) int { return runQuotes(a, o, e) }
	actors := func(a []string, o, e *bytes.Buffer) int { return runActors(a, o, e) }
	dyads := func(a []string, o, e *bytes.Buffer) int { return runDyads(a, o, e) }
	timeline := func(a []string, o, e *bytes.Buffer) int { return runTimeline(a, o, e) }

	// Table, CSV, JSON and JSON Lines say the same.
	table := cmd(events, "--source", e.SourceCode, "--target", e.TargetCode)
	if !strings.HasPrefix(table, "ID ") || !strings.Contains(table, e.CAMEO) {
		t.Errorf("table:\n%s", table)
	}
	csvOut := cmd(events, "--source", e.SourceCode, "--target", e.TargetCode, "--format", "csv")
	if !strings.HasPrefix(csvOut, "id,day,date,") || !strings.Contains(csvOut, ","+e.SourceCode+",") {
		t.Errorf("csv:\n%s", csvOut)
	}
	var arr []store.EventRow
	if err := json.Unmarshal([]byte(cmd(events, "--source", e.SourceCode, "--target", e.TargetCode, "--format", "json")), &arr); err != nil || len(arr) == 0 {
		t.Errorf("json: %v %d", err, len(arr))
	}
	lines := strings.Split(strings.TrimSpace(cmd(events, "--source", e.SourceCode, "--target", e.TargetCode, "--format", "jsonl")), "\n")
	if len(lines) != len(arr) || len(strings.Split(strings.TrimSpace(csvOut), "\n")) != len(arr)+1 {
		t.Errorf("json %d rows, jsonl %d, csv %d lines", len(arr), len(lines), len(strings.Split(csvOut, "\n")))
	}
	if out := cmd(events, "--quad", "4", "--format", "jsonl", "--limit", "0"); strings.Contains(out, `"quad_class":1`) {
		t.Error("--quad 4 lets other classes through")
	}
	if out := cmd(events, "--since", "2099", "--format", "csv"); strings.Count(out, "\n") != 1 {
		t.Errorf("--since 2099: %s", out)
	}
	if out := cmd(events, "--text", "harvest", "--format", "jsonl", "--limit", "0"); out == "" {
		t.Error("--text harvest finds nothing")
	}
	if out := cmd(quotes, "--anonymous", "--format", "jsonl"); !strings.Contains(out, `"anonymous":true`) {
		t.Errorf("anonymous quotes:\n%s", out)
	}
	if out := cmd(quotes, "--text", "patience limits"); !strings.Contains(out, "Our patience has limits") {
		t.Errorf("quote search:\n%s", out)
	}
	if out := cmd(actors, "--code", "RUS"); !strings.Contains(out, "Russia") {
		t.Errorf("actors --code RUS:\n%s", out)
	}
	if out := cmd(dyads, "--top", "3", "--format", "csv"); strings.Count(out, "\n") != 4 {
		t.Errorf("dyads --top 3:\n%s", out)
	}
	// The timeline of a dyad counts what dyads counts for it.
	var ds []store.DyadRow
	json.Unmarshal([]byte(cmd(dyads, "--top", "1", "--format", "json")), &ds)
	var tl []store.TimelineRow
	json.Unmarshal([]byte(cmd(timeline, ds[0].SourceCode, ds[0].TargetCode, "--by", "week", "--format", "json")), &tl)
	sum := 0
	for _, r := range tl {
		sum += r.Events
	}
	if len(ds) != 1 || sum != ds[0].Events {
		t.Errorf("timeline of %+v sums to %d", ds, sum)
	}
	if out := cmd(timeline, ds[0].SourceCode, ds[0].TargetCode); !strings.Contains(out, "█") {
		t.Errorf("timeline table:\n%s", out)
	}

	for _, bad := range [][]string{{"--format", "xml"}, {"--quad", "5"}, {"--since", "May"}, {"--code", "abc"}, {"extra"}} {
		if code, _, _ := runCmd(t, events, append([]string{"--db", db}, bad...)...); code == 0 {
			t.Errorf("events %v: exit 0", bad)
		}
	}
}

func TestExportGDELT(t *testing.T) {
	db := ingested(t)
	export := func(a []string, o, e *bytes.Buffer) int { return runExport(a, o, e) }
	code, out, stderr := runCmd(t, export, "--db", db)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	s, _ := sqlite.Open(db, sqlite.Options{MustExist: true})
	st, _ := s.Stats(context.Background())
	evs, _ := s.Events(context.Background(), store.EventFilter{})
	s.Close()
	if len(lines) != st.Events {
		t.Fatalf("%d lines, %d events", len(lines), st.Events)
	}
	col := func(row []string, name string) string { return row[gdeltIndex[name]] }
	byID := map[string][]string{}
	for _, l := range lines {
		row := strings.Split(l, "\t")
		if len(row) != 61 {
			t.Fatalf("%d columns, want 61: %q", len(row), l)
		}
		byID[row[0]] = row
	}
	for _, e := range evs {
		row := byID[fmt.Sprint(e.ID)]
		want := map[string]string{
			"Day": strings.ReplaceAll(e.Day, "-", ""), "MonthYear": strings.ReplaceAll(e.Day, "-", "")[:6], "Year": e.Day[:4],
			"Actor1Code": e.SourceCode, "Actor2Code": e.TargetCode, "Actor1Name": strings.ToUpper(e.SourceName),
			"EventCode": e.CAMEO, "EventBaseCode": e.CAMEO[:3], "EventRootCode": e.CAMEO[:2],
			"QuadClass": fmt.Sprint(e.QuadClass), "NumMentions": fmt.Sprint(e.NumMentions),
			"NumSources": fmt.Sprint(e.NumSources), "NumArticles": fmt.Sprint(e.NumArticles), "SOURCEURL": e.URL,
			"AvgTone": "", "Actor1Geo_Lat": "",
		}
		for name, v := range want {
			if got := col(row, name); got != v {
				t.Errorf("event %d: %s = %q, want %q", e.ID, name, got, v)
			}
		}
		if len(col(row, "DATEADDED")) != 14 || !strings.HasPrefix(col(row, "FractionDate"), e.Day[:4]+".") {
			t.Errorf("event %d: DATEADDED %q FractionDate %q", e.ID, col(row, "DATEADDED"), col(row, "FractionDate"))
		}
	}
	code, out, _ = runCmd(t, export, "--db", db, "--format", "csv")
	if code != 0 || !strings.HasPrefix(out, "GlobalEventID,Day,MonthYear,Year,FractionDate,Actor1Code,") {
		t.Errorf("csv export: %.200s", out)
	}
}

// eventCounts maps each event's key to its mention, article and source counts.
func eventCounts(t testing.TB, path string) map[string][3]int {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT key, num_mentions, num_articles, num_sources FROM events")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string][3]int{}
	for rows.Next() {
		var k string
		var c [3]int
		if err := rows.Scan(&k, &c[0], &c[1], &c[2]); err != nil {
			t.Fatal(err)
		}
		out[k] = c
	}
	return out
}
