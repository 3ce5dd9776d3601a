package actor

import (
	"github.com/parley-events/parley/segment"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/mention"
)

// pronouns links he/she/his/her to a person whose gender fits: the nearest
// one before it in its own sentence, else the subject (first person named)
// of the closest earlier sentence, looking back over two paragraphs. Names
// inside quotation marks are skipped: "he" after a quotation is rarely
// someone the quoted speaker talked about. A person whose gender is unknown
// takes the gender of the first pronoun linked to them.
func (s *Set) pronouns() {
	ms := s.Mentions
	quoted := s.Doc.Quoted()
	type seen struct {
		a    *Actor
		tok  int
		sent int
	}
	var recent []seen
	for mi := range ms.Mentions {
		m := &ms.Mentions[mi]
		sent := s.Doc.SentenceOf(m.First)
		if a := s.Ref(mi); a != nil && a.Kind == parley.KindPerson && !quoted[m.First] && !s.isPossessor(m.Last) {
			// a possessor ("Guterres' spokesman") is not who the sentence is about
			recent = append(recent, seen{a, m.First, sent})
		}
		if m.Kind != mention.Pronoun || (m.Pronoun.Gender != "m" && m.Pronoun.Gender != "f") {
			continue
		}
		g := m.Pronoun.Gender[0]
		fits := func(a *Actor) bool { return a.Gender == 0 || a.Gender == g }
		var pick *Actor
		// the nearest fitting person earlier in the same sentence
		for k := len(recent) - 1; k >= 0 && recent[k].sent == sent; k-- {
			if fits(recent[k].a) {
				pick = recent[k].a
				break
			}
		}
		// else the first fitting person of each earlier sentence that is not the
		// object of a preposition, nearest sentence first
		var fallback *Actor
		if pick == nil {
			para := s.Doc.Sentences[sent].Para
			k := len(recent) - 1
			for k >= 0 && recent[k].sent == sent {
				k--
			}
			for k >= 0 && pick == nil {
				cs := recent[k].sent
				if s.Doc.Sentences[cs].Para < para-2 || cs < sent-8 {
					break
				}
				// the run of mentions of sentence cs is recent[lo..k]
				lo := k
				for lo > 0 && recent[lo-1].sent == cs {
					lo--
				}
				for x := lo; x <= k; x++ {
					if fits(recent[x].a) && !s.afterPreposition(recent[x].tok) {
						pick = recent[x].a
						break
					}
					if fits(recent[x].a) && (fallback == nil || len(recent[x].a.mentions) > len(fallback.mentions)) {
						fallback = recent[x].a
					}
				}
				k = lo - 1
			}
			if pick == nil {
				// only objects of prepositions nearby: the most mentioned of them
				pick = fallback
			}
		}
		if pick == nil {
			continue
		}
		if pick.Gender == 0 {
			pick.Gender = g
		}
		s.link(mi, pick)
		if !quoted[m.First] {
			recent = append(recent, seen{pick, m.First, sent})
		}
	}
}

// afterPreposition reports whether the phrase holding token i follows a
// preposition ("the meeting with Kamara", "a trip for Belousov").
func (s *Set) afterPreposition(i int) bool {
	m := s.Mentions.At(i)
	j := i - 1
	if m != nil {
		j = m.First - 1
	}
	// skip a title chain and determiners
	for j >= 0 {
		if pm := s.Mentions.At(j); pm != nil && pm.Kind != mention.Pronoun && pm.Kind != mention.Name {
			j = pm.First - 1
			continue
		}
		k := s.Doc.Key(j)
		if k == "the" || k == "'s" || k == "his" || k == "her" {
			j--
			continue
		}
		break
	}
	if j < 0 {
		return false
	}
	switch s.Doc.Key(j) {
	case "with", "for", "to", "of", "by", "from", "on", "about", "against", "between", "among", "at", "in":
		return true
	}
	return false
}

