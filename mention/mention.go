// Package mention finds the words in a segmented article that may name an
// actor: countries, demonyms, capitals, seats of power, organisations,
// titles, institution nouns, capitalised names and pronouns. It decides
// nothing about who is who; package actor does that with the context.
package mention

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/lexicon"
	"github.com/parley-events/parley/segment"
)

// Kind is what a mention is.
type Kind uint8

const (
	Country Kind = iota + 1
	Demonym
	Capital
	Metonym
	Org
	Title
	Institution
	Qualifier
	Name // a run of capitalised words that is not in any dictionary
	Pronoun
	Cue // a multi-word speech cue
	Region
	Descriptor // "the bloc", "the regional body": an organisation named before
)

var kindNames = [...]string{"", "country", "demonym", "capital", "metonym", "org", "title", "institution", "qualifier", "name", "pronoun", "cue", "region", "descriptor"}

func (k Kind) String() string { return kindNames[k] }

// Mention is a run of tokens [First, Last).
type Mention struct {
	Kind        Kind
	First, Last int
	Entry       *lexicon.Entry // the dictionary entry, nil for names and pronouns
	// SentenceStart is set on a name whose first word opens its sentence,
	// where a capital letter proves nothing.
	SentenceStart bool
	Pronoun       lexicon.Pronoun
}

// Set is every mention of one document, in text order, and an index from
// token to mention.
type Set struct {
	Doc      *segment.Doc
	Mentions []Mention
	byToken  []int32 // mention index + 1 covering each token, 0 for none
	inDate   []bool
}

// At returns the mention covering token i, or nil.
func (s *Set) At(i int) *Mention {
	if i < 0 || i >= len(s.byToken) || s.byToken[i] == 0 {
		return nil
	}
	return &s.Mentions[s.byToken[i]-1]
}

// InDate reports whether token i belongs to a date expression.
func (s *Set) InDate(i int) bool { return i >= 0 && i < len(s.inDate) && s.inDate[i] }

// Text returns the text a mention covers.
func (s *Set) Text(m *Mention) string {
	return s.Doc.Text[s.Doc.Tokens[m.First].Start:s.Doc.Tokens[m.Last-1].End]
}

// Span returns a mention's byte span.
func (s *Set) Span(m *Mention) parley.Span {
	return parley.Span{Start: int(s.Doc.Tokens[m.First].Start), End: int(s.Doc.Tokens[m.Last-1].End)}
}

var typeKind = map[lexicon.Type]Kind{
	lexicon.Country: Country, lexicon.Demonym: Demonym, lexicon.Capital: Capital,
	lexicon.Metonym: Metonym, lexicon.Org: Org, lexicon.Title: Title,
	lexicon.Institution: Institution, lexicon.Qualifier: Qualifier, lexicon.Cue: Cue,
	lexicon.Region: Region,
}

// preference orders entry types when one phrase has several readings
// ("Djibouti" the country and the capital).
var preference = map[lexicon.Type]int{
	lexicon.Country: 9, lexicon.Org: 8, lexicon.Demonym: 7, lexicon.Metonym: 6, lexicon.Capital: 5,
	lexicon.Region: 5, lexicon.Title: 4, lexicon.Institution: 3, lexicon.Qualifier: 2, lexicon.Cue: 1,
}

