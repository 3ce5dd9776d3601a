// Package lexicon loads Parley's word lists and gazetteers from the embedded
// data files and matches them against segmented text in one pass: every
// multi-word entry lives in a single trie over normalised tokens, so a look-up
// costs the length of the match, not the size of the dictionary.
package lexicon

import (
	"strings"
	"sync"

	"github.com/parley-events/parley/data"
	"github.com/parley-events/parley/segment"
)

// Type is what an entry names.
type Type uint8

const (
	Country     Type = iota + 1 // a country by name
	Demonym                     // an adjective or people noun of a country
	Capital                     // a capital city, standing for its government
	Metonym                     // a seat of power standing for an organ (Kremlin, White House)
	Org                         // an organisation by name or abbreviation
	Title                       // an office, rank or honorific
	Person                      // a well-known person
	Institution                 // an institution head noun (ministry, army)
	Qualifier                   // a word that sets an institution's sector (defense)
	Cue                         // a multi-word speech cue ("according to")
	Region                      // a region or territory: a place, never an acting side
)

// Entry is one dictionary fact.
type Entry struct {
	Type   Type
	Code   string // ISO3, or organisation code
	Sector string // CAMEO sector (GOV, MIL, ...)
	Name   string // canonical name
	Kind   string // title kind (office, rank, honorific), organisation kind, cue kind
	// Exact requires the text to match the listed form letter for letter
	// (short all-capital aliases such as "US", "IS", "AU" that are also words).
	Exact string
}

// Match is a dictionary hit in a document: tokens [First, Last).
type Match struct {
	First, Last int
	Entries     []*Entry
}

type node struct {
	next    map[string]*node
	entries []*Entry
}

// Lexicon holds every loaded list.
type Lexicon struct {
	root *node

	abbrev    map[string]bool
	function  map[string]bool
	given     map[string]byte // normalised given name → m, f, u
	cues      map[string]string
	pronouns  map[string]Pronoun
	heads     map[string]string // normalised word → class (org, place, event, thing, time)
	anonymous map[string]bool
	particles map[string]bool
	// surnames maps a normalised surname to the well-known people who bear it.
	surnames     map[string][]*Entry
	people       map[string]*Entry // normalised full name → entry
	countryNames map[string]string
	adjSuffixes  map[string]bool
	orgNouns     map[string]bool
	modifiers    map[string]bool
}

// Pronoun is a personal pronoun's gender (m, f, n) and case (subj, obj, poss).
type Pronoun struct{ Gender, Case string }

var (
	once sync.Once
	def  *Lexicon
)

// Default returns the lexicon built from the embedded data, loading it once.
func Default() *Lexicon {
	once.Do(func() { def = load() })
	return def
}

func rows(name string) []data.Row {
	r, err := data.Rows(name)
	if err != nil {
		// A file not yet written is an empty list; TestDataFiles insists on all of them.
		return nil
	}
	return r
}

