package actor

import (
	"strings"
	"unicode"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/lexicon"
	"github.com/parley-events/parley/mention"
	"github.com/parley-events/parley/segment"
)

// persons decides which capitalised names are persons, links repeated
// mentions (surname, rank + surname) to the first full mention, and reads
// each person's title and country from the words around the name.
func (s *Set) persons() {
	ms := s.Mentions
	var deferred []int
	for mi := range ms.Mentions {
		m := &ms.Mentions[mi]
		if m.Kind != mention.Name || s.ref[mi] != 0 {
			continue // not a name, or part of a body's name already
		}
		first, last := m.First, m.Last
		keys := s.keys(first, last)
		// Roman numerals and generational suffixes stay with the name ("Mohammed VI").
		if class := s.headClass(keys); class != "" {
			if class == "org" || class == "orgtype" {
				s.nameOrg(mi, m)
			}
			continue
		}
		if s.bodyType(first) {
			// "the think tank Clingendael", "chatbot Ernie Bot"
			s.nameOrg(mi, m)
			continue
		}
		if last < len(s.Doc.Tokens) && !s.Doc.Tokens[last].Is(segment.Upper) && s.lx.HeadClass(s.Doc.Key(last)) == "place" {
			continue // "Lagos state", "Kakuma camps"
		}
		if s.isAcronym(m) || (len(keys) == 1 && camelCase(s.tokText(first))) {
			// "MSF", "WindEurope", "InterDots": a body's name, not a person's
			s.nameOrg(mi, m)
			continue
		}
		if s.afterVessel(first) {
			continue
		}
		pre := s.chainBefore(first)
		if !pre.hasTitle && first > 0 {
			switch s.Doc.Key(first - 1) {
			case "the", "a", "an":
				// "the Quad", "a Breakthrough Action team": a determiner does not stand before a person's name
				continue
			case "in", "at", "near", "inside", "outside", "across", "into", "on":
				// "in Lagos", "at Kakuma", "on X": a place or a platform
				continue
			}
		}
		if len(keys) == 1 && len([]rune(keys[0])) < 2 {
			continue
		}
		post := s.appositive(last)
		full := strings.Join(keys, " ")
		known := s.lx.PersonByName(full)
		surname := keys[len(keys)-1]
		if p := s.samePerson(keys); p != nil {
			s.link(mi, p)
			s.addAlias(p, s.text(first, last))
			s.fillRole(p, pre, post)
			continue
		}
		if len(keys) == 1 && !pre.hasTitle && s.statementOnly(last) {
			// "Energoatom said in a statement": a body speaks so; a person named
			// by surname alone was matched above
			s.nameOrg(mi, m)
			continue
		}
		given := byte(0)
		if len(keys) > 1 {
			given = s.lx.GivenName(keys[0])
		}
		cue := s.cueNear(first, last)
		var known1 *lexicon.Entry
		if len(keys) == 1 {
			if cands := s.lx.PeopleBySurname(surname); len(cands) == 1 {
				known1 = cands[0]
			}
		}
		person := false
		if known != nil && len(keys) == 1 {
			// a one-word alias ("Lagos", "Farmajo") needs the evidence a surname needs
			known1, known = known, nil
		}
		switch {
		case known != nil:
			person = true
		case len(keys) == 1:
			person = s.titleForSurname(first, pre) || (known1 != nil && cue) ||
				(cue && !m.SentenceStart && s.lx.GivenName(keys[0]) == 0)
			if s.beforeInstitution(last) {
				// "Statistics Office", "Defense Ministry": part of a body's name
				person = false
			}
		default:
			person = given != 0 || pre.hasTitle || post.hasTitle || cue ||
				(!m.SentenceStart && len(keys) <= 4 && !s.hasAllUpper(first, last) && !s.hasCommonWord(keys) && s.surnameRecurs(mi, surname))
		}
		if !person {
			if len(keys) > 1 && !s.hasAllUpper(first, last) {
				deferred = append(deferred, mi)
			}
			continue
		}
		a := s.newActor(&Actor{Kind: parley.KindPerson, Name: s.text(first, last), surname: surname, first: first})
		s.indexPerson(a)
		if len(keys) > 1 {
			a.given = keys[0]
		}
		if given == 'm' || given == 'f' {
			a.Gender = given
		}
		if known == nil && known1 != nil {
			known = known1
		}
		// what the article says comes first; the list of well-known people fills gaps
		s.fillRole(a, pre, post)
		if known != nil {
			if a.Country == "" {
				a.Country = known.Code
				a.Org = len(known.Code) != 3
			}
			if a.Title == "" {
				a.Title = known.Kind
			}
		}
		s.link(mi, a)
	}
	// a name listed with persons is a person: "Eric Ogola and Freda Mugambi"
	for changed := true; changed; {
		changed = false
		for k, mi := range deferred {
			if mi < 0 {
				continue
			}
			m := &ms.Mentions[mi]
			if !s.coordinatedWithPerson(m) {
				continue
			}
			keys := s.keys(m.First, m.Last)
			a := s.newActor(&Actor{Kind: parley.KindPerson, Name: s.text(m.First, m.Last), surname: keys[len(keys)-1], given: keys[0], first: m.First})
			s.indexPerson(a)
			if g := s.lx.GivenName(keys[0]); g == 'm' || g == 'f' {
				a.Gender = g
			}
			s.fillRole(a, s.chainBefore(m.First), s.appositive(m.Last))
			s.link(mi, a)
			deferred[k] = -1
			changed = true
		}
	}
	s.defaultCountries()
}

