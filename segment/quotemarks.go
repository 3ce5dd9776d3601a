package segment

// Quotation marks are paired on the raw text, because a quotation may run
// over sentence and paragraph breaks. Package quote decides which spans are
// quotations and who said them; earlier stages use the same spans to tell
// what stands inside someone's words.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// QuoteSpan is a quoted stretch: the text between the marks [Start, End) and
// the marks themselves [Open, Close). An unclosed quotation ends at its
// paragraph, with Close == End.
type QuoteSpan struct {
	Open, Start, End, Close int
}

type span = QuoteSpan

type markRole uint8

const (
	canOpen markRole = 1 << iota
	canClose
)

type mark struct {
	pos, size int
	r         rune
	role      markRole
	double    bool
}

func isSpaceRune(r rune) bool { return unicode.IsSpace(r) || r == 0 }

func runeBefore(text string, i int) rune {
	if i <= 0 {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return r
}

func runeAfter(text string, i int) rune {
	if i >= len(text) {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return r
}

func isOpenContext(r rune) bool {
	return r == 0 || isSpaceRune(r) || r == '(' || r == '[' || r == '—' || r == '–' || r == '-' || r == '/' || r == ':'
}

// scanMarks lists the double quotation marks (and, separately, single ones)
// with what each could do, judged by glyph and by the characters around it.
func scanMarks(text string) (doubles, singles []mark) {
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		b, a := runeBefore(text, i), runeAfter(text, i+size)
		switch r {
		case '“', '„', '«', '‹':
			role := canOpen
			if r == '“' && !isOpenContext(b) && (isSpaceRune(a) || unicode.IsPunct(a)) {
				role = canClose // German „…“ closes with “
			}
			m := mark{pos: i, size: size, r: r, role: role, double: r != '‹'}
			if r == '‹' {
				singles = append(singles, m)
			} else {
				doubles = append(doubles, m)
			}
		case '”', '»', '›':
			role := canClose
			if r == '»' && isOpenContext(b) && !isSpaceRune(a) && a != 0 && b != 0 && !unicode.IsPunct(b) {
				role = canOpen // Danish/Swedish »…«-style, rare
			}
			if r == '»' && (b == 0 || b == '\n') && isSpaceRune(a) {
				role = 0 // a bullet
			}
			m := mark{pos: i, size: size, r: r, role: role, double: r != '›'}
			if r == '›' {
				singles = append(singles, m)
			} else {
				doubles = append(doubles, m)
			}
		case '"':
			if b == '=' {
				// markup or code in the text (onerror="…"): an attribute value, no quotation
				i += size
				if j := strings.IndexByte(text[i:], '"'); j >= 0 {
					i += j + 1
				}
				continue
			}
			var role markRole
			if isOpenContext(b) && !isSpaceRune(a) && a != 0 {
				role |= canOpen
			}
			if !isOpenContext(b) || b == ':' {
				if isSpaceRune(a) || a == 0 || unicode.IsPunct(a) {
					role |= canClose
				}
			}
			if role == 0 {
				role = canOpen | canClose
			}
			doubles = append(doubles, mark{pos: i, size: size, r: r, role: role, double: true})
		case '‘':
			if isOpenContext(b) || b == '"' || b == '“' {
				singles = append(singles, mark{pos: i, size: size, r: r, role: canOpen})
			}
		case '’', '\'':
			letterBefore := unicode.IsLetter(b) || unicode.IsDigit(b)
			letterAfter := unicode.IsLetter(a) || unicode.IsDigit(a)
			switch {
			case letterBefore && letterAfter:
				// an apostrophe: don’t, Mali’s
			case r == '\'' && isOpenContext(b) && letterAfter:
				singles = append(singles, mark{pos: i, size: size, r: r, role: canOpen})
			case !isOpenContext(b) && !letterAfter:
				singles = append(singles, mark{pos: i, size: size, r: r, role: canClose})
			}
		}
		i += size
	}
	return doubles, singles
}

// pair matches opening and closing marks into quotations. A quotation may run
// over paragraph breaks when the next paragraph opens with a mark again (the
// news convention) or when a directional opening mark is next closed there;
// otherwise an unclosed quotation ends with its paragraph.
func pair(text string, marks []mark) []span {
	var out []span
	open, from := -1, 0 // from: where the quotation's current paragraph starts
	for k := 0; k < len(marks); k++ {
		m := marks[k]
		if open < 0 {
			if m.role&canOpen != 0 {
				open, from = k, m.pos
			}
			continue
		}
		om := marks[open]
		// a paragraph break between the quotation's current paragraph and this mark
		if nl := indexNewline(text, from, m.pos); nl >= 0 {
			nextPara := skipSpace(text, nl)
			switch {
			case nextPara == m.pos && m.role&canOpen != 0:
				// "…\n\n“…" continues the quotation; keep the first opening mark
				from = m.pos
				continue
			case om.r != '"' && m.role&canClose != 0 && indexNewline(text, nl+1, m.pos) < 0 && skipSpace(text, nl) != m.pos:
				// «…\n…» closes in the next paragraph
			default:
				end := trimRightSpace(text, nl)
				if end > om.pos+om.size {
					out = append(out, span{Open: om.pos, Start: om.pos + om.size, End: end, Close: end})
				}
				open = -1
				k-- // look at this mark again as a possible opener
				continue
			}
		}
		if m.role&canClose != 0 {
			out = append(out, span{Open: om.pos, Start: om.pos + om.size, End: m.pos, Close: m.pos + m.size})
			open = -1
			continue
		}
		// two openers in a row: the first was a stray mark
		open, from = k, m.pos
	}
	if open >= 0 {
		om := marks[open]
		end := len(text)
		if nl := indexNewline(text, from, len(text)); nl >= 0 {
			end = nl
		}
		end = trimRightSpace(text, end)
		if end > om.pos+om.size {
			out = append(out, span{Open: om.pos, Start: om.pos + om.size, End: end, Close: end})
		}
	}
	return out
}

func indexNewline(text string, from, to int) int {
	for i := from; i < to && i < len(text); i++ {
		if text[i] == '\n' {
			return i
		}
	}
	return -1
}

func skipSpace(text string, i int) int {
	for i < len(text) && (text[i] == '\n' || text[i] == ' ' || text[i] == '\t' || text[i] == '\r') {
		i++
	}
	return i
}

func trimRightSpace(text string, i int) int {
	for i > 0 && (text[i-1] == ' ' || text[i-1] == '\n' || text[i-1] == '\t' || text[i-1] == '\r') {
		i--
	}
	return i
}

// QuoteSpans returns the outer quoted stretches of a text, in order.
func QuoteSpans(text string) []QuoteSpan { return findSpans(text) }

// findSpans returns the outer quotations of a text: double marks first, then
// single marks used as outer marks outside any double quotation.
func findSpans(text string) []span {
	doubles, singles := scanMarks(text)
	spans := pair(text, doubles)
	if len(singles) == 0 {
		return spans
	}
	var outside []mark
	for _, m := range singles {
		if !insideAny(spans, m.pos) {
			outside = append(outside, m)
		}
	}
	for _, sp := range pairSingles(text, outside) {
		spans = insertSorted(spans, sp)
	}
	return spans
}

// pairSingles pairs single marks within a paragraph only: an unmatched single
// mark is far more often an apostrophe than a quotation left open.
func pairSingles(text string, marks []mark) []span {
	var out []span
	open, from := -1, 0
	for k, m := range marks {
		if open >= 0 {
			if nl := indexNewline(text, from, m.pos); nl >= 0 {
				// "‘…\n\n‘…’" continues over the paragraph break, as with double marks
				if skipSpace(text, nl) == m.pos && m.role&canOpen != 0 {
					from = m.pos
					continue
				}
				open = -1
			}
		}
		if open < 0 {
			if m.role&canOpen != 0 {
				open, from = k, m.pos
			}
			continue
		}
		if m.role&canClose != 0 {
			om := marks[open]
			out = append(out, span{Open: om.pos, Start: om.pos + om.size, End: m.pos, Close: m.pos + m.size})
			open = -1
		} else if m.role&canOpen != 0 {
			open, from = k, m.pos
		}
	}
	return out
}

func insideAny(spans []span, pos int) bool {
	for _, s := range spans {
		if pos >= s.Open && pos < s.Close {
			return true
		}
	}
	return false
}

func insertSorted(spans []span, sp span) []span {
	i := len(spans)
	for i > 0 && spans[i-1].Open > sp.Open {
		i--
	}
	spans = append(spans, span{})
	copy(spans[i+1:], spans[i:])
	spans[i] = sp
	return spans
}
