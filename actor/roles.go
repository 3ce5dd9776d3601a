package actor

// Titles, countries and organisations that the words around a name give a person.

import (
	"strings"

	"github.com/parley-events/parley"
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
		if m == nil || (m.Kind != mention.Country && m.Kind != mention.Demonym && m.Kind != mention.Capital) {
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
	if !r.hasTitle && !r.org && (last+1 >= n || !describes(s.Doc.Key(last+1))) {
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
