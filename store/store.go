// Package store keeps what Parley read across many articles: documents with
// their actors, quotes and events, one actor and one event across articles,
// and the queries analysts ask of them (events, quotes, actors, dyads,
// timelines). It holds the interface and the query types only; an
// implementation lives in a sub-package (store/sqlite) so that callers do
// not depend on a driver.
//
// Identity rules every implementation follows:
//
//   - A document is known by its URL when it has one, else by the SHA-256 of
//     its text (DocKey). Storing the same document again adds nothing; a
//     changed document at a known URL replaces its old records.
//   - A document is stored with all its records at once, or not at all.
//   - One actor across articles: countries by code; organisations and groups
//     by code and normalised name; persons by normalised full name (two words
//     or more) when their countries do not conflict. A one-word person name is
//     kept within its article.
//   - One event across articles: reports with the same source, target, CAMEO
//     code and date are one event with many mentions (EventKey).
package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"time"
	"unicode"

	"github.com/parley-events/parley"
	"golang.org/x/text/unicode/norm"
)

// Store is a corpus of read articles. Implementations are safe for
// concurrent use; writes are serialised.
type Store interface {
	// Put stores one document with everything read in it, in one transaction.
	Put(ctx context.Context, doc parley.Document, res parley.Result) (PutResult, error)
	// PutBatch stores several documents in one transaction, each of them
	// whole or not at all: a document that fails gets its error in its
	// PutResult and the others are kept. The error is for the batch as a
	// whole (the store could not be written), and then nothing was stored.
	PutBatch(ctx context.Context, items []Item) ([]PutResult, error)
	// Known reports whether this very document (same identity, same
	// content) is stored already, so that a caller can skip reading it.
	Known(ctx context.Context, doc parley.Document) (bool, error)

	Events(ctx context.Context, f EventFilter) ([]EventRow, error)
	// EachEvent calls fn for every event that f selects, in event id order
	// (f.Limit applies), without holding them all in memory.
	EachEvent(ctx context.Context, f EventFilter, fn func(EventRow) error) error
	Quotes(ctx context.Context, f QuoteFilter) ([]QuoteRow, error)
	Actors(ctx context.Context, f ActorFilter) ([]ActorRow, error)
	Dyads(ctx context.Context, f DyadFilter) ([]DyadRow, error)
	Timeline(ctx context.Context, f TimelineFilter) ([]TimelineRow, error)
	Stats(ctx context.Context) (Stats, error)

	// Document returns one stored document, by the store's id, with its
	// text and every record read in it, each with its span (ErrNotFound
	// when there is no such document).
	Document(ctx context.Context, id int64) (DocumentView, error)
	// Actor returns one actor across articles, with its aliases and
	// titles (ErrNotFound when there is no such actor).
	Actor(ctx context.Context, id int64) (ActorRow, error)
	// Counterparts ranks whom an actor, or the actors of a code, dealt
	// with: the other side of its events, the most events first.
	Counterparts(ctx context.Context, f CounterpartFilter) ([]CounterpartRow, error)
	// Network counts the events between countries (the first three
	// letters of both sides' codes, when they are a country's code), one
	// row per direction.
	Network(ctx context.Context, f NetworkFilter) ([]NetworkEdge, error)
	Close() error
}

// Item is one document and what was read in it.
type Item struct {
	Doc parley.Document
	Res parley.Result
}

// Status says what Put did with a document.
type Status string

const (
	Added     Status = "added"     // a new document
	Replaced  Status = "replaced"  // a known URL with changed content: old records replaced
	Unchanged Status = "unchanged" // stored already, nothing written
)

// PutResult is what Put did with one document.
type PutResult struct {
	Status    Status
	DocID     int64 // the store's id of the document
	Events    int   // event mentions stored
	NewEvents int   // of which reported an act the store did not know yet
	Quotes    int
	Actors    int
	Err       error // only from PutBatch: this document was not stored
}

// Errors implementations wrap; test with errors.Is.
var (
	ErrLocked   = errors.New("store is locked by another process")
	ErrNotStore = errors.New("not a Parley store")
	ErrCorrupt  = errors.New("store file is corrupt")
	ErrTooNew   = errors.New("store was written by a newer Parley")
	ErrNoStore  = errors.New("no store")
	ErrNotFound = errors.New("not found") // Document, Actor: no record has that id
)

