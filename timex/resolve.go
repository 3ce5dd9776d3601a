package timex

import (
	"strings"
	"time"

	"github.com/parley-events/parley"
)

// matcher walks the tokens of one text and collects the dates it finds.
type matcher struct {
	text    string
	toks    []token
	known   bool      // publication date known
	pub     time.Time // publication day, midnight UTC
	lastEnd int       // index of the token after the last date found, -1 before any
	out     []parley.Date
}

// abs is an absolute date as written: year 0 = not given, day 0 = month only.
type abs struct {
	y, m, d int
	end     int // index of the token after the date
}

// weekday directions
const (
	onOrBefore = iota
	before
	onOrAfter
	after
)

func (m *matcher) lex(i int) *entry {
	if i < 0 || i >= len(m.toks) {
		return nil
	}
	return m.toks[i].lex
}

func (m *matcher) has(i int, flag uint16) bool {
	e := m.lex(i)
	return e != nil && e.flags&flag != 0
}

func (m *matcher) tokText(i int) string { return m.text[m.toks[i].start:m.toks[i].end] }

// adjacent reports whether token i follows token i-1 with no space between.
func (m *matcher) adjacent(i int) bool { return m.toks[i].flags&fSpace == 0 }

func (m *matcher) punct(i int, s string) bool {
	return i >= 0 && i < len(m.toks) && m.toks[i].kind == tPunct && m.tokText(i) == s
}

func (m *matcher) capitalised(i int) bool { return m.toks[i].flags&fCap != 0 }

// at tries every form that can start at token i and returns the index of the
// token after the match, or 0.
func (m *matcher) at(i int) int {
	t := &m.toks[i]
	switch t.kind {
	case tNum:
		return m.atNumber(i)
	case tWord, tPunct:
		if t.lex != nil {
			return m.atWord(i, t.lex)
		}
	}
	return 0
}

func (m *matcher) atNumber(i int) int {
	t := &m.toks[i]
	if t.flags&fFmt != 0 || t.num < 0 {
		return 0
	}
	if j := m.ago(i); j > 0 {
		return j
	}
	if j := m.iso(i); j > 0 {
		return j
	}
	if a, ok := m.dayFirst(i); ok {
		return m.emitAbs(i, a)
	}
	if m.yearAt(i, 1900, 2100) && m.licensed(i, lexContextYear) {
		return m.emit(i, i+1, pad(t.num, 4), parley.PrecisionYear)
	}
	return 0
}

func (m *matcher) atWord(i int, e *entry) int {
	for k := range e.phrases {
		p := &e.phrases[k]
		if !m.phraseAt(i, p) {
			continue
		}
		end := i + len(p.words)
		if p.block {
			return end
		}
		if m.titleCase(i, end) {
			return end // "ABC's “This Week” program"
		}
		return m.emitRel(i, end, p.n, p.unit)
	}
	if e.flags&lexNumber != 0 {
		if j := m.ago(i); j > 0 {
			return j
		}
	}
	if e.flags&lexModifier != 0 {
		if j := m.modified(i, e); j > 0 {
			return j
		}
	}
	if !m.capitalised(i) {
		return 0
	}
	if e.weekday > 0 {
		return m.weekdayAt(i, e)
	}
	if e.month > 0 {
		if a, ok := m.monthFirst(i); ok {
			return m.emitAbs(i, a)
		}
		if m.monthAlone(i, e) {
			return m.emitAbs(i, abs{m: int(e.month), end: i + 1})
		}
	}
	return 0
}

// titleCase reports whether a later word of tokens [i, j) starts with a
// capital while the phrase is not all capitals: a name ("This Week"), not a date.
func (m *matcher) titleCase(i, j int) bool {
	for k := i + 1; k < j; k++ {
		if m.toks[k].kind == tWord && m.capitalised(k) && !allCaps(m.tokText(k)) {
			return true
		}
	}
	return false
}

func allCaps(s string) bool {
	for k := 0; k < len(s); k++ {
		if c := s[k]; c >= 'a' && c <= 'z' {
			return false
		}
	}
	return true
}

