// Package actor decides who the mentions of an article are: persons with
// their titles and the country they act for, countries, organisations and
// national institutions; and links every later mention — surname, "the
// minister", "his Malian counterpart", pronouns — to the actor it stands for.
package actor

import (
	"strings"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/lexicon"
	"github.com/parley-events/parley/mention"
	"github.com/parley-events/parley/segment"
)

// Actor is an actor of one document while it is being read.
type Actor struct {
	Index   int
	Kind    parley.ActorKind
	Name    string
	Country string // ISO3 or organisation code the actor is or acts for
	Sector  string // CAMEO sector: GOV, MIL, ...
	Org     bool   // Country holds an organisation code, not ISO3
	Title   string
	Gender  byte // m, f or 0
	Aliases []string
	Head    string // an institution's head noun ("ministry")
	// Inferred marks a person whose country was not stated but assumed from the article.
	Inferred bool
	// Place marks a country known only as a place so far; it still codes events.
	not      []string // countries the article says the person does not act for
	surname  string   // normalised last name word, for persons
	given    string
	mentions []parley.Span
	first    int // first token
}

// Code is the actor's affiliation code: an organisation's abbreviation, or
// ISO3 plus sector.
func (a *Actor) Code() string {
	if a.Org || a.Country == "" || a.Kind == parley.KindCountry {
		return a.Country
	}
	switch a.Sector {
	case "", "-", "IGO", "NGO":
		// a national of a country with an international role keeps the country alone
		return a.Country
	}
	return a.Country + a.Sector
}

// Set is the actors of one document and what every mention refers to.
type Set struct {
	Doc      *segment.Doc
	Mentions *mention.Set
	Actors   []*Actor
	// ref maps a mention index to its actor index + 1.
	ref []int32
	// titleOf records, for a person, the token range of its title chain.
	lx *lexicon.Lexicon
	// persons in order of first mention, for coreference
	byCountry map[string]*Actor
	byOrg     map[string]*Actor
	lastSubj  int
	lower     map[string]bool // words the article writes in lower case
	single    map[string]int  // names that stand as one word, by key
	bySurname map[string][]*Actor
	// pendingHeads are institution nouns with no country of their own
	pendingHeads []int
	byWord       map[string][]*Actor
}

// Ref returns the actor a mention refers to, or nil.
func (s *Set) Ref(mi int) *Actor {
	if mi < 0 || mi >= len(s.ref) || s.ref[mi] == 0 {
		return nil
	}
	return s.Actors[s.ref[mi]-1]
}

// RefAt returns the actor the mention covering token i refers to, or nil.
func (s *Set) RefAt(i int) *Actor {
	m := s.Mentions.At(i)
	if m == nil {
		return nil
	}
	return s.Ref(s.indexOf(m))
}