func splitAlts(s string) []string {
	var out []string
	for _, a := range strings.Split(s, "|") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

func load() *Lexicon {
	lx := &Lexicon{
		root:         &node{},
		abbrev:       map[string]bool{},
		function:     map[string]bool{},
		given:        map[string]byte{},
		cues:         map[string]string{},
		pronouns:     map[string]Pronoun{},
		heads:        map[string]string{},
		anonymous:    map[string]bool{},
		particles:    map[string]bool{},
		surnames:     map[string][]*Entry{},
		people:       map[string]*Entry{},
		countryNames: map[string]string{},
		modifiers:    map[string]bool{},
		adjSuffixes:  map[string]bool{},
		orgNouns:     map[string]bool{},
	}
	for _, r := range rows("org_descriptors.tsv") {
		lx.orgNouns[r.Field(0)] = true
	}
	for _, r := range rows("adjective_suffixes.tsv") {
		lx.adjSuffixes[r.Field(0)] = true
	}
	for _, r := range rows("title_modifiers.tsv") {
		lx.modifiers[r.Field(0)] = true
	}
	for _, r := range rows("abbreviations.tsv") {
		lx.abbrev[strings.ToLower(r.Field(0))] = true
	}
	for _, r := range rows("function_words.tsv") {
		lx.function[r.Field(0)] = true
	}
	for _, r := range rows("given_names.tsv") {
		g := r.Field(1)
		if g == "" {
			g = "u"
		}
		lx.given[segment.Normalize(r.Field(0))] = g[0]
	}
	for _, r := range rows("pronouns.tsv") {
		lx.pronouns[r.Field(0)] = Pronoun{Gender: r.Field(1), Case: r.Field(2)}
	}
	for _, r := range rows("name_heads.tsv") {
		lx.heads[r.Field(0)] = r.Field(1)
	}
	for _, r := range rows("name_particles.tsv") {
		lx.particles[r.Field(0)] = true
	}
	for _, r := range rows("anonymous.tsv") {
		lx.anonymous[r.Field(0)] = true
	}
	for _, r := range rows("cues.tsv") {
		w, kind := strings.ToLower(r.Field(0)), r.Field(1)
		if strings.Contains(w, " ") {
			lx.add(w, &Entry{Type: Cue, Kind: kind, Name: w})
			continue
		}
		lx.cues[w] = kind
	}
	names := map[string]string{}
	for _, r := range rows("countries.tsv") {
		code, name := r.Field(0), r.Field(1)
		names[code] = name
		lx.countryNames[code] = name
		lx.addProper(name, &Entry{Type: Country, Code: code, Name: name})
		for _, a := range splitAlts(r.Field(2)) {
			lx.addProper(a, &Entry{Type: Country, Code: code, Name: name})
		}
	}
	for _, r := range rows("demonyms.tsv") {
		lx.addProper(r.Field(1), &Entry{Type: Demonym, Code: r.Field(0), Name: names[r.Field(0)]})
	}
	for _, r := range rows("capitals.tsv") {
		lx.addProper(r.Field(1), &Entry{Type: Capital, Code: r.Field(0), Name: r.Field(1), Sector: "GOV"})
	}
	for _, r := range rows("metonyms.tsv") {
		lx.addProper(r.Field(2), &Entry{Type: Metonym, Code: r.Field(0), Sector: r.Field(1), Name: r.Field(2)})
	}
	for _, r := range rows("regions.tsv") {
		code := r.Field(0)
		if code == "-" {
			code = ""
		}
		lx.addProper(r.Field(1), &Entry{Type: Region, Code: code, Name: r.Field(1)})
	}
	for _, r := range rows("organizations.tsv") {
		code, abbr, name, kind := r.Field(0), r.Field(1), r.Field(2), r.Field(4)
		e := &Entry{Type: Org, Code: code, Name: name, Kind: kind}
		if len(code) == 6 && kind != "igo" && kind != "ngo" {
			e.Code, e.Sector = code[:3], code[3:]
		}
		if name != "" {
			lx.addProper(name, e)
		}
		if abbr != "" {
			lx.addProper(abbr, e)
		}
		for _, a := range splitAlts(r.Field(3)) {
			lx.addProper(a, e)
		}
	}
	for _, r := range rows("titles.tsv") {
		lx.add(r.Field(0), &Entry{Type: Title, Name: r.Field(0), Sector: r.Field(1), Kind: r.Field(2), Code: r.Field(3)})
	}
	for _, r := range rows("institutions.tsv") {
		t := Institution
		if r.Field(2) == "qualifier" {
			t = Qualifier
		}
		lx.add(r.Field(0), &Entry{Type: t, Name: r.Field(0), Sector: r.Field(1)})
	}
	for _, r := range rows("people.tsv") {
		e := &Entry{Type: Person, Code: r.Field(1), Name: r.Field(0), Kind: r.Field(2)}
		forms := append([]string{r.Field(0)}, splitAlts(r.Field(3))...)
		for _, f := range forms {
			key := lx.keyOf(f)
			if _, dup := lx.people[key]; !dup {
				lx.people[key] = e
			}
			parts := strings.Fields(key)
			if len(parts) > 1 {
				// a surname index entry must be a surname: not a given name ("Ali"),
				// a regnal number ("VI") or a suffix ("Jr.")
				s := parts[len(parts)-1]
				if lx.given[s] == 0 && !isRomanKey(s) && s != "jr." && s != "jr" && s != "sr." {
					lx.surnames[s] = appendUnique(lx.surnames[s], e)
				}
			}
		}
	}
	return lx
}

func appendUnique(list []*Entry, e *Entry) []*Entry {
	for _, x := range list {
		if x == e {
			return list
		}
	}
	return append(list, e)
}

// keyOf normalises a phrase the way documents are normalised: token keys joined by spaces.
func (lx *Lexicon) keyOf(phrase string) string {
	d := segment.Split(phrase, lx.abbrevSet())
	parts := make([]string, len(d.Tokens))
	for i := range d.Tokens {
		parts[i] = d.Key(i)
	}
	return strings.Join(parts, " ")
}

// addProper adds a proper name; an all-capital form of up to four letters
// must match exactly, since "US", "IS" and "AU" are also ordinary words.
func (lx *Lexicon) addProper(phrase string, e *Entry) {
	if isShortCaps(phrase) {
		c := *e
		c.Exact = phrase
		e = &c
	}
	lx.add(phrase, e)
}

func isShortCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if r >= 'a' && r <= 'z' {
			return false
		}
		if r >= 'A' && r <= 'Z' {
			letters++
		}
	}
	return letters > 0 && letters <= 4
}

func (lx *Lexicon) add(phrase string, e *Entry) {
	d := segment.Split(phrase, lx.abbrevSet())
	if len(d.Tokens) == 0 {
		return
	}
	n := lx.root
	for i := range d.Tokens {
		k := d.Key(i)
		if n.next == nil {
			n.next = map[string]*node{}
		}
		c := n.next[k]
		if c == nil {
			c = &node{}
			n.next[k] = c
		}
		n = c
	}
	for _, x := range n.entries {
		if *x == *e {
			return
		}
	}
	n.entries = append(n.entries, e)
}