// daypart reports whether token j is a lower-case part of day ("night"); a
// capitalised one after a weekday is part of a name ("Sunday Morning Futures").
func (m *matcher) daypart(j int) bool {
	return m.has(j, lexDaypart) && (!m.capitalised(j) || allCaps(m.tokText(j)))
}

func (m *matcher) phraseAt(i int, p *phrase) bool {
	if i+len(p.words) > len(m.toks) {
		return false
	}
	for k, w := range p.words {
		if !strings.EqualFold(m.tokText(i+k), w) {
			return false
		}
	}
	return true
}

// ago matches "N <unit> ago" at i, N in digits or words.
func (m *matcher) ago(i int) int {
	t := &m.toks[i]
	n := -1
	switch {
	case t.kind == tNum:
		if t.flags&(fOrd|fFmt) == 0 && t.ndig <= 4 {
			n = t.num
		}
	case t.lex != nil && t.lex.flags&lexNumber != 0:
		n = t.lex.number
	}
	if n < 0 {
		return 0
	}
	u := m.lex(i + 1)
	if u == nil || u.flags&lexUnit == 0 || !m.has(i+2, lexAgo) {
		return 0
	}
	return m.emitRel(i, i+3, -n*u.unitN, u.unit)
}

// numberLead reports whether the number at i may start a date: it must not be
// glued to a punctuation mark before it ("$10", "3/10", "-5"), bar an opening
// bracket or quote.
func (m *matcher) numberLead(i int) bool {
	if i == 0 || !m.adjacent(i) || m.toks[i-1].kind != tPunct {
		return true
	}
	switch m.tokText(i - 1) {
	case "(", "[", "\"", "'", "\u201c", "\u2018", "\u2014":
		return true
	}
	return false
}

// numberTrail reports whether the number at i may end a date: not "10%",
// "10/5", "10:30".
func (m *matcher) numberTrail(i int) bool {
	j := i + 1
	if j >= len(m.toks) || !m.adjacent(j) || m.toks[j].kind != tPunct {
		return true
	}
	switch m.tokText(j) {
	case "%", "/":
		return false
	case ":":
		return !(j+1 < len(m.toks) && m.adjacent(j+1) && m.toks[j+1].kind == tNum)
	}
	return true
}

// dayAt reports whether token i is a day of the month (1-31, "10", "10th").
func (m *matcher) dayAt(i int) bool {
	if i < 0 || i >= len(m.toks) {
		return false
	}
	t := &m.toks[i]
	return t.kind == tNum && t.flags&fFmt == 0 && (t.ndig <= 2 || t.flags&fOrd != 0) &&
		t.num >= 1 && t.num <= 31 && m.numberTrail(i)
}

// yearAt reports whether token i is a plain four-digit year in [lo, hi] that is
// not a count ("2000 troops").
func (m *matcher) yearAt(i, lo, hi int) bool {
	if i < 0 || i >= len(m.toks) {
		return false
	}
	t := &m.toks[i]
	if t.kind != tNum || t.flags&(fFmt|fOrd) != 0 || t.ndig != 4 || t.num < lo || t.num > hi {
		return false
	}
	return m.numberTrail(i) && !m.has(i+1, lexCount)
}

// licensed reports whether a bare year or month at i has a context word (with
// the given flag) or a chain word after another date right before it. A hyphen
// may stand between a context word and the date ("mid-2024").
func (m *matcher) licensed(i int, flag uint16) bool {
	p := i - 1
	if p < 0 {
		return false
	}
	if m.has(p, lexChain) && m.lastEnd == p {
		return true
	}
	if m.toks[p].kind == tPunct {
		if m.punct(p, "-") && m.adjacent(i) && p > 0 && m.adjacent(p) && m.has(p-1, flag) {
			return true
		}
		return false
	}
	return m.has(p, flag)
}

