package actor

import (
	"github.com/parley-events/parley"
	"github.com/parley-events/parley/mention"
	"github.com/parley-events/parley/segment"
)

// institutions builds national bodies from an institution noun and the words
// around it: "the Russian Ministry of Defense", "Cuba's Foreign Ministry",
// "the Kazakh presidential press office", "Sudanese army". A body with no
// country in its phrase refers back to the last body with the same head noun
// ("the ministry said").
func (s *Set) institutions() {
	ms := s.Mentions
	for mi := range ms.Mentions {
		m := &ms.Mentions[mi]
		if m.Kind != mention.Institution {
			continue
		}
		first, last, country, sector := s.institutionPhrase(m)
		head := m.Entry.Name
		if country == "" {
			if first < m.First && s.Doc.Tokens[m.First].Is(segment.Upper) {
				// "the High Security Council": a body by name that the article does not place
				name := trimThe(s.text(first, last))
				a := s.namedBody(name, first)
				for k := mi - 1; k >= 0 && s.Mentions.Mentions[k].First >= first; k-- {
					if s.ref[k] == 0 {
						s.link(k, a)
					}
				}
				s.link(mi, a)
				continue
			}
			// "the ministry said": a back reference, resolved once every body is known
			s.pendingHeads = append(s.pendingHeads, mi)
			continue
		}
		name := trimThe(s.text(first, last))
		var a *Actor
		for _, x := range s.Actors {
			if x.Head == head && x.Country == country && x.Sector == sector {
				a = x
				break
			}
		}
		if a == nil {
			kind := parley.KindOrganization
			if sector == "MIL" || sector == "COP" {
				kind = parley.KindGroup
			}
			a = s.newActor(&Actor{Kind: kind, Name: name, Country: country, Sector: sector, Head: head, first: first})
		} else if name != a.Name {
			s.addAlias(a, name)
		}
		s.link(mi, a)
		// the capitalised words of the phrase ("of National Defense") belong to the body
		for k := max(0, mi-8); k < len(s.Mentions.Mentions) && k <= mi+8; k++ {
			km := &s.Mentions.Mentions[k]
			if km.First >= first && km.Last <= last && km.Kind == mention.Name && s.ref[k] == 0 {
				s.link(k, a)
			}
		}
	}
}

// lastInstitution finds what "the ministry" or "the council" refers back to:
// the last national body with that head noun, or the last organisation whose
// name holds it ("the council" after "the U.N. Security Council").
// nationalBody returns the body of a country with this head noun and sector,
// made on first use.
func (s *Set) nationalBody(country, sector, head, name string, first int) *Actor {
	for _, x := range s.Actors {
		if x.Head == head && x.Country == country && x.Sector == sector {
			return x
		}
	}
	kind := parley.KindOrganization
	if sector == "MIL" || sector == "COP" {
		kind = parley.KindGroup
	}
	return s.newActor(&Actor{Kind: kind, Name: name, Country: country, Sector: sector, Head: head, first: first})
}

// namedBody returns the organisation of that name, made on first use.
func (s *Set) namedBody(name string, first int) *Actor {
	for _, a := range s.Actors {
		if a.Kind == parley.KindOrganization && a.Name == name {
			return a
		}
	}
	return s.newActor(&Actor{Kind: parley.KindOrganization, Name: name, first: first})
}

// backReferences links "the ministry", "the council" to the body they name
// again, among those first named before them.
func (s *Set) backReferences() {
	// "the bloc", "the regional body": the international organisation last named
	for mi := range s.Mentions.Mentions {
		m := &s.Mentions.Mentions[mi]
		if m.Kind != mention.Descriptor {
			continue
		}
		// the most named so far: a story's "bloc" is the one it is about
		count := map[*Actor]int{}
		var best *Actor
		for k := mi - 1; k >= 0; k-- {
			if a := s.Ref(k); a != nil && a.Kind == parley.KindOrganization && a.Org {
				count[a]++
				if best == nil || count[a] > count[best] {
					best = a
				}
			}
		}
		if best != nil {
			s.link(mi, best)
		}
	}
	for _, mi := range s.pendingHeads {
		m := &s.Mentions.Mentions[mi]
		_, _, _, sector := s.institutionPhrase(m)
		// "Mahathir's government": the body of the possessor's country
		if j := m.First - 1; j >= 1 && s.Doc.Tokens[j].Is(segment.Possessive) {
			if p := s.RefAt(j - 1); p != nil && p.Kind == parley.KindPerson && p.Country != "" && !p.Org && !p.Inferred {
				a := s.nationalBody(p.Country, sector, m.Entry.Name, s.text(j-1, m.Last), j-1)
				s.link(mi, a)
				continue
			}
		}
		if a := s.lastInstitution(m.Entry.Name, sector, m.First); a != nil {
			s.link(mi, a)
		}
	}
}

func (s *Set) lastInstitution(head, sector string, before int) *Actor {
	var best *Actor
	for i := len(s.Actors) - 1; i >= 0; i-- {
		a := s.Actors[i]
		if a.first >= before && a.Kind != parley.KindCountry {
			continue
		}
		if best != nil && a.first <= best.first {
			continue
		}
		if a.Head == head && (sector == "" || a.Sector == sector) ||
			a.Kind == parley.KindOrganization && a.Head == "" && containsWord(s.lx.KeyOf(a.Name), head) {
			best = a
		}
	}
	return best
}

// institutionPhrase widens an institution noun to its whole phrase and reads
// the country and sector it names.
func (s *Set) institutionPhrase(m *mention.Mention) (first, last int, country, sector string) {
	first, last = m.First, m.Last
	sector = m.Entry.Sector
	qualified := false
	// left: qualifiers, capitalised words, a country or demonym, a possessive
	for j := first - 1; j >= 0; j-- {
		lm := s.Mentions.At(j)
		switch {
		case lm != nil && lm.Kind == mention.Qualifier:
			if !qualified {
				sector, qualified = lm.Entry.Sector, true
			}
			first, j = lm.First, lm.First
			continue
		case lm != nil && (lm.Kind == mention.Country || lm.Kind == mention.Demonym || lm.Kind == mention.Capital):
			if country == "" {
				country = lm.Entry.Code
			}
			first, j = lm.First, lm.First
			continue
		case lm != nil && lm.Kind == mention.Name && !lm.SentenceStart:
			first, j = lm.First, lm.First
			continue
		case s.Doc.Tokens[j].Is(segment.Possessive) && country == "":
			continue
		}
		break
	}
	// right: "of Defense", "of Foreign Affairs", "of Russia"
	n := len(s.Doc.Tokens)
	if last < n && s.Doc.Key(last) == "of" {
		for k := last + 1; k < n && k < last+6; {
			rm := s.Mentions.At(k)
			if rm == nil {
				break
			}
			switch rm.Kind {
			case mention.Qualifier:
				if !qualified {
					sector, qualified = rm.Entry.Sector, true
				}
			case mention.Country:
				if country == "" {
					country = rm.Entry.Code
				}
			case mention.Name:
			default:
				k = n
			}
			if k == n {
				break
			}
			k = rm.Last
			last = k
		}
	}
	return first, last, country, sector
}
