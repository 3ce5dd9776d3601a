// Package timex finds time expressions in English news text and resolves them
// against the article's publication date.
//
// The words it knows (month and weekday names and abbreviations, number words,
// relative phrases, context words, blocking phrases) live in
// data/timewords.tsv; this package holds only the rules. Find makes one pass
// over the text to split it into tokens (runs of letters and digits, single
// punctuation marks) and one pass over the tokens to match, so it is linear in
// the length of the text.
//
// Forms found, and how they resolve (published = the publication day, in the
// time zone the publication time was given in):
//
//   - "May 10, 2025", "May 10 2025", "10 May 2025", "Sept. 5, 2024", "March 28, 1994",
//     "May 10th", "the 10th of May", ISO "2025-05-10": day precision.
//   - "May 10", "Feb. 24", "Oct 17", "10 May" (no year): the year is the latest of
//     published's year -1, 0 or +1 whose date is at most 60 days after published
//     (news mostly reports the past, but "on June 17" a few weeks ahead is the
//     coming one; "Jan. 3" in an article of Dec. 28 is the coming January).
//   - "May 2025", "Jan 2024": month precision.
//   - "in March", "mid-May", "January" (month alone): month precision, year as
//     above with the 1st of the month. Month names must be capitalised. An
//     abbreviation ("Jan", "Sept") is a date only with a day or year after it.
//     May, March and August are also ordinary words, so alone they need a
//     context word before them ("in", "since", "by", "early", "mid-" ... see
//     timewords.tsv) or a modifier ("last March"). A non-ambiguous month alone
//     followed by a capitalised word ("April Ryan") is taken for a name.
//   - "last December" / "next March" / "this June": the latest such month strictly
//     before published's month / the first strictly after / the one in
//     published's year; month precision; the modifier is part of Text.
//   - "in 2019", "since 2014", "by 2030", "mid-2024", "year 2019": a year alone
//     (1900-2100) is a date only after a context word, or after another date
//     and a chain word ("2019 and 2020", "2019-2021" gives both years), and not
//     when a count noun follows ("since 2000 troops") or "%" does.
//   - "Monday" .. "Sunday" (capitalised), with an optional part of day kept in
//     Text ("Thursday night"): the latest such day on or before published
//     (published's own weekday is published itself); if a future word ("will")
//     stands up to 8 words before it in the sentence with no past word
//     ("said", "was", "since") in between, the first such day on or after
//     published. "last Tuesday": strictly before published. "this Friday":
//     on or after. "next Monday": strictly after. A weekday directly before a
//     full date ("Friday, May 10", "Fri., May 10") is one expression with the
//     date's value.
//   - relative phrases (timewords.tsv, kind relative): "today", "yesterday",
//     "tomorrow", "last night" (day); "this week", "last week", "recently",
//     "earlier this week", "recent days" (month precision of published shifted
//     by whole weeks); "this month", "last month" (month); "this year",
//     "last year", "next year" (year).
//   - "N days ago" (day), "N weeks ago" (month of published - 7N days),
//     "N months ago" (month), "N years ago", "a decade ago" (year), with N in
//     digits or words ("two", "a").
//
// When the publication date is unknown (the zero time.Time), expressions that
// need it (relative ones, weekdays, a day or month without a year) get Value ""
// and PrecisionUnknown; those with a year still resolve.
//
// Not handled: numeric dates other than ISO ("10/05/2025" is ambiguous),
// decades ("the 1990s"), seasons, times of day alone, fuzzy spans ("a few
// days ago", "in recent months"), and ranges other than as separate dates
// ("May 10-12" yields May 10 only).
package timex

import (
	"strings"
	"sync"
	"time"

	"github.com/parley-events/parley"
)

// futureWindow is how many words before a weekday a future word may stand.
const futureWindow = 8

// aheadDays is how far after the publication date a date without a year may lie.
const aheadDays = 60

var tokPool = sync.Pool{New: func() any { s := make([]token, 0, 1024); return &s }}

// Find returns the date expressions in text, in order, resolved against published
// (the zero time.Time means the publication date is unknown: then relative
// expressions get Value "" and Precision parley.PrecisionUnknown, absolute ones still resolve).
func Find(text string, published time.Time) []parley.Date {
	if text == "" {
		return nil
	}
	bp := tokPool.Get().(*[]token)
	toks := tokenize(text, (*bp)[:0])
	var key [maxKey]byte
	for k := range toks {
		t := &toks[k]
		if t.kind != tWord && t.kind != tPunct {
			continue
		}
		s := text[t.start:t.end]
		if len(s) > maxKey {
			continue
		}
		c0 := s[0]
		if c0 >= 'A' && c0 <= 'Z' {
			c0 += 'a' - 'A'
		}
		if lexShape[c0]&(1<<len(s)) == 0 {
			continue
		}
		for b := 0; b < len(s); b++ {
			c := s[b]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			key[b] = c
		}
		t.lex = lexicon[string(key[:len(s)])]
	}
	m := matcher{text: text, toks: toks, lastEnd: -1}
	if !published.IsZero() {
		y, mo, d := published.Date()
		m.known = true
		m.pub = time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
	}
	for i := 0; i < len(toks); {
		if j := m.at(i); j > i {
			i = j
		} else {
			i++
		}
	}
	if cap(toks) <= 1<<16 {
		*bp = toks[:0]
		tokPool.Put(bp)
	}
	return m.out
}

// ParsePublished parses a publication date in the forms inputs use: "2025-05-12",
// "2025-05-12T08:00:00Z", RFC3339 with offsets, "2025-05-12 08:00:00", RFC1123
// ("Mon, 12 May 2025 08:00:00 GMT"). Returns the zero time and false on failure.
// The time keeps the offset it was written with, so Find resolves against the
// publisher's calendar day.
func ParsePublished(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range publishedLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if t.IsZero() {
				return time.Time{}, false
			}
			return t, true
		}
	}
	return time.Time{}, false
}

var publishedLayouts = []string{
	"2006-01-02",
	time.RFC3339, // also takes fractional seconds
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02T15:04:05Z0700",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05Z0700",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700",
	time.RFC850,
	time.ANSIC,
	"2 Jan 2006",
	"January 2, 2006",
	"Jan 2, 2006",
	"2006/01/02",
}