// iso matches "2025-05-10".
func (m *matcher) iso(i int) int {
	if i+4 >= len(m.toks) || !m.numberLead(i) {
		return 0
	}
	t := m.toks[i : i+5]
	if t[0].ndig != 4 || t[0].flags&fOrd != 0 {
		return 0
	}
	for k := 1; k < 5; k++ {
		if !m.adjacent(i + k) {
			return 0
		}
	}
	if !m.punct(i+1, "-") || !m.punct(i+3, "-") {
		return 0
	}
	for _, k := range []int{2, 4} {
		if t[k].kind != tNum || t[k].ndig != 2 || t[k].flags&(fOrd|fFmt) != 0 {
			return 0
		}
	}
	y, mo, d := t[0].num, t[2].num, t[4].num
	if mo < 1 || mo > 12 || !validDay(y, mo, d) {
		return 0
	}
	return m.emitAbs(i, abs{y: y, m: mo, d: d, end: i + 5})
}

// monthFirst matches "May 10", "May 10, 2025", "Sept. 5 2024", "May 2025" at i.
func (m *matcher) monthFirst(i int) (abs, bool) {
	e := m.lex(i)
	if e == nil || e.month == 0 || !m.capitalised(i) {
		return abs{}, false
	}
	mo := int(e.month)
	j := i + 1
	if e.monthFlag&monthAbbr != 0 && m.punct(j, ".") && m.adjacent(j) {
		j++
	}
	if m.dayAt(j) {
		d := m.toks[j].num
		a := abs{m: mo, d: d, end: j + 1}
		p := j + 1
		if m.punct(p, ",") {
			p++
		}
		if m.yearAt(p, 1000, 2999) {
			a.y, a.end = m.toks[p].num, p+1
		}
		if validDay(a.y, mo, d) {
			return a, true
		}
	}
	if m.yearAt(j, 1000, 2999) {
		return abs{y: m.toks[j].num, m: mo, end: j + 1}, true
	}
	return abs{}, false
}

// dayFirst matches "10 May", "10 May 2025", "10th of May" at i.
func (m *matcher) dayFirst(i int) (abs, bool) {
	if !m.dayAt(i) || !m.numberLead(i) {
		return abs{}, false
	}
	j := i + 1
	if m.toks[i].flags&fOrd != 0 && j < len(m.toks) && strings.EqualFold(m.tokText(j), "of") {
		j++
	}
	e := m.lex(j)
	if e == nil || e.month == 0 || !m.capitalised(j) {
		return abs{}, false
	}
	mo, d := int(e.month), m.toks[i].num
	a := abs{m: mo, d: d, end: j + 1}
	if e.monthFlag&monthAbbr != 0 && m.punct(a.end, ".") && m.adjacent(a.end) {
		a.end++
	}
	p := a.end
	if m.punct(p, ",") {
		p++
	}
	if m.yearAt(p, 1000, 2999) {
		a.y, a.end = m.toks[p].num, p+1
	}
	if !validDay(a.y, mo, d) {
		return abs{}, false
	}
	return a, true
}

// monthAlone reports whether the capitalised month name at i is a date by itself.
func (m *matcher) monthAlone(i int, e *entry) bool {
	if e.monthFlag&monthAbbr != 0 {
		return false
	}
	if m.licensed(i, lexContextMonth) {
		return true
	}
	if e.monthFlag&monthAmbiguous != 0 {
		return false
	}
	// "April Ryan", "June Carter": a month followed by a capitalised word is a name.
	if n := i + 1; n < len(m.toks) && m.toks[n].kind == tWord && m.capitalised(n) && m.lex(n) == nil {
		return false
	}
	return true
}

// modified matches "last Tuesday", "next Monday", "this Friday", "last December".
func (m *matcher) modified(i int, e *entry) int {
	j := i + 1
	n := m.lex(j)
	if n == nil || !m.capitalised(j) {
		return 0
	}
	switch {
	case n.weekday > 0 && !n.wdAbbr:
		dir := before
		switch e.modifier {
		case 0:
			dir = onOrAfter
		case 1:
			dir = after
		}
		end := j + 1
		if m.daypart(end) {
			end++
		}
		return m.emitWeekday(i, end, int(n.weekday), dir)
	case n.month > 0 && n.monthFlag&monthAbbr == 0:
		if _, ok := m.monthFirst(j); ok {
			return 0 // "last May 10": the full date is matched on its own
		}
		if !m.known {
			return m.emit(i, j+1, "", parley.PrecisionUnknown)
		}
		mo, py, pm := int(n.month), m.pub.Year(), int(m.pub.Month())
		y := py
		switch {
		case e.modifier < 0 && mo >= pm:
			y--
		case e.modifier > 0 && mo <= pm:
			y++
		}
		return m.emit(i, j+1, pad(y, 4)+"-"+pad(mo, 2), parley.PrecisionMonth)
	}
	return 0
}