// Find marks the mentions in d. dates are the document's date expressions;
// their words are never names.
func Find(lx *lexicon.Lexicon, d *segment.Doc, dates []parley.Date) *Set {
	s := &Set{Doc: d, byToken: make([]int32, len(d.Tokens)), inDate: make([]bool, len(d.Tokens))}
	for _, dt := range dates {
		for i := d.TokenAt(dt.Span.Start); i < len(d.Tokens) && int(d.Tokens[i].Start) < dt.Span.End; i++ {
			s.inDate[i] = true
		}
	}
	sent := 0
	for i := 0; i < len(d.Tokens); {
		for sent < len(d.Sentences) && d.Sentences[sent].Last <= i {
			sent++
		}
		if s.inDate[i] {
			i++
			continue
		}
		if m, ok := lx.Longest(d, i); ok && !insideLargerName(lx, d, s, m, sent) && !placeAsName(lx, d, m) && !cityInNamedThing(lx, d, m) {
			e := best(m.Entries)
			// A capitalised title word at a sentence start followed by a name is
			// still a title ("President Tokayev"); a lone capitalised dictionary
			// word mid-name is not split off here: the name run takes precedence
			// only for words that are not in any dictionary.
			s.add(Mention{Kind: typeKind[e.Type], First: m.First, Last: m.Last, Entry: e})
			i = m.Last
			continue
		}
		t := d.Tokens[i]
		key := d.Key(i)
		if e := compoundCountry(lx, d, i); e != nil {
			// "Chinese-funded", "Russian-backed", "U.S.-led": the country behind it
			s.add(Mention{Kind: Demonym, First: i, Last: i + 1, Entry: e})
			i++
			continue
		}
		if t.Kind == segment.Word && !t.Is(segment.Upper) && lx.IsOrgDescriptor(key) && definite(d, i) {
			s.add(Mention{Kind: Descriptor, First: i, Last: i + 1})
			i++
			continue
		}
		if p, ok := lx.PronounOf(key); ok && t.Kind == segment.Word {
			s.add(Mention{Kind: Pronoun, First: i, Last: i + 1, Pronoun: p})
			i++
			continue
		}
		if isNameWord(lx, d, i) {
			j := i + 1
			for j < len(d.Tokens) && !d.Tokens[j].Is(segment.LineBefore) && !s.inDate[j] {
				if isNameWord(lx, d, j) && (!startsEntry(lx, d, j) || cityInName(lx, d, i, j)) {
					j++
					continue
				}
				// "Hassan Sheikh Mohamud", "Abdullahi Osman Haji": an honorific inside a name
				if n := honorificInName(lx, d, i, j); n > 0 {
					j += n
					continue
				}
				// an Arabic article joined to a name: "Muqtada al-Sadr"
				if isArticleName(d, j) {
					j++
					continue
				}
				// "Peace and Security Council", "Institute for Security Studies": a
				// connector inside the name of a body
				if k := d.Key(j); (k == "and" || k == "of" || k == "for" || k == "&") && j+1 < len(d.Tokens) &&
					isNameWord(lx, d, j+1) && !startsEntry(lx, d, j+1) &&
					(lx.HeadClass(d.Key(j-1)) == "org" || lx.HeadClass(d.Key(j+1)) == "org") {
					j += 2
					continue
				}
				// particles between two name words: "Mohammed bin Salman", "Ursula von der Leyen"
				k := j
				for k < len(d.Tokens) && k < j+3 && lx.IsParticle(d.Key(k)) {
					k++
				}
				if k > j && k < len(d.Tokens) && isNameWord(lx, d, k) && d.Tokens[j-1].Kind == segment.Word {
					j = k + 1
					continue
				}
				break
			}
			start := sent < len(d.Sentences) && d.Sentences[sent].First == i
			if !start && i > 0 && d.Tokens[i-1].Kind == segment.Quote {
				// a capital right after an opening quote mark also proves nothing
				start = i-1 == 0 || d.Sentences[sent].First == i-1
			}
			s.add(Mention{Kind: Name, First: i, Last: j, SentenceStart: start})
			i = j
			continue
		}
		i++
	}
	return s
}

// compoundCountry reads a hyphenated adjective whose first part names a
// country and whose last is a participle such as "led" or "funded".
func compoundCountry(lx *lexicon.Lexicon, d *segment.Doc, i int) *lexicon.Entry {
	t := d.Tokens[i]
	if t.Kind != segment.Word || !t.Is(segment.Upper) {
		return nil
	}
	k := d.Key(i)
	h := strings.LastIndexByte(k, '-')
	if h <= 0 || !lx.IsAdjectiveSuffix(k[h+1:]) {
		return nil
	}
	w := d.TokenText(i)
	for _, e := range lx.Single(k[:h]) {
		if (e.Type == lexicon.Demonym || e.Type == lexicon.Country) && (e.Exact == "" || strings.HasPrefix(w, e.Exact+"-")) {
			return e
		}
	}
	return nil
}

// definite reports whether "the" stands before token i, with at most two
// lower-case modifiers between ("the regional body", "the 27-member bloc").
func definite(d *segment.Doc, i int) bool {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		k := d.Key(j)
		if k == "the" {
			return true
		}
		if t := d.Tokens[j]; t.Kind == segment.Punct || t.Is(segment.Upper) {
			return false
		}
	}
	return false
}

// cityInNamedThing reports whether a capital begins the name of a treaty,
// body or event ("Vienna Convention", "Minsk Group", "Paris Agreement"): the
// city is no acting side there.
func cityInNamedThing(lx *lexicon.Lexicon, d *segment.Doc, m lexicon.Match) bool {
	if best(m.Entries).Type != lexicon.Capital || m.Last >= len(d.Tokens) || !d.Tokens[m.Last].Is(segment.Upper) {
		return false
	}
	switch lx.HeadClass(d.Key(m.Last)) {
	case "thing", "event", "org":
		return !startsEntry(lx, d, m.Last)
	}
	return false
}