type abbrevs map[string]bool

func (a abbrevs) IsAbbrev(w string) bool { return a[w] }

func (lx *Lexicon) abbrevSet() segment.Abbreviations { return abbrevs(lx.abbrev) }

// Abbreviations is the set of words whose dot does not end a sentence.
func (lx *Lexicon) Abbreviations() segment.Abbreviations { return lx.abbrevSet() }

// Split segments text with this lexicon's abbreviations.
func (lx *Lexicon) Split(text string) *segment.Doc { return segment.Split(text, lx.abbrevSet()) }

// Longest returns the longest dictionary match starting at token i whose
// entries fit the text's case, or ok=false. Entries that do not fit (a proper
// name written in lower case, an exact form written otherwise) are dropped.
func (lx *Lexicon) Longest(d *segment.Doc, i int) (m Match, ok bool) {
	n := lx.root
	for j := i; j < len(d.Tokens); j++ {
		if j > i && d.Tokens[j].Is(segment.LineBefore) {
			break
		}
		c := n.next[d.Key(j)]
		if c == nil {
			break
		}
		n = c
		if len(n.entries) == 0 {
			continue
		}
		var fit []*Entry
		for _, e := range n.entries {
			if lx.fits(d, i, j+1, e) {
				fit = append(fit, e)
			}
		}
		if len(fit) > 0 {
			m, ok = Match{First: i, Last: j + 1, Entries: fit}, true
		}
	}
	return m, ok
}

func (lx *Lexicon) fits(d *segment.Doc, first, last int, e *Entry) bool {
	switch e.Type {
	case Title, Institution, Qualifier, Cue:
		return true
	}
	if e.Exact != "" {
		return d.Text[d.Tokens[first].Start:d.Tokens[last-1].End] == e.Exact
	}
	t := d.Tokens[first]
	if t.Is(segment.Upper) || t.Kind == segment.Number {
		return true
	}
	// Arabic names keep a lower-case article: "al-Shabab", "al-Qaida"
	k := d.Key(first)
	return strings.HasPrefix(k, "al-") || strings.HasPrefix(k, "el-")
}

// IsFunction reports whether the normalised word is a function word.
func (lx *Lexicon) IsFunction(key string) bool { return lx.function[key] }

// GivenName returns the gender of a given name (m, f, u) or 0 when it is not one.
func (lx *Lexicon) GivenName(key string) byte { return lx.given[key] }

// CueKind returns the kind of a one-word speech cue ("verb") or "".
func (lx *Lexicon) CueKind(key string) string { return lx.cues[key] }

// PronounOf returns the pronoun a normalised word is, if any.
func (lx *Lexicon) PronounOf(key string) (Pronoun, bool) {
	p, ok := lx.pronouns[key]
	return p, ok
}

// HeadClass returns the class a capitalised word gives a name (org, place, event, thing) or "".
func (lx *Lexicon) HeadClass(key string) string { return lx.heads[key] }

// IsAnonymousHead reports whether a noun describes an unnamed speaker.
func (lx *Lexicon) IsAnonymousHead(key string) bool { return lx.anonymous[key] }

// PersonByName returns a well-known person by normalised full name.
func (lx *Lexicon) PersonByName(key string) *Entry { return lx.people[key] }

// PeopleBySurname returns the well-known people with this normalised surname.
func (lx *Lexicon) PeopleBySurname(key string) []*Entry { return lx.surnames[key] }

// KeyOf normalises a phrase into space-joined token keys.
func (lx *Lexicon) KeyOf(phrase string) string { return lx.keyOf(phrase) }

// IsParticle reports whether a lower-case word may stand inside a name ("bin", "de", "van").
func (lx *Lexicon) IsParticle(key string) bool { return lx.particles[key] }

// CountryName returns the short name of an ISO3 country code, or "".
func (lx *Lexicon) CountryName(code string) string { return lx.countryNames[code] }

// IsTitleModifier reports whether a word may stand inside a title chain ("former", "deputy").
func (lx *Lexicon) IsTitleModifier(key string) bool { return lx.modifiers[key] }

// IsAdjectiveSuffix reports whether the last part of a hyphenated word makes
// it a compound adjective ("based" in "Jakarta-based").
func (lx *Lexicon) IsAdjectiveSuffix(key string) bool { return lx.adjSuffixes[key] }

func isRomanKey(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("ivxl", r) {
			return false
		}
	}
	return s != ""
}

// IsOrgDescriptor reports whether a common noun can refer back to an
// international organisation ("the bloc").
func (lx *Lexicon) IsOrgDescriptor(key string) bool { return lx.orgNouns[key] }

// Single returns the entries of a one-word phrase given by its key, or nil.
func (lx *Lexicon) Single(key string) []*Entry {
	if n := lx.root.next[key]; n != nil {
		return n.entries
	}
	return nil
}
