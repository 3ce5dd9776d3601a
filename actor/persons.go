package actor

import (
	"strings"
	"unicode"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/lexicon"
	"github.com/parley-events/parley/mention"
	"github.com/parley-events/parley/segment"
)

// role is what the words around a name say about its bearer.
type role struct {
	not       []string // countries the words say the person does not act for
	title     string
	country   string // ISO3 or organisation code
	org       bool   // country holds an organisation code
	sector    string
	hasTitle  bool
	titleKind string // office, rank, honorific
	first     int    // first token of the title chain, for the evidence span
}

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
			if class == "org" {
				s.nameOrg(mi, m)
			}
			continue
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

// fillRole sets a person's title and country from the words around a
// mention, keeping what earlier mentions already established.
func (s *Set) fillRole(a *Actor, roles ...role) {
	for _, r := range roles {
		a.not = append(a.not, r.not...)
		if r.title != "" && (a.Title == "" || !r.hasTitle) {
			if a.Title == "" {
				a.Title = r.title
			}
		}
		if r.country != "" && a.Country == "" {
			a.Country, a.Org = r.country, r.org
		}
		if r.sector != "" && a.Sector == "" {
			a.Sector = r.sector
		}
	}
}

// defaultCountries gives a person who holds a national office but whose
// country the article never states the country the article is about: an
// official named without a country in a story about one country is, in news
// style, that country's official.
func (s *Set) defaultCountries() {
	counts := map[string]int{}
	best, bestN := "", 0
	for _, a := range s.Actors {
		if a.Kind == parley.KindCountry {
			n := len(a.mentions)
			counts[a.Country] = n
			if n > bestN {
				best, bestN = a.Country, n
			}
		}
	}
	if best == "" {
		return
	}
	listEnd, listCountry, listOrg := -1, "", false
	for _, a := range s.Actors {
		if a.Kind != parley.KindPerson || a.Country != "" {
			continue
		}
		if c, org := s.listIntroducer(a.first); c != "" {
			// "five members of the European Parliament — A, B and C",
			// "Russian officials including Dmitry Rogozin"
			a.Country, a.Org = c, org
			listEnd, listCountry, listOrg = a.first, c, org
			continue
		}
		if listCountry != "" && a.first > listEnd && a.first-listEnd < 25 && s.Doc.SentenceOf(a.first) == s.Doc.SentenceOf(listEnd) &&
			(s.Doc.Key(a.first-1) == "," || s.Doc.Key(a.first-1) == "and") {
			// the next names of the same list
			a.Country, a.Org = listCountry, listOrg
			listEnd = a.first
			continue
		}
		not := append(a.not, s.counterpartCountries(a.first)...)
		a.Country = bestExcept(counts, not)
		if c := s.countryNear(a.first, not); c != "" {
			a.Country = c
		}
		if a.Country == "" {
			a.Country = best
		}
		switch a.Sector {
		case "GOV", "MIL", "LEG", "JUD", "COP", "SPY":
			// an official of the article's country acts for it
		default:
			a.Inferred = true
		}
	}
}

// listIntroducer finds the country or organisation that introduces a list a
// person stands in: walking back over the names and commas of the list to
// "including", "such as", a dash or a colon, it takes the nearest country,
// demonym or organisation within a few words before that.
func (s *Set) listIntroducer(i int) (string, bool) {
	d := s.Doc
	sent := d.Sentences[d.SentenceOf(i)]
	j := i - 1
	for j >= sent.First {
		k := d.Key(j)
		if m := s.Mentions.At(j); m != nil && (m.Kind == mention.Name || m.Kind == mention.Title) {
			j = m.First - 1
			continue
		}
		if k == "," || k == "and" {
			j--
			continue
		}
		break
	}
	if j < sent.First {
		return "", false
	}
	switch k := d.Key(j); {
	case k == "including" || k == "—" || k == ":" || k == "–" || k == "notably" || k == "namely":
	case k == "as" && j > sent.First && d.Key(j-1) == "such":
		j--
	case (k == "them" || k == "whom") && j > sent.First && d.Key(j-1) == "among":
		j--
	case k == "," && j > sent.First:
		// "two advisers close to President Vladimir Putin, Vladislav Surkov and …"
	default:
		return "", false
	}
	for x := j - 1; x >= sent.First && x >= j-7; x-- {
		m := s.Mentions.At(x)
		if m == nil {
			continue
		}
		switch m.Kind {
		case mention.Country, mention.Demonym:
			return m.Entry.Code, false
		case mention.Org:
			if a := s.RefAt(x); a != nil && a.Country != "" {
				return a.Country, a.Org
			}
		case mention.Name:
			if a := s.RefAt(x); a != nil && a.Kind == parley.KindPerson && a.Country != "" {
				// "two advisers close to President Vladimir Putin, …"
				return a.Country, a.Org
			}
		}
		x = m.First
	}
	return "", false
}