// EventFilter selects events. Zero fields select everything.
type EventFilter struct {
	Source string // source actor code prefix: RUS matches RUS, RUSGOV, RUSMIL
	Target string // target actor code prefix
	Actor  string // an actor's name, on either side (word match, case and accents folded)
	// SourceActor and TargetActor are names of the actor on one side.
	SourceActor string
	TargetActor string
	Both        bool   // also select the reverse dyad (Target → Source)
	Code        string // CAMEO code prefix: 05 matches 05x; 057 matches 057 and 057x
	Quad        int    // QuadClass 1..4, 0 for any
	Since       string // YYYY-MM-DD, inclusive, on the event day
	Until       string // YYYY-MM-DD, inclusive
	Text        string // words the reporting article contains (full-text search)
	// SourceID and TargetID are the store's ids of an actor on one side,
	// as any article reporting the event names it (0 for any).
	SourceID int64
	TargetID int64
	Limit    int // 0 for no limit
	Offset   int // rows skipped before the first returned (Events only)
}

// EventRow is one event across articles. Day is the event's date as a day
// (the date itself when known to the day, otherwise the publication date
// when it falls within the date's month or year, else the first day of
// it); Date and DatePrecision are as the articles give them.
type EventRow struct {
	ID            int64            `json:"id"`
	Day           string           `json:"day"`
	Date          string           `json:"date"`
	DatePrecision parley.Precision `json:"date_precision"`
	SourceCode    string           `json:"source_code"`
	SourceName    string           `json:"source_name"`
	SourceCountry string           `json:"source_country,omitempty"`
	TargetCode    string           `json:"target_code"`
	TargetName    string           `json:"target_name"`
	TargetCountry string           `json:"target_country,omitempty"`
	CAMEO         string           `json:"cameo"`
	Root          string           `json:"root"`
	Name          string           `json:"name"`
	QuadClass     int              `json:"quad_class"`
	Goldstein     float64          `json:"goldstein"`
	Symmetric     bool             `json:"symmetric"`
	IsRoot        bool             `json:"is_root"` // reported in an article's lead paragraph
	Place         string           `json:"place,omitempty"`
	NumMentions   int              `json:"num_mentions"`
	NumArticles   int              `json:"num_articles"`
	NumSources    int              `json:"num_sources"`
	FirstSeen     string           `json:"first_seen"`
	LastSeen      string           `json:"last_seen"`
	Added         string           `json:"added"` // when the store first saw it, RFC 3339 UTC
	// The first mention: where to read the evidence.
	DocumentID  int64       `json:"document_id"` // the store's id of its article
	URL         string      `json:"url"`         // the article's URL, or its id when it has none
	Trigger     string      `json:"trigger"`
	TriggerSpan parley.Span `json:"trigger_span"` // in the article's text
	Sentence    parley.Span `json:"sentence"`     // the evidence's span in the article's text
	Evidence    string      `json:"evidence"`
}

// QuoteFilter selects quotes.
type QuoteFilter struct {
	Speaker   string // the speaker's name (word match, case and accents folded)
	SpeakerID int64  // the store's id of the speaker, 0 for any
	Code      string // the speaker's actor code or country, by prefix (RUS matches RUSGOV)
	Anonymous bool   // only quotes from unnamed sources
	Text      string // words of the quotation (full-text search)
	Since     string // on the article's publication date
	Until     string
	Limit     int
	Offset    int
}

// QuoteRow is one quotation.
type QuoteRow struct {
	ID          int64       `json:"id"`
	Published   string      `json:"published"`
	Speaker     string      `json:"speaker,omitempty"` // the speaker actor's name
	SpeakerID   int64       `json:"speaker_id,omitempty"`
	SpeakerCode string      `json:"speaker_code,omitempty"`
	Anonymous   bool        `json:"anonymous"`
	SpeakerText string      `json:"speaker_text,omitempty"`
	Cue         string      `json:"cue,omitempty"`
	Text        string      `json:"text"`
	DocumentID  int64       `json:"document_id"` // the store's id of the article
	URL         string      `json:"url"`
	Title       string      `json:"title,omitempty"`
	Span        parley.Span `json:"span"`
}

// ActorFilter selects actors.
type ActorFilter struct {
	Name   string // word match on the name
	Code   string // code prefix
	Kind   string // person, country, organization, group
	Limit  int
	Offset int
}

// ActorRow is one actor across articles.
type ActorRow struct {
	ID        int64            `json:"id"`
	Kind      parley.ActorKind `json:"kind"`
	Name      string           `json:"name"`
	Code      string           `json:"code,omitempty"`
	Country   string           `json:"country,omitempty"`
	Aliases   []string         `json:"aliases,omitempty"` // other names its latest articles give (up to 20)
	Titles    []Title          `json:"titles,omitempty"`  // latest first
	Articles  int              `json:"articles"`
	Mentions  int              `json:"mentions"`
	FirstSeen string           `json:"first_seen"`
	LastSeen  string           `json:"last_seen"`
}

