// Package segment cuts article text into paragraphs, sentences and tokens,
// each with its byte offsets, in one linear pass.
//
// Tokens are small value types (offsets and flags, no strings) in the spirit
// of go/token: every later stage refers to text by token index or byte span
// and slices the original string only when it must.
package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind classifies a token.
type Kind uint8

const (
	Word   Kind = iota // letters, possibly with digits, inner hyphens, apostrophes or abbreviation dots
	Number             // digits, possibly with inner separators
	Punct              // any other single character
	Quote              // a quotation mark or apostrophe-like mark standing alone
)

// Flags describe a token's surface.
type Flags uint16

const (
	Upper      Flags = 1 << iota // first letter is upper case
	AllUpper                     // every letter is upper case (and there are at least two)
	SpaceAfter                   // white space follows the token
	LineBefore                   // a line break precedes the token (paragraph start)
	Possessive                   // the token is "'s" / "’s" split off a word
	Abbrev                       // a word that ends in a dot that belongs to it ("Gen.", "U.S.")
)

// Token is one token of the text: Text[Start:End].
type Token struct {
	Start, End int32
	Kind       Kind
	Flags      Flags
}

// Is reports whether all of f are set.
func (t Token) Is(f Flags) bool { return t.Flags&f == f }

// Sentence is a run of tokens [First, Last) covering Span bytes.
type Sentence struct {
	Start, End  int // byte offsets
	First, Last int // token indexes
	Para        int // paragraph index
}

// Paragraph is a line of text (blank lines separate nothing more than a line break does).
type Paragraph struct {
	Start, End  int
	First, Last int // token indexes
}

// Doc is a segmented text.
type Doc struct {
	Text       string
	Tokens     []Token
	Sentences  []Sentence
	Paragraphs []Paragraph
	// keys caches the normalised form of each word token (see Key).
	keys   []string
	quoted []bool
}

// Abbreviations decides whether a word (lower case, with its dot) is an
// abbreviation whose dot does not end a sentence.
type Abbreviations interface {
	IsAbbrev(lowerWithDot string) bool
}

// Split segments text. abbr may be nil.
func Split(text string, abbr Abbreviations) *Doc {
	d := &Doc{Text: text}
	d.Tokens = tokenize(text, abbr, make([]Token, 0, len(text)/5+8))
	d.keys = make([]string, len(d.Tokens))
	for i := range d.Tokens {
		d.keys[i] = normalize(d.TokenText(i))
	}
	d.splitParagraphs()
	d.splitSentences(abbr)
	return d
}

// TokenText returns the text of token i.
func (d *Doc) TokenText(i int) string {
	t := d.Tokens[i]
	return d.Text[t.Start:t.End]
}

// Key returns token i in the normalised form used for dictionary look-ups:
// lower case, accents folded, curly apostrophes made straight.
//
// Out of range it returns "": the look-arounds of later stages ("the word
// after this name") need no bounds checks of their own.
func (d *Doc) Key(i int) string {
	if i < 0 || i >= len(d.keys) {
		return ""
	}
	return d.keys[i]
}