// weekdayAt matches a capitalised weekday name at i, alone or before a full date.
func (m *matcher) weekdayAt(i int, e *entry) int {
	j := i + 1
	if e.wdAbbr && m.punct(j, ".") && m.adjacent(j) {
		j++
	}
	if m.punct(j, ",") {
		j++
	}
	if a, ok := m.monthFirst(j); ok {
		return m.emitAbs(i, a)
	}
	if a, ok := m.dayFirst(j); ok {
		return m.emitAbs(i, a)
	}
	if e.wdAbbr {
		return 0
	}
	end := i + 1
	if m.daypart(end) {
		end++
	}
	dir := onOrBefore
	if !m.possessive(i) && m.future(i, lexFuture) {
		dir = onOrAfter
	}
	return m.emitWeekday(i, end, int(e.weekday), dir)
}

// possessive reports whether token i is followed by "'s" ("Tuesday's attack").
func (m *matcher) possessive(i int) bool {
	j := i + 1
	if j+1 >= len(m.toks) || !m.adjacent(j) || !m.adjacent(j+1) {
		return false
	}
	if !m.punct(j, "'") && !m.punct(j, "\u2019") {
		return false
	}
	s := m.tokText(j + 1)
	return s == "s" || s == "S"
}

// future reports whether a future word (with the given flag) stands before
// the date at i, within futureWindow words of the same sentence and with no
// past word in between.
func (m *matcher) future(i int, flag uint16) bool {
	words := 0
	for k := i - 1; k >= 0 && words < futureWindow; k-- {
		t := &m.toks[k]
		if t.kind == tPunct {
			switch m.tokText(k) {
			case ".", "!", "?", ";", "\"", "\u201c", "\u201d":
				return false
			}
		}
		if e := t.lex; e != nil {
			if e.flags&lexPast != 0 {
				return false
			}
			if e.flags&flag != 0 {
				return true
			}
		}
		if t.kind == tWord {
			words++
		}
		if t.flags&fLine != 0 {
			return false
		}
	}
	return false
}

// emit records tokens [i, j) as a date.
func (m *matcher) emit(i, j int, value string, p parley.Precision) int {
	s, e := m.toks[i].start, m.toks[j-1].end
	m.out = append(m.out, parley.Date{
		Text:      m.text[s:e],
		Value:     value,
		Precision: p,
		Span:      parley.Span{Start: s, End: e},
	})
	m.lastEnd = j
	return j
}

// emitAbs records tokens [i, a.end) as the absolute date a.
func (m *matcher) emitAbs(i int, a abs) int {
	if a.y == 0 {
		if n, end, ok := m.yearAfter(a.end); ok {
			// "July last year", "January of this year"
			a.end = end
			if !m.known {
				return m.emit(i, a.end, "", parley.PrecisionUnknown)
			}
			a.y = m.pub.Year() + n
		}
	}
	if a.y == 0 {
		if !m.known {
			return m.emit(i, a.end, "", parley.PrecisionUnknown)
		}
		y, ok := m.inferYear(a.m, a.d, m.future(i, lexFutureDate))
		if !ok {
			return m.emit(i, a.end, "", parley.PrecisionUnknown)
		}
		a.y = y
	}
	if a.d == 0 {
		return m.emit(i, a.end, pad(a.y, 4)+"-"+pad(a.m, 2), parley.PrecisionMonth)
	}
	return m.emit(i, a.end, pad(a.y, 4)+"-"+pad(a.m, 2)+"-"+pad(a.d, 2), parley.PrecisionDay)
}