// coordinatedWithPerson reports whether a name stands in a list with a
// person: joined by "and", "or" or a comma to a person's name.
func (s *Set) coordinatedWithPerson(m *mention.Mention) bool {
	isPerson := func(i int) bool {
		a := s.RefAt(i)
		return a != nil && a.Kind == parley.KindPerson
	}
	j := m.First - 1
	if j >= 1 && (s.Doc.Key(j) == "and" || s.Doc.Key(j) == "or" || s.Doc.Key(j) == ",") && isPerson(j-1) {
		return true
	}
	k := m.Last
	if k+1 < len(s.Doc.Tokens) && (s.Doc.Key(k) == "and" || s.Doc.Key(k) == "or" || s.Doc.Key(k) == ",") && isPerson(k+1) {
		return true
	}
	return false
}

func (s *Set) addAlias(a *Actor, name string) {
	if name == a.Name {
		return
	}
	for _, x := range a.Aliases {
		if x == name {
			return
		}
	}
	a.Aliases = append(a.Aliases, name)
}

// samePerson finds an earlier person that a name repeats: the same surname
// and, where both have one, the same given name's initial.
func (s *Set) samePerson(keys []string) *Actor {
	sur := keys[len(keys)-1]
	cands := s.bySurname[sur]
	if len(keys) == 1 {
		// a surname alone may repeat any word of a longer name ("Mohammed bin Salman" → "Salman")
		cands = s.byWord[sur]
	}
	var found *Actor
	for _, a := range cands {
		if len(keys) > 1 && a.given != "" && keys[0][0] != a.given[0] && !s.lx.IsParticle(keys[0]) {
			continue
		}
		if found == nil || a.Index > found.Index {
			found = a
		}
	}
	return found
}

// indexPerson records a person's surname and name words for samePerson.
func (s *Set) indexPerson(a *Actor) {
	if s.bySurname == nil {
		s.bySurname, s.byWord = map[string][]*Actor{}, map[string][]*Actor{}
	}
	s.bySurname[a.surname] = append(s.bySurname[a.surname], a)
	for _, w := range strings.Fields(s.lx.KeyOf(a.Name)) {
		if len(w) > 1 {
			s.byWord[w] = append(s.byWord[w], a)
		}
	}
}