// bodies links it/its/they/their to a country, organisation or national
// body: the nearest one earlier in the sentence that is not the object of a
// preposition, else the first such of the previous sentence. "Kenya said it
// would close the camps"; "NATO ministers … They urged Russia".
func (s *Set) bodies() {
	ms := s.Mentions
	quoted := s.Doc.Quoted()
	isBody := func(a *Actor) bool {
		return a != nil && a.Kind != parley.KindPerson && a.Country != ""
	}
	for mi := range ms.Mentions {
		m := &ms.Mentions[mi]
		if m.Kind != mention.Pronoun || m.Pronoun.Gender != "n" || quoted[m.First] {
			continue
		}

		si := s.Doc.SentenceOf(m.First)
		sent := s.Doc.Sentences[si]
		var pick *Actor
		for k := mi - 1; k >= 0 && ms.Mentions[k].First >= sent.First; k-- {
			if a := s.Ref(k); isBody(a) && !quoted[ms.Mentions[k].First] && !s.afterPreposition(ms.Mentions[k].First) {
				pick = a
				break
			}
		}
		if pick == nil && si > 0 {
			prev := s.Doc.Sentences[si-1]
			for k := mi - 1; k >= 0 && ms.Mentions[k].First >= prev.First; k-- {
				if ms.Mentions[k].First >= sent.First {
					continue
				}
				if a := s.Ref(k); isBody(a) && !quoted[ms.Mentions[k].First] && !s.afterPreposition(ms.Mentions[k].First) {
					pick = a // keep going: the first in the sentence wins
				}
			}
		}
		if pick != nil {
			s.link(mi, pick)
		}
	}
}

// AfterPreposition reports whether the phrase holding token i is the object
// of a preposition.
func (s *Set) AfterPreposition(i int) bool { return s.afterPreposition(i) }

// Reference is what a noun phrase stands for.
type Reference struct {
	Actor     *Actor
	Anonymous bool
	Text      string // the phrase
	Span      parley.Span
}

