package timex

import (
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tWord  tokKind = iota + 1 // letters only
	tNum                      // ASCII digits, maybe "2,000" / "3.5" (fmt) or "10th" (ord)
	tPunct                    // one non-space, non-letter, non-digit rune (or an invalid byte)
	tOther                    // letters and digits mixed: "5G", "1990s", "10T08"
)

const (
	fCap   uint8 = 1 << iota // starts with an upper-case ASCII letter
	fOrd                     // number with an ordinal suffix: "10th"
	fFmt                     // number with thousands separators or decimals: "2,000"
	fSpace                   // whitespace before the token
	fLine                    // a line break before the token
)

type token struct {
	start, end int
	num        int // value of a tNum (digits only, up to 9 of them), else -1
	kind       tokKind
	flags      uint8
	ndig       uint8 // number of digits of a tNum, capped at 255
	lex        *entry
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool       { return c >= '0' && c <= '9' }

// tokenize splits text into tokens in one pass, appending to buf. Letters and
// digits form runs; every other rune but whitespace is a token of its own.
func tokenize(text string, buf []token) []token {
	n := len(text)
	var pending uint8 // fSpace / fLine for the next token
	for i := 0; i < n; {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
				pending |= fSpace
				i++
				continue
			case c == '\n':
				pending |= fSpace | fLine
				i++
				continue
			case isASCIILetter(c) || isDigit(c):
				t, j := scanRun(text, i)
				t.flags |= pending
				pending = 0
				buf = append(buf, t)
				i = j
				continue
			default:
				buf = append(buf, token{start: i, end: i + 1, num: -1, kind: tPunct, flags: pending})
				pending = 0
				i++
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r != utf8.RuneError && unicode.IsSpace(r):
			pending |= fSpace
			if r == '\u2028' || r == '\u2029' || r == '\u0085' {
				pending |= fLine
			}
		case r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			t, j := scanRun(text, i)
			t.flags |= pending
			pending = 0
			buf = append(buf, t)
			i = j
			continue
		default:
			buf = append(buf, token{start: i, end: i + size, num: -1, kind: tPunct, flags: pending})
			pending = 0
		}
		i += size
	}
	return buf
}

// scanRun reads a run of letters and digits starting at i.
func scanRun(text string, i int) (token, int) {
	n := len(text)
	start := i
	digits, letters, others := 0, 0, 0
	lead := 0 // leading ASCII digits
	for i < n {
		c := text[i]
		if c < utf8.RuneSelf {
			if isDigit(c) {
				digits++
				if letters == 0 && others == 0 {
					lead++
				}
			} else if isASCIILetter(c) {
				letters++
			} else {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			break
		}
		others++
		i += size
	}
	t := token{start: start, end: i, num: -1}
	switch {
	case digits == 0:
		t.kind = tWord
		if c := text[start]; c >= 'A' && c <= 'Z' {
			t.flags |= fCap
		}
	case letters == 0 && others == 0:
		t.kind = tNum
		t.setNum(text[start:i])
		// Absorb thousands groups and decimals so "2,000" and "3.5" are not
		// read as two numbers.
		for i+1 < n {
			c := text[i]
			if c == ',' && threeDigits(text, i+1) {
				i += 4
				t.flags |= fFmt
				continue
			}
			if c == '.' && isDigit(text[i+1]) {
				j := i + 1
				for j < n && isDigit(text[j]) {
					j++
				}
				i = j
				t.flags |= fFmt
				continue
			}
			break
		}
		t.end = i
	case lead == digits && others == 0 && letters == 2 && i-start == lead+2 && isOrdinal(text[start+lead:i]):
		t.kind = tNum
		t.flags |= fOrd
		t.setNum(text[start : start+lead])
	default:
		t.kind = tOther
	}
	return t, i
}

// threeDigits reports whether text[i:i+3] are digits and no digit follows.
func threeDigits(text string, i int) bool {
	if i+3 > len(text) {
		return false
	}
	if !isDigit(text[i]) || !isDigit(text[i+1]) || !isDigit(text[i+2]) {
		return false
	}
	return i+3 == len(text) || !isDigit(text[i+3])
}

func isOrdinal(s string) bool {
	a, b := s[0]|0x20, s[1]|0x20
	return (a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') || (a == 't' && b == 'h')
}

func (t *token) setNum(digits string) {
	if len(digits) > 255 {
		t.ndig = 255
	} else {
		t.ndig = uint8(len(digits))
	}
	if len(digits) > 9 {
		t.num = -1
		return
	}
	v := 0
	for k := 0; k < len(digits); k++ {
		v = v*10 + int(digits[k]-'0')
	}
	t.num = v
}
