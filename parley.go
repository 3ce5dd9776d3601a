// Package parley holds the domain types that every stage of the pipeline
// shares: documents in, actors, quotes and events out, each tied to the bytes
// of the article that support it.
//
// Data flows one way: read → segment → mention → actor → quote, event →
// store → query. Each stage lives in its own package and speaks only these
// types, so a stage can be tested, replaced or benchmarked alone.
package parley

import "strings"

// Span is a half-open byte range [Start, End) in a Document's Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies wholly inside s.
func (s Span) Contains(o Span) bool { return o.Start >= s.Start && o.End <= s.End }

// Document is one article as read from any input format.
type Document struct {
	ID        string `json:"id"`
	URL       string `json:"url,omitempty"`
	Source    string `json:"source,omitempty"`    // site or outlet name
	Title     string `json:"title,omitempty"`     // headline
	Published string `json:"published,omitempty"` // ISO date (YYYY-MM-DD) or "" when unknown
	Text      string `json:"text"`                // article body, paragraphs separated by newlines
}

// Host is the host of the document's URL without "www.", lower-cased, or ""
// when the URL is not absolute: the outlet, as the reader names a source and
// the store counts sites.
func (d Document) Host() string {
	i := strings.Index(d.URL, "://")
	if i < 0 {
		return ""
	}
	h := d.URL[i+3:]
	if j := strings.IndexAny(h, "/?#"); j >= 0 {
		h = h[:j]
	}
	if j := strings.LastIndexByte(h, '@'); j >= 0 {
		h = h[j+1:]
	}
	if j := strings.LastIndexByte(h, ':'); j >= 0 && !strings.HasSuffix(h, "]") {
		h = h[:j]
	}
	return strings.TrimPrefix(strings.ToLower(h), "www.")
}

// Precision says how much of a resolved date is known.
type Precision string

const (
	PrecisionDay     Precision = "day"
	PrecisionMonth   Precision = "month"
	PrecisionYear    Precision = "year"
	PrecisionUnknown Precision = "unknown"
)

// Date is a time expression found in the text and resolved against the
// document's publication date. Value is "2025-05-10", "2025-05", "2025" or ""
// (when a relative date cannot be resolved because the publication date is unknown).
type Date struct {
	Text      string    `json:"text"`
	Value     string    `json:"value,omitempty"`
	Precision Precision `json:"precision"`
	Span      Span      `json:"span"`
}

// ActorKind is the contract's kind of actor.
type ActorKind string

const (
	KindPerson       ActorKind = "person"
	KindCountry      ActorKind = "country"
	KindOrganization ActorKind = "organization"
	KindGroup        ActorKind = "group"
)

// Mention is one place in the text that refers to an actor.
type Mention struct {
	Text string `json:"text"`
	Span Span   `json:"span"`
}

// Actor is a person, country, organisation or group that the article names,
// with every mention linked to it.
type Actor struct {
	ID       string    `json:"id"`
	Kind     ActorKind `json:"kind"`
	Name     string    `json:"name"`
	Code     string    `json:"code,omitempty"`    // RUSGOV, MLIMIL, NATO, UN, IGO, NGO; empty when unplaced
	Country  string    `json:"country,omitempty"` // ISO 3166-1 alpha-3 the actor is or acts for
	Title    string    `json:"title,omitempty"`   // office or role as the article gives it
	Aliases  []string  `json:"aliases,omitempty"`
	Mentions []Mention `json:"mentions"`
}

// Quote is a direct quotation with its speaker.
type Quote struct {
	Text        string  `json:"text"`
	Span        Span    `json:"span"`
	Speaker     *string `json:"speaker"` // actor id, or null
	Anonymous   bool    `json:"anonymous"`
	SpeakerText string  `json:"speaker_text,omitempty"` // the words that name or describe the speaker
	SpeakerSpan *Span   `json:"speaker_span,omitempty"`
	Cue         string  `json:"cue,omitempty"` // the verb of saying
	CueSpan     *Span   `json:"cue_span,omitempty"`
}

// Event is a dyadic CAMEO event: Source does something to Target.
type Event struct {
	Source        string    `json:"source"` // actor ids
	Target        string    `json:"target"`
	SourceCode    string    `json:"source_code"`
	TargetCode    string    `json:"target_code"`
	SourcePerson  string    `json:"source_person,omitempty"`
	TargetPerson  string    `json:"target_person,omitempty"`
	CAMEO         string    `json:"cameo"` // as specific as known: "057", "04"
	Root          string    `json:"root"`  // two-digit root
	Name          string    `json:"name"`  // CAMEO name of the code
	QuadClass     int       `json:"quad_class"`
	Goldstein     float64   `json:"goldstein"`
	Symmetric     bool      `json:"symmetric"`
	Date          string    `json:"date"` // "2025-05-10", "2025-05", "2025" or ""
	DatePrecision Precision `json:"date_precision"`
	Place         string    `json:"place,omitempty"`
	Trigger       string    `json:"trigger"` // the words that name the act
	TriggerSpan   Span      `json:"trigger_span"`
	Sentence      Span      `json:"sentence"`
	Evidence      string    `json:"evidence"` // the supporting sentence
}

// Result is everything Parley read in one document.
type Result struct {
	ID        string  `json:"id"`
	Title     string  `json:"title,omitempty"`
	Published string  `json:"published,omitempty"`
	Actors    []Actor `json:"actors"`
	Quotes    []Quote `json:"quotes"`
	Events    []Event `json:"events"`
	Dates     []Date  `json:"dates,omitempty"`
	Error     string  `json:"error,omitempty"`
}