// Resolve reads a noun phrase [first, last) that names, describes or points
// to an actor: a name, a pronoun, an institution, "the minister", or an
// unnamed "senior Russian defense official".
func (s *Set) Resolve(first, last int) Reference {
	if first >= last {
		return Reference{}
	}
	ref := Reference{Text: s.text(first, last),
		Span: parley.Span{Start: int(s.Doc.Tokens[first].Start), End: int(s.Doc.Tokens[last-1].End)}}
	// "they" as a speaker stands for people ("Analysts said … They said") as
	// often as for a body: an unnamed group
	if last-first == 1 && (s.Doc.Key(first) == "they") {
		ref.Anonymous = true
		return ref
	}
	// a person named in the phrase
	var org, possessor *Actor
	for i := first; i < last; i++ {
		a := s.RefAt(i)
		if a == nil {
			continue
		}
		if m := s.Mentions.At(i); m != nil && m.Kind == mention.Pronoun && m.Pronoun.Case == "poss" && i+1 < last {
			// "its procedural character", "his spokesman": the possessor is not the phrase's head
			continue
		}
		if m := s.Mentions.At(i); m != nil && a.Kind == parley.KindPerson && m.Last < last && s.isPossessor(m.Last) {
			// "Guterres' spokesman, Stephane Dujarric": the possessor does not speak;
			// "Matiangi's official Twitter account" speaks for him
			if possessor == nil {
				possessor = a
			}
			i = m.Last
			continue
		}
		if a.Kind == parley.KindPerson {
			ref.Actor = a
			return ref
		}
		if org == nil || a.Kind != parley.KindCountry {
			org = a
		}
	}
	// a capitalised word of a person's name that the dictionaries took for
	// something else ("Haji said", where Haji ends "Abdullahi Osman Haji")
	for i := first; i < last; i++ {
		if !s.Doc.Tokens[i].Is(segment.Upper) {
			continue
		}
		if c := s.byWord[s.Doc.Key(i)]; len(c) == 1 && (s.Mentions.At(i) == nil || s.Mentions.At(i).Kind == mention.Title) {
			ref.Actor = c[0]
			return ref
		}
	}
	// an unnamed speaker: "a senior official", "sources close to the talks"
	headKey := ""
	for i := first; i < last; i++ {
		k := s.Doc.Key(i)
		if k == "of" && headKey == "" {
			continue // "a Horn of Africa analyst": the head may follow "of"
		}
		if k == "of" || k == "at" || k == "with" || k == "from" || k == "in" || k == "close" || k == "who" || k == "based" || s.isPunct(i, ",") {
			break
		}
		if s.lx.IsAnonymousHead(k) {
			headKey = k
		}
	}
	det := s.Doc.Key(first)
	if possessor != nil && !s.lx.IsAnonymousHead(headKey) {
		ref.Actor = possessor
		return ref
	}
	if s.lx.IsAnonymousHead(headKey) {
		// "the official" after a named official is that person; "an official" is not
		if det == "the" || det == "this" {
			if p := s.byTitleWord(headKey, first); p != nil {
				ref.Actor = p
				return ref
			}
		}
		if org == nil || org.Kind == parley.KindCountry || s.isAnonymousOrgPhrase(first, last) {
			ref.Anonymous = true
			return ref
		}
	}
	if org != nil {
		ref.Actor = org
		return ref
	}
	// "the minister", "the Russian minister", "the king"
	if det == "the" || det == "his" || det == "her" || det == "their" {
		for i := last - 1; i > first; i-- {
			if m := s.Mentions.At(i); m != nil && m.Kind == mention.Title {
				if p := s.byTitleWord(s.Doc.Key(m.Last-1), first); p != nil {
					ref.Actor = p
					return ref
				}
			}
		}
	}
	return ref
}

// isPossessor reports whether the token at i marks the name before it as a
// possessor: "'s", or a lone apostrophe after a name ending in s.
func (s *Set) isPossessor(i int) bool {
	if i >= len(s.Doc.Tokens) {
		return false
	}
	t := s.Doc.Tokens[i]
	k := s.Doc.Key(i)
	return t.Is(segment.Possessive) || (t.Kind == segment.Quote && k == "'" && i > 0 && !s.Doc.Tokens[i-1].Is(segment.SpaceAfter))
}

// isAnonymousOrgPhrase reports whether an organisation appears only as the
// employer of an unnamed speaker ("a State Department spokesperson").
func (s *Set) isAnonymousOrgPhrase(first, last int) bool {
	d := s.Doc.Key(first)
	return d == "a" || d == "an" || d == "one" || d == "two" || d == "three" || d == "several" || d == "some"
}

// byTitleWord finds the most recent person before token before whose title
// contains the word ("the minister" → the last minister named).
func (s *Set) byTitleWord(word string, before int) *Actor {
	var best *Actor
	bestTok := -1
	for _, a := range s.Actors {
		if a.Kind != parley.KindPerson || a.first >= before || a.Title == "" {
			continue
		}
		if !containsWord(s.lx.KeyOf(a.Title), word) {
			continue
		}
		last := a.first
		for _, sp := range a.mentions {
			if sp.Start < int(s.Doc.Tokens[before].Start) {
				last = s.Doc.TokenAt(sp.Start)
			}
		}
		if last > bestTok {
			best, bestTok = a, last
		}
	}
	return best
}

func containsWord(phrase, w string) bool {
	for i := 0; i+len(w) <= len(phrase); i++ {
		if phrase[i:i+len(w)] == w && (i == 0 || phrase[i-1] == ' ') && (i+len(w) == len(phrase) || phrase[i+len(w)] == ' ') {
			return true
		}
		// plural titles: "ministers" → "minister"
	}
	return false
}