// yearAfter matches an optional "of" and a relative year phrase ("last year",
// "this year") at j, returning its offset in years and the token after it.
func (m *matcher) yearAfter(j int) (int, int, bool) {
	if j < len(m.toks) && strings.EqualFold(m.tokText(j), "of") {
		j++
	}
	e := m.lex(j)
	if e == nil {
		return 0, 0, false
	}
	for k := range e.phrases {
		p := &e.phrases[k]
		if !p.block && p.unit == 'y' && m.phraseAt(j, p) && !m.titleCase(j, j+len(p.words)) {
			return p.n, j + len(p.words), true
		}
	}
	return 0, 0, false
}

// inferYear picks the latest year among published's -1, 0, +1 in which month
// mo (day d, or its 1st when d is 0) falls at most aheadDays after published;
// with ahead (a future word before the date) the earliest year in which it
// falls on or after published (its month, when d is 0).
func (m *matcher) inferYear(mo, d int, ahead bool) (int, bool) {
	if ahead {
		for y := m.pub.Year() - 1; y <= m.pub.Year()+1; y++ {
			if !validDay(y, mo, d) && d != 0 {
				continue
			}
			if d == 0 {
				if y > m.pub.Year() || (y == m.pub.Year() && mo >= int(m.pub.Month())) {
					return y, true
				}
				continue
			}
			if !time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC).Before(m.pub) {
				return y, true
			}
		}
	}
	limit := m.pub.AddDate(0, 0, aheadDays)
	if d == 0 {
		d = 1
	}
	for y := m.pub.Year() + 1; y >= m.pub.Year()-1; y-- {
		if !validDay(y, mo, d) {
			continue
		}
		if !time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC).After(limit) {
			return y, true
		}
	}
	return 0, false
}

// emitRel records tokens [i, j) as published shifted by n units.
func (m *matcher) emitRel(i, j, n int, unit byte) int {
	if !m.known {
		return m.emit(i, j, "", parley.PrecisionUnknown)
	}
	switch unit {
	case 'd':
		return m.emit(i, j, dayValue(m.pub.AddDate(0, 0, n)), parley.PrecisionDay)
	case 'w':
		return m.emit(i, j, monthValue(m.pub.AddDate(0, 0, 7*n)), parley.PrecisionMonth)
	case 'm':
		t := time.Date(m.pub.Year(), m.pub.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
		return m.emit(i, j, monthValue(t), parley.PrecisionMonth)
	default:
		return m.emit(i, j, pad(m.pub.Year()+n, 4), parley.PrecisionYear)
	}
}

// emitWeekday records tokens [i, j) as the weekday wd (1 Monday .. 7 Sunday)
// nearest published in direction dir.
func (m *matcher) emitWeekday(i, j, wd, dir int) int {
	if !m.known {
		return m.emit(i, j, "", parley.PrecisionUnknown)
	}
	pw := int(m.pub.Weekday())
	if pw == 0 {
		pw = 7
	}
	var delta int
	switch dir {
	case onOrBefore, before:
		delta = (pw - wd + 7) % 7
		if delta == 0 && dir == before {
			delta = 7
		}
		delta = -delta
	default:
		delta = (wd - pw + 7) % 7
		if delta == 0 && dir == after {
			delta = 7
		}
	}
	return m.emit(i, j, dayValue(m.pub.AddDate(0, 0, delta)), parley.PrecisionDay)
}

func validDay(y, mo, d int) bool {
	if mo < 1 || mo > 12 || d < 1 {
		return false
	}
	if y == 0 {
		y = 2000 // leap: "Feb. 29" without a year may be valid
	}
	return d <= time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func dayValue(t time.Time) string {
	return pad(t.Year(), 4) + "-" + pad(int(t.Month()), 2) + "-" + pad(t.Day(), 2)
}

func monthValue(t time.Time) string { return pad(t.Year(), 4) + "-" + pad(int(t.Month()), 2) }

// pad formats a non-negative n with at least w digits.
func pad(n, w int) string {
	var b [20]byte
	i := len(b)
	if n < 0 {
		n = 0
	}
	for n > 0 || i > len(b)-w {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