// bestExcept returns the most counted country that is not excluded.
func bestExcept(counts map[string]int, not []string) string {
	best, n := "", 0
	for c, k := range counts {
		if k > n || k == n && c < best {
			if !hasString(not, c) {
				best, n = c, k
			}
		}
	}
	return best
}

// counterpartCountries lists the countries the sentence of token i gives a
// counterpart ("his Danish counterpart"): the person is on the other side.
func (s *Set) counterpartCountries(i int) []string {
	sent := s.Doc.Sentences[s.Doc.SentenceOf(i)]
	var out []string
	for j := sent.First; j+1 < sent.Last; j++ {
		m := s.Mentions.At(j)
		if m == nil || (m.Kind != mention.Demonym && m.Kind != mention.Country) || m.Last >= sent.Last {
			continue
		}
		if k := s.Doc.Key(m.Last); k == "counterpart" || k == "counterparts" || k == "'s" && m.Last+1 < sent.Last && s.Doc.Key(m.Last+1) == "counterpart" {
			out = append(out, m.Entry.Code)
		}
	}
	return out
}

// countryNear returns the country most mentioned in the sentence of token i,
// other than the excluded ones, or "".
func (s *Set) countryNear(i int, not []string) string {
	sent := s.Doc.Sentences[s.Doc.SentenceOf(i)]
	counts := map[string]int{}
	best, bestN := "", 0
	for j := sent.First; j < sent.Last; j++ {
		m := s.Mentions.At(j)
		if m == nil || (m.Kind != mention.Country && m.Kind != mention.Demonym) {
			continue
		}
		c := m.Entry.Code
		if hasString(not, c) {
			j = m.Last - 1
			continue
		}
		counts[c]++
		if counts[c] > bestN {
			best, bestN = c, counts[c]
		}
		j = m.Last - 1
	}
	return best
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
	if m == nil || m.Kind != mention.Title || !s.Doc.Tokens[m.First].Is(segment.Upper) {
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

// chainBefore reads the title chain that stands before a name: "Russian
// Defense Minister", "his Malian counterpart, Corps General", "UNICEF's
// executive director".
func (s *Set) chainBefore(first int) role {
	var r role
	j := first - 1
	sent := s.Doc.SentenceOf(first)
	lo := 0
	if sent < len(s.Doc.Sentences) {
		lo = s.Doc.Sentences[sent].First
	}
	titleEnd, titleStart, frozen := -1, -1, -1
	if s.isPunct(j, ",") {
		// "Uzbekistan's Minister of Defense, Shuhrat Khalmukhamedaev";
		// "Somalia's ambassador to Kenya, Mohamud Ahmed Nur"
		m := s.Mentions.At(j - 1)
		switch {
		case m != nil && m.Kind == mention.Title:
			j--
		case m != nil && (m.Kind == mention.Country || m.Kind == mention.Capital) && s.hostCountry(m):
			j = m.First - 1
			if j >= 0 && s.Doc.Key(j) == "the" {
				j--
			}
			j-- // "to" / "for"
			if tm := s.Mentions.At(j); tm == nil || tm.Kind != mention.Title {
				return r
			}
		default:
			return r
		}
	}
	for j >= lo {
		m := s.Mentions.At(j)
		key := s.Doc.Key(j)
		switch {
		case m != nil && m.Kind == mention.Title:
			if titleEnd < 0 {
				titleEnd = m.Last
				r.titleKind = m.Entry.Kind
				r.sector = m.Entry.Sector
			} else if r.titleKind == "honorific" && m.Entry.Kind != "honorific" {
				r.titleKind = m.Entry.Kind
			}
			if r.sector == "" || r.sector == "-" {
				r.sector = m.Entry.Sector
			}
			if m.Entry.Code != "" && r.country == "" {
				// "MEP": the title itself names whom its holder acts for
				r.country, r.org = m.Entry.Code, true
			}
			titleStart = m.First
			r.hasTitle = true
			j = m.First - 1
		case m != nil && (m.Kind == mention.Institution || m.Kind == mention.Qualifier):
			if titleEnd < 0 {
				return r
			}
			titleStart = m.First
			if r.sector == "" || r.sector == "-" || r.sector == "GOV" {
				if m.Entry.Sector != "" && m.Kind == mention.Qualifier {
					r.sector = m.Entry.Sector
				}
			}
			j = m.First - 1
		case m != nil && (m.Kind == mention.Country || m.Kind == mention.Demonym || m.Kind == mention.Capital || m.Kind == mention.Metonym):
			// "ambassador to the United States": the host country is not the envoy's
			host := s.hostCountry(m)
			if r.country == "" && !host {
				r.country = m.Entry.Code
			}
			if host {
				r.not = append(r.not, m.Entry.Code)
			}
			j = m.First - 1
			if host && titleEnd < 0 {
				// "Resident Coordinator for Myanmar Andrew Kirkwood": the title stands before
				if j >= 0 && s.Doc.Key(j) == "the" {
					j--
				}
				j--
				if tm := s.Mentions.At(j); tm == nil || tm.Kind != mention.Title {
					j = -1
				}
				continue
			}
		case m != nil && m.Kind == mention.Org:
			if r.country == "" {
				a := s.RefAt(j)
				if a != nil {
					r.country, r.org = a.Country, a.Org
				}
			}
			j = m.First - 1
		case s.Doc.Tokens[j].Is(segment.Possessive):
			j--
		case s.lx.IsTitleModifier(key) && titleEnd >= 0:
			titleStart = j
			j--
		case (key == "of" || key == "to" || key == "for" || key == "the") && titleEnd >= 0:
			j--
		case key == "," && titleEnd >= 0 && j > lo && s.Mentions.At(j-1) != nil && s.Mentions.At(j-1).Kind == mention.Title:
			// "his Malian counterpart, Corps General Sadio Kamara": the country may
			// come from before the comma, the title is what stands after it
			if frozen < 0 {
				frozen = titleStart
			}
			j--
		default:
			j = -1
		}
		if j < lo {
			break
		}
		if j >= 0 && m == nil && !s.Doc.Tokens[j+1].Is(segment.Possessive) && !s.lx.IsTitleModifier(key) && key != "of" && key != "to" && key != "for" && key != "the" && key != "," {
			break
		}
	}
	if titleEnd >= 0 {
		if frozen >= 0 {
			titleStart = frozen
		}
		r.title = s.text(titleStart, titleEnd)
		r.first = titleStart
	}
	return r
}

// appositive reads ", Morocco's minister delegate …," or ", a senior analyst
// at …" after a name, and "of Human Rights Watch".
func (s *Set) appositive(last int) role {
	var r role
	n := len(s.Doc.Tokens)
	if last < n && s.Doc.Key(last) == "of" {
		k := last + 1
		if k < n && s.Doc.Key(k) == "the" {
			k++
		}
		if m := s.Mentions.At(k); m != nil && m.Kind == mention.Org {
			if a := s.RefAt(k); a != nil {
				r.country, r.org = a.Country, a.Org
			}
		}
		return r
	}
	if !s.isPunct(last, ",") {
		return r
	}
	titleStart, titleEnd := -1, -1
	for k := last + 1; k < n && k < last+14; {
		t := s.Doc.Tokens[k]
		if t.Kind == segment.Quote || t.Is(segment.LineBefore) {
			break
		}
		if t.Kind == segment.Punct && (s.tokText(k) == "," || s.tokText(k) == "." || s.tokText(k) == ";" || s.tokText(k) == "(") {
			break
		}
		if s.lx.CueKind(s.Doc.Key(k)) == "verb" {
			break
		}
		m := s.Mentions.At(k)
		if m == nil {
			kk := s.Doc.Key(k)
			if kk == "who" && k+1 < n && isCopula(s.Doc.Key(k+1)) {
				// "…, who served as the State Department's special representative"
				k += 2
				continue
			}
			if kk == "who" || kk == "which" || kk == "whose" || kk == "that" ||
				kk == "for" && k+1 < n && strings.HasSuffix(s.Doc.Key(k+1), "ing") {
				// a relative clause, or "for ensuring …", says nothing of whom one acts for
				break
			}
			k++
			continue
		}
		switch m.Kind {
		case mention.Title:
			if titleStart < 0 {
				titleStart = m.First
				r.sector = m.Entry.Sector
				r.titleKind = m.Entry.Kind
			}
			if titleEnd < 0 || titleEnd == m.First || titleEnd+1 == m.First {
				titleEnd = m.Last // the title runs on: "assistant professor"
			}
			r.hasTitle = true
			if m.Entry.Code != "" && r.country == "" {
				r.country, r.org = m.Entry.Code, true
			}
		case mention.Country, mention.Demonym, mention.Capital, mention.Metonym:
			if s.hostCountry(m) {
				r.not = append(r.not, m.Entry.Code)
			} else if r.country == "" && !s.insideName(m) {
				r.country = m.Entry.Code
			}
		case mention.Region:
			// "… Center for Security Studies in Hawaii": where the body stands
			if r.country == "" && m.Entry.Code != "" && m.First > 0 && s.Doc.Key(m.First-1) == "in" {
				r.country = m.Entry.Code
			}
		case mention.Org:
			if r.country == "" {
				if a := s.RefAt(k); a != nil {
					r.country, r.org = a.Country, a.Org
				}
			}
		case mention.Name, mention.Pronoun:
			if titleStart < 0 {
				return role{}
			}
		}
		k = m.Last
	}
	if titleStart >= 0 {
		r.title = s.text(titleStart, titleEnd)
	}
	if !r.hasTitle && !r.org && !describes(s.Doc.Key(last+1)) {
		// ", which ordered a review of ties with Morocco": a country named after a
		// name is the person's only in a description of them ("a North Korean
		// defector", "a member of the Chinese contingent")
		r.country = ""
	}
	return r
}

// insideName reports whether a country word is part of a capitalised name
// ("Modern Chinese Studies", "Chinese Council of Advanced Policy Studies"),
// which names a field or a body, not a nationality.
func (s *Set) insideName(m *mention.Mention) bool {
	if m.Kind != mention.Demonym || m.Last >= len(s.Doc.Tokens) {
		return false
	}
	next := s.Mentions.At(m.Last)
	if next == nil || next.Kind != mention.Name {
		return false
	}
	return s.headClass(s.keys(next.First, next.Last)) != ""
}

// describes reports whether an appositive starting with this word describes
// the person: an article opens a noun phrase.
func describes(k string) bool { return k == "a" || k == "an" || k == "the" }

func isCopula(k string) bool {
	switch k {
	case "is", "was", "serves", "served", "works", "worked", "heads", "headed", "leads", "led", "became", "becomes", "remains":
		return true
	}
	return false
}

// hostCountry reports whether a country follows "to" or "for" at the end of
// a title ("ambassador to Kenya", "special envoy for North Korea"): the
// country the envoy is sent to, not the one they act for. "commander for U.S.
// Indo-Pacific Command" names the body the person serves.
func (s *Set) hostCountry(m *mention.Mention) bool {
	j := m.First - 1
	if j >= 0 && s.Doc.Key(j) == "the" {
		j--
	}
	if j < 0 || (s.Doc.Key(j) != "to" && s.Doc.Key(j) != "for") {
		return false
	}
	if s.isPossessor(m.Last) {
		return false // "a spokesman for China's Ministry of National Defense"
	}
	if nm := s.Mentions.At(m.Last); nm != nil && nm.Kind == mention.Name && s.headClass(s.keys(nm.First, nm.Last)) != "" {
		return false // "for U.S. Indo-Pacific Command": the body's name, not a host
	}
	return true
}
