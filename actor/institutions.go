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
			// a back reference, or a body the article does not place
			if a := s.lastInstitution(head, sector); a != nil {
				s.link(mi, a)
			}
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
	}
}

// lastInstitution finds what "the ministry" or "the council" refers back to:
// the last national body with that head noun, or the last organisation whose
// name holds it ("the council" after "the U.N. Security Council").
func (s *Set) lastInstitution(head, sector string) *Actor {
	for i := len(s.Actors) - 1; i >= 0; i-- {
		a := s.Actors[i]
		if a.Head == head && (sector == "" || a.Sector == sector) {
			return a
		}
		if a.Kind == parley.KindOrganization && a.Head == "" && containsWord(s.lx.KeyOf(a.Name), head) {
			return a
		}
	}
	return nil
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