// SentenceOf returns the index of the sentence holding token i.
func (d *Doc) SentenceOf(i int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		if d.Sentences[m].Last <= i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// TokenAt returns the index of the first token that ends after byte offset off.
func (d *Doc) TokenAt(off int) int {
	lo, hi := 0, len(d.Tokens)
	for lo < hi {
		m := (lo + hi) / 2
		if int(d.Tokens[m].End) <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

func isQuoteRune(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '„', '‟', '«', '»', '‘', '’', '‚', '‹', '›', '「', '」':
		return true
	}
	return false
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

func isLetter(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) }

// tokenize is a hand-written scanner: one pass, no regular expressions.
func tokenize(text string, abbr Abbreviations, toks []Token) []Token {
	n := len(text)
	lineBefore := true
	for i := 0; i < n; {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '\n' || r == '\r' || r == '\u2029' || r == '\u2028' {
			lineBefore = true
			if len(toks) > 0 {
				toks[len(toks)-1].Flags |= SpaceAfter
			}
			i += size
			continue
		}
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\ufeff' || r == '\u200b' {
			if len(toks) > 0 {
				toks[len(toks)-1].Flags |= SpaceAfter
			}
			i += size
			continue
		}
		start := i
		var t Token
		switch {
		case isLetter(r) || unicode.IsDigit(r):
			i = scanWord(text, i)
			t = Token{Start: int32(start), End: int32(i), Kind: Word}
			if allDigits(text[start:i]) || isNumeric(text[start:i]) {
				t.Kind = Number
			}
			// A dot that belongs to the word: initials ("J."), initialisms
			// ("U.S." already scanned whole) and listed abbreviations ("Gen.").
			if i < n && text[i] == '.' && t.Kind == Word {
				w := text[start:i]
				if strings.IndexByte(w, '.') >= 0 || isInitial(w) || (abbr != nil && abbr.IsAbbrev(strings.ToLower(w)+".")) {
					i++
					t.End = int32(i)
					t.Flags |= Abbrev
				}
			} else if t.Kind == Word && strings.IndexByte(text[start:i], '.') >= 0 {
				t.Flags |= Abbrev
			}
			setCase(&t, text[start:t.End])
		case isApostrophe(r) && i+size < n && (text[i+size] == 's' || text[i+size] == 'S') &&
			(i+size+1 >= n || !isLetterAt(text, i+size+1)) && len(toks) > 0 && toks[len(toks)-1].End == int32(i) &&
			toks[len(toks)-1].Kind != Punct && toks[len(toks)-1].Kind != Quote:
			i += size + 1
			t = Token{Start: int32(start), End: int32(i), Kind: Word, Flags: Possessive}
		case isQuoteRune(r):
			i += size
			t = Token{Start: int32(start), End: int32(i), Kind: Quote}
		default:
			i += size
			t = Token{Start: int32(start), End: int32(i), Kind: Punct}
		}
		if lineBefore {
			t.Flags |= LineBefore
			lineBefore = false
		}
		toks = append(toks, t)
	}
	return toks
}

func isLetterAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isLetter(r) || unicode.IsDigit(r)
}

// scanWord scans letters and digits, joined by single inner hyphens, apostrophes
// (not a possessive 's), dots between letters (U.S.) and separators between digits.
func scanWord(text string, i int) int {
	n := len(text)
	for i < n {
		r, size := utf8.DecodeRuneInString(text[i:])
		if isLetter(r) || unicode.IsDigit(r) {
			i += size
			continue
		}
		if i+size >= n {
			break
		}
		next, nsize := utf8.DecodeRuneInString(text[i+size:])
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		switch {
		case isHyphen(r) && (isLetter(next) || unicode.IsDigit(next)) && !(unicode.IsDigit(prev) && unicode.IsDigit(next)):
			i += size
		case isApostrophe(r) && isLetter(next) && isLetter(prev):
			// don't, O'Brien; but not the possessive 's, which is split off
			if (next == 's' || next == 'S') && (i+size+nsize >= n || !isLetterAt(text, i+size+nsize)) {
				return i
			}
			i += size
		case r == '.' && isLetter(next) && isLetter(prev) && shortSegment(text, i) && followedByDot(text, i+size):
			// U.S., U.N., U.A.E.: letter groups of one or two separated by dots
			i += size
		case (r == ',' || r == '.') && unicode.IsDigit(prev) && unicode.IsDigit(next):
			i += size
		default:
			return i
		}
	}
	return i
}

// shortSegment reports whether the letters before the dot at i are one or two.
func shortSegment(text string, i int) bool {
	k := 0
	for j := i; j > 0 && k < 3; {
		r, size := utf8.DecodeLastRuneInString(text[:j])
		if !isLetter(r) {
			break
		}
		k++
		j -= size
	}
	return k <= 2
}

// followedByDot reports whether the letters starting at i are one or two and then a dot.
func followedByDot(text string, i int) bool {
	k := 0
	for i < len(text) && k < 3 {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '.' {
			return k >= 1
		}
		if !isLetter(r) {
			return false
		}
		k++
		i += size
	}
	return false
}

func isInitial(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	return size == len(w) && unicode.IsUpper(r)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

func isNumeric(s string) bool {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == ',' || c == '.') {
			return false
		}
	}
	return true
}

func setCase(t *Token, w string) {
	letters, upper := 0, 0
	first := true
	for _, r := range w {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if unicode.IsUpper(r) {
			upper++
			if first {
				t.Flags |= Upper
			}
		}
		first = false
	}
	if letters >= 2 && upper == letters {
		t.Flags |= AllUpper
	}
}

func (d *Doc) splitParagraphs() {
	start := 0
	for i, t := range d.Tokens {
		if i > 0 && t.Is(LineBefore) {
			d.Paragraphs = append(d.Paragraphs, Paragraph{
				Start: int(d.Tokens[start].Start), End: int(d.Tokens[i-1].End), First: start, Last: i})
			start = i
		}
	}
	if start < len(d.Tokens) {
		d.Paragraphs = append(d.Paragraphs, Paragraph{
			Start: int(d.Tokens[start].Start), End: int(d.Tokens[len(d.Tokens)-1].End), First: start, Last: len(d.Tokens)})
	}
}

