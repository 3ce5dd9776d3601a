package event

import (
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/segment"
)

// setDate dates an event by the nearest date in its sentence, else the last
// date earlier in its paragraph, else the publication date.
func setDate(e *parley.Event, d *segment.Doc, dates []parley.Date, si, trig int, published time.Time) (explicit bool) {
	sent := d.Sentences[si]
	best, bestDist := -1, 1<<30
	pos := int(d.Tokens[trig].Start)
	for k, dt := range dates {
		if dt.Span.Start < sent.Start || dt.Span.End > sent.End || dt.Value == "" || sinceDate(d, dt) {
			continue
		}
		if dt.Span.Start > pos && otherTime(d, trig, d.TokenAt(dt.Span.Start)) {
			continue
		}
		if !published.IsZero() && dt.Value > published.Format("2006-01-02") {
			// a date after publication dates a plan, not an act; the intent is dated when stated
			continue
		}
		dist := dt.Span.Start - pos
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = k, dist
		}
	}
	explicit = best >= 0
	pub := ""
	if !published.IsZero() {
		pub = published.Format("2006-01-02")
	}
	usable := func(dt parley.Date) bool {
		return dt.Value != "" && !sinceDate(d, dt) && !isDateline(d, dt) && (pub == "" || dt.Value <= pub)
	}
	if best < 0 {
		// the last day or month told before in the paragraph, a few sentences back
		// at most: a story's later sentences go on about the occasion its earlier
		// ones dated ("… thanked Yerevan the same day"); a bare year is background
		lo := d.Paragraphs[sent.Para].Start
		if si >= 3 && d.Sentences[si-3].Start > lo {
			lo = d.Sentences[si-3].Start
		}
		for k := len(dates) - 1; k >= 0; k-- {
			dt := dates[k]
			if dt.Span.End <= sent.Start && dt.Span.Start >= lo && usable(dt) && dt.Precision != parley.PrecisionYear {
				best = k
				break
			}
		}
		if best >= 0 && dates[best].Precision == parley.PrecisionDay {
			// "the next day", "a day later"
			if n := dayShift(d, sent); n != 0 {
				if t, err := time.Parse("2006-01-02", dates[best].Value); err == nil {
					e.Date, e.DatePrecision = t.AddDate(0, 0, n).Format("2006-01-02"), parley.PrecisionDay
					return false
				}
			}
		}
	}
	if best < 0 {
		// else the first day or month the story's opening paragraphs give: it
		// dates the story's main occasion, which the lead often names undated
		lead := d.Paragraphs[min(2, len(d.Paragraphs)-1)]
		for k, dt := range dates {
			if dt.Span.Start >= lead.End {
				break
			}
			if usable(dt) && dt.Precision != parley.PrecisionYear {
				best = k
				break
			}
		}
	}
	if best >= 0 {
		e.Date, e.DatePrecision = dates[best].Value, dates[best].Precision
		return explicit
	}
	if !published.IsZero() {
		e.Date, e.DatePrecision = published.Format("2006-01-02"), parley.PrecisionDay
		return false
	}
	e.DatePrecision = parley.PrecisionUnknown
	return false
}

// sinceDate reports whether a date bounds a period ("since 2018", "until
// June", "through 2030") rather than dating an act.
func sinceDate(d *segment.Doc, dt parley.Date) bool {
	i := d.TokenAt(dt.Span.Start)
	if i == 0 {
		return false
	}
	switch d.Key(i - 1) {
	case "since", "until", "till", "through", "by", "before", "to", "from":
		return true
	}
	return false
}

// dayShift reads "the next day", "the following day", "a day later" in a
// sentence as +1 day, "the day before" as -1.
func dayShift(d *segment.Doc, sent segment.Sentence) int {
	for i := sent.First; i+2 < sent.Last; i++ {
		a, b, c := d.Key(i), d.Key(i+1), d.Key(i+2)
		switch {
		case a == "the" && (b == "next" || b == "following") && c == "day", a == "a" && b == "day" && c == "later":
			return 1
		case a == "the" && b == "day" && c == "before":
			return -1
		}
	}
	return 0
}

// isDateline reports whether a date belongs to a dateline ("NUR-SULTAN, Oct 17 —"),
// which dates the report, not the act.
func isDateline(d *segment.Doc, dt parley.Date) bool {
	i := d.TokenAt(dt.Span.Start)
	if i >= len(d.Tokens) {
		return false
	}
	p := d.Paragraphs[d.Sentences[d.SentenceOf(i)].Para]
	if i-p.First > 4 {
		return false
	}
	j := d.TokenAt(dt.Span.End)
	return j < len(d.Tokens) && (d.Key(j) == "—" || d.Key(j) == "-" || d.Key(j) == "–" || d.Key(j) == "(")
}

// otherTime reports whether words between a trigger and a later date put the
// date on another act: "… the fourth exercise, after drills in 2014".
func otherTime(d *segment.Doc, from, to int) bool {
	for i := from + 1; i < to; i++ {
		switch d.Key(i) {
		case "after", "before", "since", "following", "than", "unlike", ";", "(", "when", "which", "who":
			return true
		}
	}
	return false
}
