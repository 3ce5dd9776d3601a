package web

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/parley-events/parley/store"
)

// param is one query parameter: its name, its type in the OpenAPI
// document (string, integer, boolean) and what it does.
type param struct {
	name, typ, desc string
	enum            []string
	def             string
}

// The query parameters, as the CLI's flags name them.
var (
	pSource      = param{name: "source", typ: "string", desc: "source actor code, by prefix (RUS matches RUS, RUSGOV, RUSMIL)"}
	pTarget      = param{name: "target", typ: "string", desc: "target actor code, by prefix"}
	pSourceActor = param{name: "source_actor", typ: "string", desc: "source actor's name (whole words, any case and accents)"}
	pTargetActor = param{name: "target_actor", typ: "string", desc: "target actor's name (whole words, any case and accents)"}
	pSourceID    = param{name: "source_id", typ: "integer", desc: "the store's id of the source actor"}
	pTargetID    = param{name: "target_id", typ: "integer", desc: "the store's id of the target actor"}
	pActor       = param{name: "actor", typ: "string", desc: "an actor's name on either side (whole words, any case and accents)"}
	pText        = param{name: "text", typ: "string", desc: `words the reporting article contains (full-text search: "a phrase", prefix*, OR)`}
	pQuoteText   = param{name: "text", typ: "string", desc: `words of the quotation (full-text search: "a phrase", prefix*, OR)`}
	pCode        = param{name: "code", typ: "string", desc: "CAMEO code, by prefix (05 matches 05x; 057 matches 057x)"}
	pQuad        = param{name: "quad", typ: "integer", desc: "QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict", enum: []string{"1", "2", "3", "4"}}
	pSince       = param{name: "since", typ: "string", desc: "from this day on, inclusive: YYYY-MM-DD, YYYY-MM or YYYY"}
	pUntil       = param{name: "until", typ: "string", desc: "up to this day, inclusive: YYYY-MM-DD, YYYY-MM (its last day) or YYYY"}
	pBoth        = param{name: "both", typ: "boolean", desc: "also the events from target to source (with only source: that code on either side)"}
	pLimit       = param{name: "limit", typ: "integer", desc: "at most this many items (1 to 1000)", def: "50"}
	pOffset      = param{name: "offset", typ: "integer", desc: "items skipped before the first returned", def: "0"}
	pTop         = param{name: "top", typ: "integer", desc: "the CLI's name for limit"}
	pSpeaker     = param{name: "speaker", typ: "string", desc: "the speaker's name (whole words, any case and accents)"}
	pSpeakerID   = param{name: "speaker_id", typ: "integer", desc: "the store's id of the speaker"}
	pSpeakerCode = param{name: "code", typ: "string", desc: "the speaker's actor code or country, by prefix (RUS matches RUSGOV)"}
	pAnonymous   = param{name: "anonymous", typ: "boolean", desc: "only quotes from unnamed sources"}
	pName        = param{name: "name", typ: "string", desc: "the actor's name (whole words, any case and accents)"}
	pActorCode   = param{name: "code", typ: "string", desc: "actor code, by prefix (RUS, RUSGOV, NATO)"}
	pKind        = param{name: "kind", typ: "string", desc: "kind of actor", enum: []string{"person", "country", "organization", "group"}}
	pBy          = param{name: "by", typ: "string", desc: "period: day, week (from Monday), month or year", enum: []string{"day", "week", "month", "year"}, def: "month"}
	pID          = param{name: "id", typ: "integer", desc: "the store's id"}
)

var (
	eventParams       = []param{pSource, pTarget, pSourceActor, pTargetActor, pSourceID, pTargetID, pActor, pBoth, pText, pCode, pQuad, pSince, pUntil, pLimit, pOffset}
	quoteParams       = []param{pSpeaker, pSpeakerID, pSpeakerCode, pAnonymous, pQuoteText, pSince, pUntil, pLimit, pOffset}
	actorParams       = []param{pName, pActorCode, pKind, pLimit, pOffset}
	dyadParams        = []param{pSource, pTarget, pCode, pQuad, pSince, pUntil, pLimit, pTop, pOffset}
	timelineParams    = []param{pSource, pTarget, pSourceActor, pTargetActor, pBoth, pCode, pQuad, pSince, pUntil, pBy}
	networkParams     = []param{pCode, pQuad, pSince, pUntil}
	counterpartParams = []param{pSince, pUntil, pLimit}
)

const maxLimit = 1000

// paramError is a bad query parameter: 400, naming it.
type paramError struct {
	Param string
	Msg   string
}

func (e *paramError) Error() string { return e.Param + ": " + e.Msg }

// query reads query parameters; the first bad one is kept in err and the
// readers after it return zero values.
type query struct {
	v   url.Values
	err *paramError
}

func newQuery(v url.Values) *query { return &query{v: v} }

func (q *query) fail(name, format string, args ...any) {
	if q.err == nil {
		q.err = &paramError{Param: name, Msg: fmt.Sprintf(format, args...)}
	}
}