// splitSentences ends a sentence after . ! ? (and any closing quotes or
// brackets that follow) when white space and a plausible sentence start come
// next, and always at a paragraph end.
func (d *Doc) splitSentences(abbr Abbreviations) {
	for p, para := range d.Paragraphs {
		start := para.First
		for i := para.First; i < para.Last; i++ {
			t := d.Tokens[i]
			end := false
			if t.Kind == Punct {
				c := d.Text[t.Start]
				if c == '.' || c == '!' || c == '?' || d.Text[t.Start:t.End] == "…" {
					end = true
				}
			} else if t.Is(Abbrev) && d.isInitialism(i) && i+1 < para.Last && sentenceStarters[d.keys[i+1]] {
				end = true // "… in the U.S. The talks …"
			}
			if !end {
				continue
			}
			j := i
			// take closing quotes and brackets with the sentence
			for j+1 < para.Last {
				nt := d.Tokens[j+1]
				s := d.Text[nt.Start:nt.End]
				if (nt.Kind == Quote && !d.opensQuote(j+1)) || s == ")" || s == "]" {
					j++
					continue
				}
				break
			}
			if j+1 >= para.Last {
				break
			}
			if !d.Tokens[j].Is(SpaceAfter) {
				continue
			}
			if !d.startsSentence(j + 1) {
				continue
			}
			d.Sentences = append(d.Sentences, Sentence{
				Start: int(d.Tokens[start].Start), End: int(d.Tokens[j].End), First: start, Last: j + 1, Para: p})
			start = j + 1
			i = j
		}
		if start < para.Last {
			d.Sentences = append(d.Sentences, Sentence{
				Start: int(d.Tokens[start].Start), End: int(d.Tokens[para.Last-1].End), First: start, Last: para.Last, Para: p})
		}
	}
}

// isInitialism reports whether token i is a dotted initialism like "U.S.".
func (d *Doc) isInitialism(i int) bool {
	s := d.TokenText(i)
	return strings.Count(s, ".") >= 2
}

var sentenceStarters = map[string]bool{
	"the": true, "a": true, "an": true, "he": true, "she": true, "it": true, "they": true, "we": true,
	"but": true, "and": true, "in": true, "on": true, "this": true, "that": true, "there": true,
	"i": true, "his": true, "her": true, "their": true, "its": true, "as": true, "at": true, "after": true,
}

func (d *Doc) startsSentence(i int) bool {
	t := d.Tokens[i]
	switch t.Kind {
	case Quote:
		return true
	case Number:
		return true
	case Punct:
		s := d.Text[t.Start:t.End]
		return s == "(" || s == "[" || s == "—" || s == "-"
	}
	if !t.Is(Upper) {
		return false
	}
	return true
}

// opensQuote guesses whether the quote mark at token i opens a quotation:
// it does when nothing but space or an opening bracket stands before it and a
// word follows it directly.
func (d *Doc) opensQuote(i int) bool {
	t := d.Tokens[i]
	r, _ := utf8.DecodeRuneInString(d.Text[t.Start:])
	switch r {
	case '“', '«', '„', '‘', '‹':
		return true
	case '”', '»', '’', '›':
		return false
	}
	spaceBefore := i == 0 || d.Tokens[i-1].Is(SpaceAfter) || t.Is(LineBefore)
	spaceAfter := t.Is(SpaceAfter)
	return spaceBefore && !spaceAfter
}

// normalize gives the dictionary form of a token: lower case, accents
// removed, curly apostrophes made straight. ASCII lower-case words are
// returned as they are, without allocating.
func normalize(s string) string {
	simple := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || (c >= 'A' && c <= 'Z') {
			simple = false
			break
		}
	}
	if simple {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '’', '‘', '`', '´':
			r = '\''
		case '‐', '‑', '–':
			r = '-'
		}
		if f, ok := foldRune(r); ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Normalize exposes the dictionary form for callers that build dictionaries.
func Normalize(s string) string { return normalize(s) }

// Quoted marks the tokens that stand inside quotation marks (QuoteSpans).
func (d *Doc) Quoted() []bool {
	if d.quoted != nil {
		return d.quoted
	}
	mask := make([]bool, len(d.Tokens))
	for _, q := range QuoteSpans(d.Text) {
		for i := d.TokenAt(q.Start); i < len(d.Tokens) && int(d.Tokens[i].Start) < q.End; i++ {
			mask[i] = true
		}
	}
	d.quoted = mask
	return mask
}