func (s *Set) indexOf(m *mention.Mention) int {
	// Mentions is a slice; pointer arithmetic through index search by First.
	lo, hi := 0, len(s.Mentions.Mentions)
	for lo < hi {
		mid := (lo + hi) / 2
		if s.Mentions.Mentions[mid].First < m.First {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

func (s *Set) link(mi int, a *Actor) {
	s.ref[mi] = int32(a.Index + 1)
	m := &s.Mentions.Mentions[mi]
	a.mentions = append(a.mentions, s.Mentions.Span(m))
}

func (s *Set) newActor(a *Actor) *Actor {
	a.Index = len(s.Actors)
	s.Actors = append(s.Actors, a)
	return a
}

// Build resolves the mentions of one document.
func Build(lx *lexicon.Lexicon, ms *mention.Set) *Set {
	s := &Set{Doc: ms.Doc, Mentions: ms, ref: make([]int32, len(ms.Mentions)), lx: lx,
		byCountry: map[string]*Actor{}, byOrg: map[string]*Actor{}}
	for mi := range ms.Mentions {
		m := &ms.Mentions[mi]
		switch m.Kind {
		case mention.Metonym:
			if s.lx.CountryName(m.Entry.Code) == "" {
				// "Brussels" for the EU: an organisation, not a country
				s.link(mi, s.orgByCode(m.Entry.Code))
				continue
			}
			s.link(mi, s.country(m.Entry.Code))
		case mention.Country, mention.Demonym, mention.Capital:
			s.link(mi, s.country(m.Entry.Code))
		case mention.Org:
			s.link(mi, s.org(m.Entry))
		}
	}
	s.institutions()
	s.persons()
	s.backReferences()
	s.pronouns()
	s.bodies()
	return s
}

func (s *Set) country(code string) *Actor {
	if a := s.byCountry[code]; a != nil {
		return a
	}
	name := code
	if e := s.lx.CountryName(code); e != "" {
		name = e
	}
	a := s.newActor(&Actor{Kind: parley.KindCountry, Name: name, Country: code})
	s.byCountry[code] = a
	return a
}

// orgByCode returns the organisation with this code named in the article, or
// one named by its code.
func (s *Set) orgByCode(code string) *Actor {
	for _, a := range s.Actors {
		if a.Kind == parley.KindOrganization && a.Org && a.Country == code {
			return a
		}
	}
	return s.org(&lexicon.Entry{Type: lexicon.Org, Code: code, Name: code, Kind: "igo"})
}

func (s *Set) org(e *lexicon.Entry) *Actor {
	if a := s.byOrg[e.Name]; a != nil {
		return a
	}
	a := &Actor{Kind: parley.KindOrganization, Name: e.Name, Country: e.Code, Sector: e.Sector}
	switch e.Kind {
	case "group":
		a.Kind = parley.KindGroup
	}
	a.Org = e.Sector == "" && len(e.Code) != 3 || e.Kind == "igo" || e.Kind == "ngo"
	if e.Sector == "" && len(e.Code) == 3 && !a.Org {
		// an international group coded by a three-letter label (IMG) rather than a country
		a.Org = s.lx.CountryName(e.Code) == ""
	}
	a = s.newActor(a)
	s.byOrg[e.Name] = a
	return a
}

// ByID returns the actor with a contract id ("a3"), or nil.
func (s *Set) ByID(id string) *Actor {
	for _, a := range s.Actors {
		if ID(a) == id {
			return a
		}
	}
	return nil
}

// Actors returns the contract form of every actor that was mentioned.
func (s *Set) Export() []parley.Actor {
	out := make([]parley.Actor, 0, len(s.Actors))
	for _, a := range s.Actors {
		pa := parley.Actor{ID: ID(a), Kind: a.Kind, Name: a.Name, Code: a.Code(), Title: a.Title, Aliases: a.Aliases}
		if !a.Org {
			pa.Country = a.Country
		}
		for _, sp := range a.mentions {
			pa.Mentions = append(pa.Mentions, parley.Mention{Text: s.Doc.Text[sp.Start:sp.End], Span: sp})
		}
		if pa.Mentions == nil {
			pa.Mentions = []parley.Mention{}
		}
		out = append(out, pa)
	}
	return out
}

// ID is an actor's id within its document.
func ID(a *Actor) string {
	return "a" + itoa(a.Index+1)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// words returns the normalised keys of tokens [first, last).
func (s *Set) keys(first, last int) []string {
	out := make([]string, 0, last-first)
	for i := first; i < last; i++ {
		out = append(out, s.Doc.Key(i))
	}
	return out
}

func (s *Set) text(first, last int) string {
	if first >= last {
		return ""
	}
	return s.Doc.Text[s.Doc.Tokens[first].Start:s.Doc.Tokens[last-1].End]
}

func (s *Set) tokText(i int) string { return s.Doc.TokenText(i) }

func (s *Set) isPunct(i int, p string) bool {
	return i >= 0 && i < len(s.Doc.Tokens) && s.Doc.Tokens[i].Kind == segment.Punct && s.tokText(i) == p
}

func trimThe(s string) string {
	for _, p := range []string{"the ", "The "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}