// only fails on a parameter that is not among ps (a misspelt filter
// would otherwise be silently ignored).
func (q *query) only(ps []param) {
	known := map[string]bool{}
	var names []string
	for _, p := range ps {
		known[p.name] = true
		names = append(names, p.name)
	}
	var unknown []string
	for k := range q.v {
		if !known[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	if len(unknown) > 0 {
		q.fail(unknown[0], "unknown parameter (known here: %s)", strings.Join(names, ", "))
	}
}

func (q *query) str(name string) string {
	vs := q.v[name]
	if len(vs) == 0 {
		return ""
	}
	if len(vs) > 1 {
		q.fail(name, "given %d times", len(vs))
		return ""
	}
	s := strings.TrimSpace(vs[0])
	if len(s) > 1000 {
		q.fail(name, "too long (%d bytes)", len(s))
		return ""
	}
	return s
}

func (q *query) int(name string, def, lo, hi int) int {
	s := q.str(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		q.fail(name, "%q is not a whole number", s)
		return def
	}
	if n < lo || n > hi {
		q.fail(name, "%d is out of range (%d to %d)", n, lo, hi)
		return def
	}
	return n
}

func (q *query) id(name string) int64 {
	s := q.str(name)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		q.fail(name, "%q is not an id (a positive whole number)", s)
		return 0
	}
	return n
}

func (q *query) boolean(name string) bool {
	switch s := strings.ToLower(q.str(name)); s {
	case "", "0", "false", "no", "off":
		return false
	case "1", "true", "yes", "on":
		return true
	default:
		q.fail(name, "%q is not true or false", s)
		return false
	}
}

func (q *query) enum(name, def string, allowed []string) string {
	s := q.str(name)
	if s == "" {
		return def
	}
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	q.fail(name, "%q is not one of %s", s, strings.Join(allowed, ", "))
	return def
}

// cameo reads a CAMEO code prefix: digits.
func (q *query) cameo(name string) string {
	s := q.str(name)
	if s != "" && (strings.Trim(s, "0123456789") != "" || len(s) > 4) {
		q.fail(name, "%q is not a CAMEO code (two to four digits, or a prefix of one)", s)
		return ""
	}
	return s
}

func (q *query) quad(name string) int { return q.int(name, 0, 0, 4) }

// day reads a date as a day: a month or a year is its first day, or with
// end its last.
func (q *query) day(name string, end bool) string {
	s := q.str(name)
	if s == "" {
		return ""
	}
	d, ok := store.DayBound(s, end)
	if !ok {
		q.fail(name, "%q is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", s)
	}
	return d
}

// dates reads since and until.
func (q *query) dates() (since, until string) {
	since, until = q.day("since", false), q.day("until", true)
	if since != "" && until != "" && since > until {
		q.fail("until", "%s is before since (%s)", until, since)
	}
	return since, until
}

// paging reads limit (or the CLI's top) and offset.
func (q *query) paging(def int) (limit, offset int) {
	limit = q.int("limit", def, 1, maxLimit)
	if _, ok := q.v["top"]; ok {
		limit = q.int("top", def, 1, maxLimit)
	}
	return limit, q.int("offset", 0, 0, 1_000_000)
}

func (q *query) eventFilter() store.EventFilter {
	f := store.EventFilter{
		Source: q.str("source"), Target: q.str("target"),
		SourceActor: q.str("source_actor"), TargetActor: q.str("target_actor"),
		SourceID: q.id("source_id"), TargetID: q.id("target_id"),
		Actor: q.str("actor"), Both: q.boolean("both"), Text: q.str("text"),
		Code: q.cameo("code"), Quad: q.quad("quad"),
	}
	f.Since, f.Until = q.dates()
	if f.Source != "" && f.SourceActor != "" {
		q.fail("source_actor", "give source (a code) or source_actor (a name), not both")
	}
	if f.Target != "" && f.TargetActor != "" {
		q.fail("target_actor", "give target (a code) or target_actor (a name), not both")
	}
	return f
}

func (q *query) quoteFilter() store.QuoteFilter {
	f := store.QuoteFilter{Speaker: q.str("speaker"), SpeakerID: q.id("speaker_id"), Code: q.str("code"),
		Anonymous: q.boolean("anonymous"), Text: q.str("text")}
	f.Since, f.Until = q.dates()
	return f
}

func (q *query) actorFilter() store.ActorFilter {
	return store.ActorFilter{Name: q.str("name"), Code: q.str("code"), Kind: q.enum("kind", "", pKind.enum)}
}

func (q *query) dyadFilter() store.DyadFilter {
	f := store.DyadFilter{Source: q.str("source"), Target: q.str("target"), Code: q.cameo("code"), Quad: q.quad("quad")}
	f.Since, f.Until = q.dates()
	return f
}

func (q *query) timelineFilter() store.TimelineFilter {
	f := store.TimelineFilter{EventFilter: q.eventFilter(), By: q.enum("by", "month", pBy.enum)}
	return f
}

func (q *query) networkFilter() store.NetworkFilter {
	f := store.NetworkFilter{Code: q.cameo("code"), Quad: q.quad("quad")}
	f.Since, f.Until = q.dates()
	return f
}