// Title is an office an actor held as the articles give it, with when.
type Title struct {
	Title string `json:"title"`
	First string `json:"first"`
	Last  string `json:"last"`
}

// DyadFilter selects the events counted by Dyads.
type DyadFilter struct {
	Source string
	Target string
	Code   string
	Quad   int
	Since  string
	Until  string
	Top    int // 0 for all
	Offset int // pairs skipped before the first returned
}

// DyadRow counts the events from one source code to one target code.
type DyadRow struct {
	SourceCode    string  `json:"source_code"`
	TargetCode    string  `json:"target_code"`
	Events        int     `json:"events"`
	Mentions      int     `json:"mentions"`
	Quad          [4]int  `json:"quad"` // events per QuadClass 1..4
	MeanGoldstein float64 `json:"mean_goldstein"`
}

// TimelineFilter selects the events of Timeline: those of the dyad given by
// EventFilter's Source/Target (codes) or SourceActor/TargetActor (names),
// grouped By "day", "week" (starting Monday), "month" or "year".
type TimelineFilter struct {
	EventFilter
	By string
}

// TimelineRow counts one period's events.
type TimelineRow struct {
	Period        string  `json:"period"`
	Events        int     `json:"events"`
	Mentions      int     `json:"mentions"`
	Quad          [4]int  `json:"quad"`
	MeanGoldstein float64 `json:"mean_goldstein"`
}

// Stats counts what the store holds.
type Stats struct {
	Documents int    `json:"documents"`
	Events    int    `json:"events"`
	Mentions  int    `json:"mentions"`
	Quotes    int    `json:"quotes"`
	Actors    int    `json:"actors"`
	FirstDay  string `json:"first_day,omitempty"` // the earliest and latest event days
	LastDay   string `json:"last_day,omitempty"`
}

// DocumentView is one stored document with everything read in it: what
// an article page shows and GET /api/documents/{id} returns.
type DocumentView struct {
	ID        int64         `json:"id"`     // the store's id
	DocID     string        `json:"doc_id"` // the id the input gave
	URL       string        `json:"url,omitempty"`
	Source    string        `json:"source,omitempty"`
	Title     string        `json:"title,omitempty"`
	Published string        `json:"published,omitempty"`
	Added     string        `json:"added"`
	Text      string        `json:"text"`
	Actors    []DocActor    `json:"actors"`
	Quotes    []DocQuote    `json:"quotes"`
	Events    []DocEvent    `json:"events"`
	Dates     []parley.Date `json:"dates"`
}

// DocActor is an actor as one article gives it. ID is the article's own
// id of the actor (a1, a2, ...), ActorID the actor across articles.
type DocActor struct {
	ID       string           `json:"id"`
	ActorID  int64            `json:"actor_id"`
	Kind     parley.ActorKind `json:"kind"`
	Name     string           `json:"name"`
	Code     string           `json:"code,omitempty"`
	Country  string           `json:"country,omitempty"`
	Title    string           `json:"title,omitempty"`
	Aliases  []string         `json:"aliases,omitempty"`
	Mentions []parley.Mention `json:"mentions"`
}

// DocQuote is a quotation in one article. Speaker is the article's id of
// the speaking actor, SpeakerID the actor across articles.
type DocQuote struct {
	ID          int64        `json:"id"`
	Text        string       `json:"text"`
	Span        parley.Span  `json:"span"`
	Speaker     string       `json:"speaker,omitempty"`
	SpeakerID   int64        `json:"speaker_id,omitempty"`
	SpeakerName string       `json:"speaker_name,omitempty"`
	Anonymous   bool         `json:"anonymous"`
	SpeakerText string       `json:"speaker_text,omitempty"`
	SpeakerSpan *parley.Span `json:"speaker_span,omitempty"`
	Cue         string       `json:"cue,omitempty"`
	CueSpan     *parley.Span `json:"cue_span,omitempty"`
}

// DocEvent is one report of an event in one article: the event across
// articles (EventID, its codes and counts) and where this article says it.
type DocEvent struct {
	ID            int64            `json:"id"` // the report's id
	EventID       int64            `json:"event_id"`
	Source        string           `json:"source,omitempty"` // the article's actor ids
	Target        string           `json:"target,omitempty"`
	SourceID      int64            `json:"source_id,omitempty"` // actors across articles
	TargetID      int64            `json:"target_id,omitempty"`
	SourceCode    string           `json:"source_code"`
	TargetCode    string           `json:"target_code"`
	SourceName    string           `json:"source_name,omitempty"`
	TargetName    string           `json:"target_name,omitempty"`
	SourcePerson  string           `json:"source_person,omitempty"`
	TargetPerson  string           `json:"target_person,omitempty"`
	CAMEO         string           `json:"cameo"`
	Root          string           `json:"root"`
	Name          string           `json:"name"`
	QuadClass     int              `json:"quad_class"`
	Goldstein     float64          `json:"goldstein"`
	Symmetric     bool             `json:"symmetric"`
	Day           string           `json:"day"`
	Date          string           `json:"date"`
	DatePrecision parley.Precision `json:"date_precision"`
	Place         string           `json:"place,omitempty"`
	NumArticles   int              `json:"num_articles"`
	Trigger       string           `json:"trigger"`
	TriggerSpan   parley.Span      `json:"trigger_span"`
	Sentence      parley.Span      `json:"sentence"`
}