// titleForSurname reports whether a lone capitalised word stands after a
// title that makes it a surname: a capitalised rank, honorific or public
// office right before it ("President Trump", "Gen. Shoigu", "Mr. Gantz").
func (s *Set) titleForSurname(first int, pre role) bool {
	if !pre.hasTitle || first == 0 {
		return false
	}
	m := s.Mentions.At(first - 1)
	if m == nil || m.Kind != mention.Title {
		return false
	}
	if !s.Doc.Tokens[m.First].Is(segment.Upper) && (m.Entry.Kind != "rank" && m.Entry.Sector != "GOV" || s.lx.IsAnonymousHead(m.Entry.Name)) {
		// a lower-case title stands before a surname only when it is a rank or
		// an office of state ("military general Suharto", "former president Obama"),
		// not a word for anyone ("official Twitter account")
		return false
	}
	switch m.Entry.Kind {
	case "rank", "honorific":
		return true
	}
	switch m.Entry.Sector {
	case "GOV", "MIL", "LEG", "JUD", "IGO", "OPP", "PTY", "COP", "SPY", "REL":
		return true
	}
	return false
}

// bodyType reports whether a kind of body stands right before a name:
// "the think tank Clingendael".
func (s *Set) bodyType(first int) bool {
	return first > 0 && !s.Doc.Tokens[first-1].Is(segment.Upper) && s.lx.HeadClass(s.Doc.Key(first-1)) == "orgtype"
}

// statementOnly reports whether a name speaks "in a statement", as bodies do.
func (s *Set) statementOnly(last int) bool {
	for k := last; k < last+3 && k < len(s.Doc.Tokens); k++ {
		if s.lx.CueKind(s.Doc.Key(k)) == "verb" {
			return s.Doc.Key(k+1) == "in" && (s.Doc.Key(k+2) == "a" || s.Doc.Key(k+2) == "its") && (s.Doc.Key(k+3) == "statement" || s.Doc.Key(k+4) == "statement")
		}
	}
	return false
}

// beforeInstitution reports whether an institution noun follows the name.
func (s *Set) beforeInstitution(last int) bool {
	m := s.Mentions.At(last)
	return m != nil && m.Kind == mention.Institution && s.Doc.Tokens[last].Is(segment.Upper)
}

// surnameRecurs reports whether the last word of a name stands alone as a
// name elsewhere in the article: persons are referred to by surname, bodies
// and places are not ("Climate Change" is never "Change").
func (s *Set) surnameRecurs(mi int, surname string) bool {
	if s.single == nil {
		s.single = map[string]int{}
		for k := range s.Mentions.Mentions {
			m := &s.Mentions.Mentions[k]
			if m.Kind == mention.Name && m.Last-m.First == 1 {
				s.single[s.Doc.Key(m.First)]++
			}
		}
	}
	return s.single[surname] > 0
}

// verbFollows reports whether a lower-case word follows token range end,
// as a verb follows a sentence-initial subject ("Obama said", "Putin warned").
func (s *Set) verbFollows(last int) bool {
	if last >= len(s.Doc.Tokens) {
		return false
	}
	t := s.Doc.Tokens[last]
	return t.Kind == segment.Word && !t.Is(segment.Upper) && !s.lx.IsFunction(s.Doc.Key(last))
}

// hasCommonWord reports whether a word of a name also stands in lower case
// elsewhere in the article: "Climate Change" when the text speaks of
// "climate" is no person's name.
func (s *Set) hasCommonWord(keys []string) bool {
	if s.lower == nil {
		s.lower = map[string]bool{}
		for i, t := range s.Doc.Tokens {
			if t.Kind == segment.Word && !t.Is(segment.Upper) {
				s.lower[s.Doc.Key(i)] = true
			}
		}
	}
	for _, k := range keys {
		if s.lower[k] {
			return true
		}
	}
	return false
}