// placeAsName reports whether a one-word place begins a personal name:
// "said Gao Jian", "Aden Barre Duale said" — a town or capital followed by a
// capitalised word of no dictionary, and not after a preposition.
func placeAsName(lx *lexicon.Lexicon, d *segment.Doc, m lexicon.Match) bool {
	if m.Last-m.First != 1 || m.Last >= len(d.Tokens) {
		return false
	}
	switch best(m.Entries).Type {
	case lexicon.Region, lexicon.Capital:
	default:
		return false
	}
	if !isNameWord(lx, d, m.Last) || startsEntry(lx, d, m.Last) || lx.HeadClass(d.Key(m.Last)) != "" {
		return false
	}
	if m.First > 0 {
		switch d.Key(m.First - 1) {
		case "in", "at", "from", "to", "near", "of", "into", "across", "outside", "inside", "around", "and", ",":
			return false
		}
	}
	return true
}

// insideLargerName reports whether a multi-word organisation match is the
// tail of a longer capitalised name: "High Security Council", "Peace and
// Security Council" are not the UN Security Council.
func insideLargerName(lx *lexicon.Lexicon, d *segment.Doc, s *Set, m lexicon.Match, sent int) bool {
	if m.Last-m.First < 2 || best(m.Entries).Type != lexicon.Org || m.First == 0 {
		return false
	}
	j := m.First - 1
	if k := d.Key(j); (k == "and" || k == "&") && j > 0 {
		j--
	}
	if s.At(j) != nil && s.At(j).Kind != Name {
		return false // "U.N. Security Council": a dictionary word before it
	}
	if sent < len(d.Sentences) && d.Sentences[sent].First == j {
		return false
	}
	return isNameWord(lx, d, j)
}

func best(entries []*lexicon.Entry) *lexicon.Entry {
	b := entries[0]
	for _, e := range entries[1:] {
		if preference[e.Type] > preference[b.Type] {
			b = e
		}
	}
	return b
}

// startsEntry reports whether a proper-name dictionary entry starts at token i,
// which ends a running name ("Andrei Belousov Russia" never happens, but
// "Kamara Mali" in a list does).
func startsEntry(lx *lexicon.Lexicon, d *segment.Doc, i int) bool {
	m, ok := lx.Longest(d, i)
	if !ok {
		return false
	}
	switch best(m.Entries).Type {
	case lexicon.Country, lexicon.Demonym, lexicon.Org, lexicon.Metonym, lexicon.Capital, lexicon.Title, lexicon.Region, lexicon.Institution:
		return true
	}
	return false
}

// isNameWord reports whether token i can be part of a proper name: a
// capitalised word (or an initial), not a function word.
func isNameWord(lx *lexicon.Lexicon, d *segment.Doc, i int) bool {
	t := d.Tokens[i]
	if t.Kind != segment.Word || !t.Is(segment.Upper) || t.Is(segment.Possessive) {
		return false
	}
	if lx.IsFunction(d.Key(i)) {
		return false
	}
	// "Jakarta-based", "Twenty-year-old", "French-built": a compound adjective, not a name
	k := d.Key(i)
	if h := strings.LastIndexByte(k, '-'); h >= 0 && lx.IsAdjectiveSuffix(k[h+1:]) {
		return false
	}
	if strings.ContainsAny(k, "0123456789") {
		return false // "Y-20", "3R": models and codes, not names
	}
	return true
}

// cityInName reports whether a city name at token j continues a personal
// name begun with a given name at i: "Shamsa Mohamed Aden".
func cityInName(lx *lexicon.Lexicon, d *segment.Doc, i, j int) bool {
	m, ok := lx.Longest(d, j)
	if !ok || m.Last != j+1 || best(m.Entries).Type != lexicon.Capital {
		return false
	}
	return lx.GivenName(d.Key(i)) != 0
}

// honorificInName reports how many tokens an honorific at j takes when it
// stands inside a personal name begun with a given name at i, as Sheikh and
// Haji do in Somali and Arabic names; 0 when it does not.
func honorificInName(lx *lexicon.Lexicon, d *segment.Doc, i, j int) int {
	m, ok := lx.Longest(d, j)
	if !ok || best(m.Entries).Type != lexicon.Title || best(m.Entries).Kind != "honorific" || m.Last != j+1 {
		return 0
	}
	if lx.GivenName(d.Key(i)) == 0 || !d.Tokens[j].Is(segment.Upper) {
		return 0
	}
	return 1
}

// isArticleName reports whether token i is an Arabic article joined to a
// capitalised name: "al-Sadr", "el-Sisi".
func isArticleName(d *segment.Doc, i int) bool {
	w := d.TokenText(i)
	for _, p := range []string{"al-", "el-", "ad-", "ash-", "as-", "az-", "ar-", "an-"} {
		if strings.HasPrefix(w, p) && len(w) > len(p) {
			r, _ := utf8.DecodeRuneInString(w[len(p):])
			return unicode.IsUpper(r)
		}
	}
	return false
}

func (s *Set) add(m Mention) {
	s.Mentions = append(s.Mentions, m)
	for i := m.First; i < m.Last; i++ {
		s.byToken[i] = int32(len(s.Mentions))
	}
}