// CounterpartFilter selects the events of one actor: by the store's id
// of the actor (ActorID), else by code prefix (Code: a country's events
// are those of every code that starts with its own).
type CounterpartFilter struct {
	ActorID int64
	Code    string
	Since   string // YYYY-MM-DD, inclusive, on the event day
	Until   string
	Limit   int // 0 for all
}

// CounterpartRow is the other side of an actor's events: a code, or an
// actor without a code (Code empty, ActorID and Name set).
type CounterpartRow struct {
	Code          string  `json:"code,omitempty"`
	ActorID       int64   `json:"actor_id,omitempty"`
	Name          string  `json:"name,omitempty"`
	Events        int     `json:"events"`    // both ways
	AsSource      int     `json:"as_source"` // the actor acted on the counterpart
	AsTarget      int     `json:"as_target"` // the counterpart acted on the actor
	MeanGoldstein float64 `json:"mean_goldstein"`
}

// NetworkFilter selects the events Network counts.
type NetworkFilter struct {
	Code  string // CAMEO code prefix
	Quad  int
	Since string
	Until string
}

// NetworkEdge counts the events from one country to another.
type NetworkEdge struct {
	Source        string  `json:"source"` // ISO 3166-1 alpha-3
	Target        string  `json:"target"`
	Events        int     `json:"events"`
	Mentions      int     `json:"mentions"`
	Quad          [4]int  `json:"quad"`
	MeanGoldstein float64 `json:"mean_goldstein"`
}

// DocKey is a document's identity: its URL when it has one, else
// "sha256:" and the hex SHA-256 of its text.
func DocKey(d parley.Document) string {
	if u := strings.TrimSpace(d.URL); u != "" {
		return u
	}
	sum := sha256.Sum256([]byte(d.Text))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// ContentHash changes whenever what extraction reads from a document
// changes: its text, title or publication date.
func ContentHash(d parley.Document) string {
	h := sha256.New()
	h.Write([]byte(d.Title))
	h.Write([]byte{0})
	h.Write([]byte(d.Published))
	h.Write([]byte{0})
	h.Write([]byte(d.Text))
	return hex.EncodeToString(h.Sum(nil))
}

// Site is the outlet a document comes from, as NumSources counts them: the
// URL's host without "www.", else the document's source field, else "".
func Site(d parley.Document) string {
	if h := d.Host(); h != "" {
		return h
	}
	return strings.ToLower(strings.TrimSpace(d.Source))
}

// NormName folds a name for matching: lower case, accents removed, every
// run of characters other than letters and digits one space. "Assimi
// Goïta" and "ASSIMI GOITA" both give "assimi goita".
func NormName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// EventDay is the day an event is counted on (see EventRow).
func EventDay(date string, published string) string {
	switch {
	case len(date) == 10:
		return date
	case date == "":
		return published
	case strings.HasPrefix(published, date) && len(published) == 10:
		return published
	case len(date) == 7:
		return date + "-01"
	case len(date) == 4:
		return date + "-01-01"
	}
	return published
}

// EventKey tells which reports are one event: the same source and target
// (codes, or for an actor without a code the store's id of the actor, as
// src and tgt give them), the same CAMEO code and the same date. A
// symmetric act ("met") is the same whichever side the article names first.
// An undated report cannot be matched with other articles: docKey keeps it
// within its own article.
func EventKey(src, tgt, cameo, date string, symmetric bool, docKey string) string {
	if symmetric && tgt < src {
		src, tgt = tgt, src
	}
	if date == "" {
		date = "?" + docKey
	}
	return src + "|" + tgt + "|" + cameo + "|" + date
}

// DayBound reads a date bound of a filter, YYYY-MM-DD, YYYY-MM or YYYY, as a
// day: the first day of the month or year, or with end the last.
func DayBound(s string, end bool) (string, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if end {
			switch layout {
			case "2006-01":
				t = t.AddDate(0, 1, -1)
			case "2006":
				t = t.AddDate(1, 0, -1)
			}
		}
		return t.Format("2006-01-02"), true
	}
	return "", false
}