func (s *Set) headClass(keys []string) string {
	for _, k := range keys {
		if c := s.lx.HeadClass(k); c != "" {
			return c
		}
	}
	return ""
}

func (s *Set) hasAllUpper(first, last int) bool {
	for i := first; i < last; i++ {
		if s.Doc.Tokens[i].Is(segment.AllUpper) && len(s.tokText(i)) > 1 && !isRoman(s.tokText(i)) {
			return true
		}
	}
	return false
}

// camelCase reports whether a word has a capital inside it that no name
// prefix explains ("WindEurope", "CamboJA"; but "McGowan", "DeSantis", "O'Brien").
func camelCase(w string) bool {
	rs := []rune(w)
	for i := 1; i < len(rs); i++ {
		if !unicode.IsUpper(rs[i]) || !unicode.IsLower(rs[i-1]) {
			continue
		}
		prefix := string(rs[:i])
		switch prefix {
		case "Mc", "Mac", "De", "Di", "Da", "Du", "Le", "La", "Van", "Von", "Fitz":
			continue
		}
		return true
	}
	return false
}

func isRoman(w string) bool {
	for _, r := range w {
		if !strings.ContainsRune("IVXL", r) {
			return false
		}
	}
	return w != ""
}

func (s *Set) isAcronym(m *mention.Mention) bool {
	return m.Last-m.First == 1 && s.Doc.Tokens[m.First].Is(segment.AllUpper) && !isRoman(s.tokText(m.First))
}

// nameOrg records a capitalised name of a body the dictionaries do not know
// ("Control Risks"); a parenthesised acronym after a known body is its alias.
func (s *Set) nameOrg(mi int, m *mention.Mention) {
	if s.isPunct(m.First-1, "(") && m.First >= 2 {
		if prev := s.RefAt(m.First - 2); prev != nil && prev.Kind != parley.KindPerson && prev.Kind != parley.KindCountry {
			s.link(mi, prev)
			s.addAlias(prev, s.text(m.First, m.Last))
			return
		}
	}
	name := s.text(m.First, m.Last)
	for _, a := range s.Actors {
		if a.Kind == parley.KindOrganization && (a.Name == name || hasString(a.Aliases, name)) {
			s.link(mi, a)
			return
		}
	}
	a := s.newActor(&Actor{Kind: parley.KindOrganization, Name: name, first: m.First})
	pre := s.chainBefore(m.First)
	a.Country = pre.country
	a.Org = pre.org
	s.link(mi, a)
}

func hasString(list []string, x string) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

// afterVessel reports whether a name follows a word for a ship or aircraft
// ("the frigate Admiral Gorshkov"): such names are not persons.
func (s *Set) afterVessel(first int) bool {
	for j := first - 1; j >= 0 && j >= first-2; j-- {
		if s.lx.HeadClass(s.Doc.Key(j)) == "vessel" {
			return true
		}
	}
	return false
}

// cueNear reports whether a verb of saying stands right before or after the
// name (allowing an appositive after it): "said Beverly Ochieng", "Ochieng said".
func (s *Set) cueNear(first, last int) bool {
	if first > 0 && s.lx.CueKind(s.Doc.Key(first-1)) == "verb" {
		return true
	}
	j := last
	if s.isPunct(j, ",") {
		// skip an appositive: ", UNICEF's executive director, told"
		for k := j + 1; k < len(s.Doc.Tokens) && k < j+16; k++ {
			if s.isPunct(k, ",") {
				j = k
				break
			}
			if s.isPunct(k, ".") {
				break
			}
		}
	}
	for k := j; k < len(s.Doc.Tokens) && k <= j+2; k++ {
		if c := s.lx.CueKind(s.Doc.Key(k)); c == "verb" || c == "byline" {
			return true
		}
		w := s.Doc.Key(k)
		if w != "," && w != "also" && w != "later" && w != "then" && w != "has" && w != "had" {
			break
		}
	}
	return false
}
