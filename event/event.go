// Package event codes dyadic CAMEO events: who did what to whom, when.
//
// A trigger (a verb or noun from data/events.tsv) names the act; the actors
// around it in its sentence are its sides: the subject before it is the
// source, the object after it (or the other side of "between X and Y") the
// target. Acts that a clause puts in the future, denies or makes conditional
// are not coded as done.
package event

import (
	"sort"
	"strings"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/actor"
	"github.com/parley-events/parley/lexicon"
	"github.com/parley-events/parley/mention"
	"github.com/parley-events/parley/segment"
)

// side is an actor as it appears in a sentence.
type side struct {
	pron        bool // a possessive pronoun: "his veto", "its troops"
	a           *actor.Actor
	code        string // three-letter country or organisation code
	first, last int    // tokens of the mention
	loc         bool   // a place ("in Rabat"), not an agent
	prep        string // the preposition before it, if any
}

// Find codes the events of one document.
func Find(lx *lexicon.Lexicon, as *actor.Set, dates []parley.Date, published time.Time, quotes []parley.Quote) []parley.Event {
	book := defaultBook()
	d := as.Doc
	inQuote := d.Quoted()
	speakerAt := speakers(as, quotes)
	var out []parley.Event
	seen, seenDate := map[string]bool{}, map[string]bool{}
	var lastEvents []parley.Event
	lastEventSentence := -10
	for si, whole := range d.Sentences {
		for _, sent := range clauses(d, whole) {
			sides := sidesOf(lx, as, sent)
			var prevInSentence []parley.Event
			for i := sent.First; i < sent.Last; i++ {
				var sp *actor.Actor
				if inQuote[i] {
					// inside someone's words, only what the speaker says "we" or "I" do is coded
					if sp = speakerAt(i); sp == nil {
						continue
					}
				}
				t, end := book.match(d, i, sent.Last)
				if t == nil {
					continue
				}
				here := sides
				if inQuote[i] {
					p := firstPerson(d, i, sent.First)
					if p < 0 {
						continue
					}
					here = withSpeaker(sides, side{a: sp, code: codeOf(sp), first: p, last: p + 1})
					// "I want to congratulate you": the one addressed is the last person of
					// another side named before the quotation
					if y := addressee(d, end, sent.Last); y >= 0 {
						if a := lastOther(as, sp, i); a != nil {
							here = withSpeaker(here, side{a: a, code: codeOf(a), first: y, last: y + 1})
						}
					}
				}
				if len(here) < 1 {
					continue
				}
				evs := code(lx, as, book, t, i, end, sent, here)
				if len(evs) == 0 && len(prevInSentence) > 0 && (consequence(d, i, sent.First) || t.sym && i > sent.First && d.Key(i-1) == "and") {
					// "met with X, resulting in the signing of a plan", "met in Bangui and
					// signed an agreement": the same two sides
					for _, p := range prevInSentence {
						ev := p
						ev.CAMEO, ev.Root, ev.Symmetric = t.code, t.code[:2], t.sym
						ev.Trigger = d.Text[d.Tokens[i].Start:d.Tokens[end-1].End]
						ev.TriggerSpan = parley.Span{Start: int(d.Tokens[i].Start), End: int(d.Tokens[end-1].End)}
						if c, ok := book.cameo[ev.CAMEO]; ok {
							ev.Name, ev.QuadClass, ev.Goldstein = c.name, c.quad, c.goldstein
						}
						evs = append(evs, ev)
					}
				}
				if len(evs) == 0 && t.sym && len(lastEvents) > 0 && si-lastEventSentence <= 2 && theySubject(d, i, sent.First) {
					// "Cameroon and C.A.R. officials met in Bangui. They signed an agreement …"
					for _, p := range lastEvents[:1] {
						ev := p
						ev.CAMEO, ev.Root, ev.Symmetric = t.code, t.code[:2], t.sym
						ev.Trigger = d.Text[d.Tokens[i].Start:d.Tokens[end-1].End]
						ev.TriggerSpan = parley.Span{Start: int(d.Tokens[i].Start), End: int(d.Tokens[end-1].End)}
						if c, ok := book.cameo[ev.CAMEO]; ok {
							ev.Name, ev.QuadClass, ev.Goldstein = c.name, c.quad, c.goldstein
						}
						evs = append(evs, ev)
					}
				}
				if len(evs) > 0 {
					prevInSentence = evs
					lastEvents, lastEventSentence = evs, si
				}
				for _, ev := range evs {
					key := ev.SourceCode[:min(3, len(ev.SourceCode))] + "|" + ev.TargetCode[:min(3, len(ev.TargetCode))] + "|" + ev.Root
					if ev.Symmetric {
						a, b := ev.SourceCode[:min(3, len(ev.SourceCode))], ev.TargetCode[:min(3, len(ev.TargetCode))]
						if b < a {
							a, b = b, a
						}
						key = a + "|" + b + "|" + ev.Root + "|s"
					}
					explicit := setDate(&ev, d, dates, si, i, published)
					// one event per act: a repeated report of the same act is dropped,
					// but the same kind of act on another stated date is another act
					if seen[key] && (!explicit || seenDate[key+"|"+ev.Date]) {
						continue
					}
					seen[key] = true
					seenDate[key+"|"+ev.Date] = true
					ev.Sentence = parley.Span{Start: sent.Start, End: sent.End}
					ev.Evidence = d.Text[sent.Start:sent.End]
					out = append(out, ev)
				}
				i = end - 1
			}
		}
	}
	if out == nil {
		out = []parley.Event{}
	}
	return out
}

// sidesOf lists the coded actors mentioned in a sentence, one per mention.
func sidesOf(lx *lexicon.Lexicon, as *actor.Set, sent segment.Sentence) []side {
	d := as.Doc
	var out []side
	for i := sent.First; i < sent.Last; i++ {
		m := as.Mentions.At(i)
		if m == nil {
			continue
		}
		a := as.RefAt(i)
		if a == nil || a.Country == "" {
			i = m.Last - 1
			continue
		}
		c := a.Country
		if len(c) > 3 && !a.Org {
			c = c[:3]
		}
		if a.Kind == parley.KindPerson && a.Inferred {
			// a person the article never places (an analyst, a resident) does not act for a state
			i = m.Last - 1
			continue
		}
		if (m.Kind == mention.Demonym || m.Kind == mention.Country) && m.Last < sent.Last && defaultBook().civil[d.Key(m.Last)] {
			// "Chinese tourists", "Indian origin", "the Ethiopian capital": people or places, not the state
			i = m.Last - 1
			continue
		}
		if m.Kind == mention.Demonym && strings.HasSuffix(d.Key(m.Last-1), "s") && !strings.HasSuffix(d.Key(m.Last-1), "ss") {
			// "Somalis arrived in Kenya": people, not the state
			i = m.Last - 1
			continue
		}
		s := side{a: a, code: c, first: m.First, last: m.Last, pron: m.Kind == mention.Pronoun && m.Pronoun.Case == "poss"}
		// the preposition before the phrase the mention heads
		j := m.First - 1
		for j >= sent.First {
			k := d.Key(j)
			pm := as.Mentions.At(j)
			if pm != nil && pm.Kind != mention.Pronoun {
				j = pm.First - 1
				continue
			}
			if k == "the" || k == "'s" || k == "a" || lx.IsTitleModifier(k) {
				j--
				continue
			}
			break
		}
		if j >= sent.First {
			s.prep = d.Key(j)
		}
		// "to the United States and Japan": a list shares its preposition
		if n := len(out); n > 0 && (s.prep == "and" || s.prep == "or" || s.prep == ",") && onlyJoiners(d, out[n-1].last, m.First) {
			s.prep = out[n-1].prep
		}
		// "in Osaka, Japan", "in Moscow and Vienna": what is listed with a place is a place
		if n := len(out); n > 0 && out[n-1].loc && onlyJoiners(d, out[n-1].last, m.First) {
			s.loc = true
		}
		if m.First >= 2 && d.Key(m.First-1) == "," && m.Kind == mention.Country {
			if pm := as.Mentions.At(m.First - 2); pm != nil && pm.Kind == mention.Name {
				s.loc = true
			}
		}
		switch s.prep {
		case "in", "at", "near", "outside", "inside", "across", "throughout", "around", "within":
			if m.Kind == mention.Country || m.Kind == mention.Capital {
				s.loc = true
			}
		}
		out = append(out, s)
		i = m.Last - 1
	}
	out = mergeChains(as, out)
	return addPluralRefs(as, sent, out)
}

// clauses cuts a sentence at semicolons: "…; China subsequently rolled over
// a loan" has other sides than what stands before it.
func clauses(d *segment.Doc, sent segment.Sentence) []segment.Sentence {
	var out []segment.Sentence
	start := sent.First
	for i := sent.First; i < sent.Last; i++ {
		if d.Key(i) == ";" && i > start && i+1 < sent.Last {
			out = append(out, segment.Sentence{Start: int(d.Tokens[start].Start), End: int(d.Tokens[i].End), First: start, Last: i + 1, Para: sent.Para})
			start = i + 1
		}
	}
	out = append(out, segment.Sentence{Start: int(d.Tokens[start].Start), End: sent.End, First: start, Last: sent.Last, Para: sent.Para})
	return out
}

// theySubject reports whether "they" or "the two sides" is the subject right
// before a trigger, with no other side named: the sides of the act just told.
func theySubject(d *segment.Doc, first, lo int) bool {
	for j := first - 1; j >= lo && j >= first-4; j-- {
		switch d.Key(j) {
		case "they", "both":
			return true
		case "also", "then", "later", "had", "have", "jointly":
			continue
		}
		return false
	}
	return false
}

// consequence reports whether a trigger follows "resulting in", "leading to"
// and the like: it names what an act just told led to, between the same sides.
func consequence(d *segment.Doc, first, lo int) bool {
	for j := first - 1; j >= lo+1 && j >= first-4; j-- {
		a, b := d.Key(j-1), d.Key(j)
		if (a == "resulting" || a == "culminating") && b == "in" || a == "leading" && b == "to" || a == "ending" && b == "with" {
			return true
		}
	}
	return false
}

// speakers maps a token inside a quotation to the quotation's speaker, when
// the speaker is a person or body placed in a country or organisation.
func speakers(as *actor.Set, quotes []parley.Quote) func(int) *actor.Actor {
	d := as.Doc
	type span struct {
		first, last int
		a           *actor.Actor
	}
	var spans []span
	for _, q := range quotes {
		if q.Speaker == nil {
			continue
		}
		a := as.ByID(*q.Speaker)
		if a == nil || a.Country == "" || a.Inferred {
			continue
		}
		spans = append(spans, span{d.TokenAt(q.Span.Start), d.TokenAt(q.Span.End), a})
	}
	// quotations come in text order and do not overlap: search by position
	return func(i int) *actor.Actor {
		k := sort.Search(len(spans), func(k int) bool { return spans[k].last > i })
		if k < len(spans) && i >= spans[k].first {
			return spans[k].a
		}
		return nil
	}
}

// verbalAct reports whether a code is an act done in words alone.
func verbalAct(cameo string) bool {
	switch cameo[:2] {
	case "01", "02", "05", "10", "11", "12":
		return true
	}
	return false
}

// performative reports whether a verbal act is done by being said in the
// first person: "I want to congratulate you", "we would like to thank".
func performative(d *segment.Doc, first, lo int) bool {
	if !d.Quoted()[first] {
		return false
	}
	for j := first - 1; j >= lo && j >= first-5; j-- {
		if k := d.Key(j); k == "i" || k == "we" {
			return true
		}
	}
	return false
}

// addressee finds "you" right after a trigger.
func addressee(d *segment.Doc, from, lo int) int {
	for j := from; j < lo && j < from+3; j++ {
		if d.Key(j) == "you" {
			return j
		}
	}
	return -1
}

// lastOther is the person last named outside quotations before token i whose
// country differs from the speaker's.
func lastOther(as *actor.Set, sp *actor.Actor, i int) *actor.Actor {
	d := as.Doc
	quoted := d.Quoted()
	for j := i - 1; j >= 0; j-- {
		if quoted[j] {
			continue
		}
		a := as.RefAt(j)
		if a != nil && a.Kind == parley.KindPerson && a.Country != "" && codeOf(a) != codeOf(sp) {
			return a
		}
	}
	return nil
}

// firstPerson finds "we" or "I" as the subject before a trigger in a quotation.
func firstPerson(d *segment.Doc, trig, lo int) int {
	for j := trig - 1; j >= lo && j >= trig-4; j-- {
		switch d.Key(j) {
		case "we", "i":
			return j
		case ",", ".", ";", "that", "and", "but":
			return -1
		}
	}
	return -1
}

func withSpeaker(sides []side, sp side) []side {
	out := make([]side, 0, len(sides)+1)
	done := false
	for _, s := range sides {
		if !done && s.first > sp.first {
			out = append(out, sp)
			done = true
		}
		out = append(out, s)
	}
	if !done {
		out = append(out, sp)
	}
	return out
}

// mergeChains folds a country word into the actor it qualifies: "Russian
// Defense Minister Andrei Belousov" is one side, not two.
func mergeChains(as *actor.Set, sides []side) []side {
	d := as.Doc
	var out []side
	for _, s := range sides {
		if n := len(out); n > 0 {
			p := out[n-1]
			if p.code == s.code && onlyTitles(as, d, p.last, s.first) {
				s.first, s.prep, s.loc = p.first, p.prep, p.loc && s.loc
				out[n-1] = s
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

func onlyTitles(as *actor.Set, d *segment.Doc, lo, hi int) bool {
	for i := lo; i < hi; i++ {
		if m := as.Mentions.At(i); m != nil && (m.Kind == mention.Title || m.Kind == mention.Qualifier || m.Kind == mention.Institution) {
			i = m.Last - 1
			continue
		}
		if k := d.Key(i); k != "'s" && k != "'" && k != "the" {
			return false
		}
	}
	return true
}

// addPluralRefs reads "the two countries", "both sides", "the two leaders"
// as the two sides last named before them, in the current or the previous
// paragraph.
func addPluralRefs(as *actor.Set, sent segment.Sentence, sides []side) []side {
	d := as.Doc
	b := defaultBook()
	for i := sent.First; i+1 < sent.Last; i++ {
		k := d.Key(i)
		n, noun := 0, 0
		switch {
		case k == "both" && b.plural[d.Key(i+1)] != "":
			n, noun = 2, i+1
		case k == "the" && countWord(d.Key(i+1)) > 0 && b.plural[d.Key(i+1)] != "":
			// "the trio", "the pair"
			n, noun = countWord(d.Key(i+1)), i+1
		case k == "the" && i+2 < sent.Last && countWord(d.Key(i+1)) > 0:
			// "the two countries", "the three military-led nations"
			n = countWord(d.Key(i + 1))
			for j := i + 2; j < sent.Last && j <= i+4; j++ {
				if b.plural[d.Key(j)] != "" {
					noun = j
					break
				}
			}
		}
		if noun == 0 {
			continue
		}
		group := lastN(as, i, d.Sentences[d.SentenceOf(i)].Para, b.plural[d.Key(noun)], n)
		if group == nil {
			continue
		}
		prep := ""
		if i > sent.First && isPreposition(d.Key(i-1)) {
			prep = d.Key(i - 1)
		}
		at := len(sides)
		for k, s := range sides {
			if s.first > i {
				at = k
				break
			}
		}
		ins := make([]side, len(group))
		for g, a := range group {
			// the first covers the phrase; the others stand right after it, as a list
			ins[g] = side{a: a, code: codeOf(a), first: noun + 1, last: noun + 1, prep: prep}
		}
		ins[0].first = i
		sides = append(sides[:at], append(ins, sides[at:]...)...)
		i = noun
	}
	return sides
}

// countWord reads "two" to "five" as a number.
func countWord(k string) int {
	switch k {
	case "two", "pair", "duo":
		return 2
	case "three", "trio":
		return 3
	case "four":
		return 4
	case "five":
		return 5
	}
	return 0
}

func codeOf(a *actor.Actor) string {
	c := a.Country
	if len(c) > 3 && !a.Org {
		c = c[:3]
	}
	return c
}

// lastN finds the n actors with different codes named last before token i,
// in text order.
func lastN(as *actor.Set, i, para int, kind string, n int) []*actor.Actor {
	d := as.Doc
	var got []*actor.Actor
	seen := map[string]bool{}
	for j := i - 1; j >= 0 && len(got) < n; j-- {
		if d.Sentences[d.SentenceOf(j)].Para < para-1 {
			break
		}
		m := as.Mentions.At(j)
		if m == nil {
			continue
		}
		j = m.First
		a := as.RefAt(j)
		if a == nil || a.Country == "" || m.Kind == mention.Region || seen[codeOf(a)] {
			continue
		}
		// "the two countries" are countries, "the two leaders" persons
		if kind == "country" && (a.Org || a.Kind == parley.KindPerson) || kind == "person" && a.Kind != parley.KindPerson {
			continue
		}
		seen[codeOf(a)] = true
		got = append(got, a)
	}
	if len(got) < n {
		return nil
	}
	for l, r := 0, len(got)-1; l < r; l, r = l+1, r-1 {
		got[l], got[r] = got[r], got[l]
	}
	return got
}

// code builds the events of one trigger.
func code(lx *lexicon.Lexicon, as *actor.Set, book *book, t *trigger, first, last int, sent segment.Sentence, sides []side) []parley.Event {
	d := as.Doc
	if t.noun && !verbUse(d, first, sent.First) {
		return nounEvents(lx, as, book, t, first, last, sent, sides)
	}
	cameo := t.code
	mod := modality(book, d, first, sent.First)
	if mod == "future" && verbalAct(cameo) && performative(d, first, sent.First) {
		// "I want to congratulate you", "we wish to thank": saying it does it
		mod = ""
	}
	switch mod {
	case "negation", "condition", "hypothesis":
		return nil
	case "refusal":
		cameo = "120"
	case "future":
		if !t.intent {
			if cameo = intentCode(cameo); cameo == "" {
				return nil
			}
		}
	}
	var left, right []side
	for _, s := range sides {
		if s.last <= first {
			left = append(left, s)
		} else if s.first > first {
			// after the trigger, or inside its gap: "asked U.S. President Donald Trump for"
			right = append(right, s)
		}
	}
	right = untilClauseEnd(d, right, last)
	right = beforeCue(lx, d, right, last)
	var sources, targets []side
	// "X was received by Y", "forces backed by Y": Y acts
	byIdx := -1
	for k, s := range right {
		// "requested by X", "was received by X": "by" right after the participle
		if s.prep == "by" && s.first-last <= 3 && (last < len(d.Tokens) && d.Key(last) == "by" || passive(d, first, sent.First)) {
			byIdx = k
			break
		}
	}
	if byIdx < 0 && passive(d, first, sent.First) {
		// "stand accused of", "to be released": the subject undergoes the act, whose doer goes unsaid
		return nil
	}
	left = afterLastCue(lx, d, left, first)
	left = afterSubordinator(d, left, first)
	switch {
	case byIdx >= 0:
		sources = coordinated(d, right, byIdx, +1)
		if n := len(left); n > 0 && first-left[n-1].last <= 2 {
			// "a meeting of the Security Council requested by X": the participle's noun
			targets = []side{left[n-1]}
		} else if k := subject(left); k >= 0 {
			targets = coordinated(d, left, k, -1)
		}
	default:
		k := subject(left)
		if nonFinite(d, first, sent.First) {
			// "…, after meeting with Biden": the main clause's subject acts
			k = mainSubject(left)
		}
		if k >= 0 {
			sources = coordinated(d, left, k, -1)
		}
		if t.sym && len(sources) > 1 && !withFollows(d, last, right) {
			// "Trump and Modi met": the sides are both in the subject
			return pairs(book, cameo, t, sources, d, first, last)
		}
		if len(sources) == 2 && reciprocal(d, sources[1].last, first, last, sent.Last) {
			// "India and Canada each expelled the other's diplomats": both ways
			return []parley.Event{newEvent(book, cameo, t, sources[0], sources[1], d, first, last),
				newEvent(book, cameo, t, sources[1], sources[0], d, first, last)}
		}
		if k := object(right, cameo, sources); k >= 0 && (!t.direct || right[k].first-last <= 2 && !isPreposition(right[k].prep)) {
			targets = coordinated(d, right, k, +1)
			if t.objCode != "" && right[k].first-last <= 2 && !isPreposition(right[k].prep) && !possessed(d, right[k].last) {
				cameo = t.objCode
			}
		}
		if len(targets) == 0 && t.sym && len(sources) > 1 {
			// "Israel and Morocco signed …": the sides are both in the subject
			targets = sources[1:]
			sources = sources[:1]
		}
		if len(targets) == 0 && len(sources) == 1 && len(right) == 0 && answers(cameo) {
			// "Trump denied the request": a verbal act with no side after it
			// answers the other side named last, in this or the sentence before
			if g, ok := lastOtherSide(as, sent, first, sources[0].code); ok {
				targets = []side{g}
			}
		}
	}
	var out []parley.Event
	for _, s := range sources {
		for _, g := range targets {
			if s.code == g.code {
				continue
			}
			out = append(out, newEvent(book, cameo, t, s, g, d, first, last))
		}
	}
	return out
}

// nounEvents codes an act named by a noun ("talks", "sanctions", "visit").
// A noun takes its sides only from its own phrase: "between X and Y",
// "from X to Y", a possessor or adjective before it ("India's naval
// cooperation", "Chinese funding"), a "with/to/on/against Y" after it, or the
// subject of a light verb that governs it ("X imposed sanctions on Y").
func nounEvents(lx *lexicon.Lexicon, as *actor.Set, b *book, t *trigger, first, last int, sent segment.Sentence, sides []side) []parley.Event {
	d := as.Doc
	cameo := t.code
	// "would resume cooperation", "will hold talks": a light verb's modality governs
	// the noun; "would violate an embargo" says nothing of the embargo
	mod := ""
	for j := first - 1; j >= sent.First && j >= first-4; j-- {
		if b.light[d.Key(j)] {
			mod = modality(b, d, j, sent.First)
			break
		}
	}
	switch mod {
	case "negation", "condition", "hypothesis", "refusal":
		return nil
	case "future":
		if cameo = intentCode(cameo); cameo == "" {
			return nil
		}
	}
	// "no talks", "without sanctions"; "expected visit", "planned deal";
	// "cease military aid", "halt talks": an act stopped
	for j := first - 1; j >= sent.First && j >= first-3; j-- {
		k := d.Key(j)
		if k == "no" || k == "without" || k == "not" {
			return nil
		}
		if b.stops[k] {
			switch cameo[:2] {
			case "07":
				cameo = "162"
			case "06":
				cameo = "160"
			case "04":
				cameo = "164"
			default:
				return nil
			}
			break
		}
		if kind := b.modalAt(d, j, first); kind == "future" && (k == "expected" || k == "planned" || k == "proposed" || k == "upcoming" || k == "possible" || k == "potential" || k == "future") ||
			kind == "hypothesis" && (k == "considering" || k == "considers" || k == "mulling" || k == "weighing") {
			cameo = intentCode(cameo)
			if cameo == "" {
				return nil
			}
		}
	}
	var left, right []side
	for _, s := range sides {
		if s.last <= first {
			left = append(left, s)
		} else if s.first >= last {
			right = append(right, s)
		}
	}
	var sources, targets []side
	// after the noun: "between X and Y", "from X to Y", "with/to/on/against Y"
	right = beforeCue(lx, d, right, last)
	for k, s := range right {
		if s.first-last > 6 && s.prep != "between" || s.first-last > 12 {
			break
		}
		if s.prep != "between" && commaBetween(d, last, s.first) {
			break // "…'s Brexit negotiations, says immigration to France": another clause
		}
		switch s.prep {
		case "between":
			if p := betweenPair(d, right[k:], s.first-1); p != nil {
				return pairs(b, cameo, t, p, d, first, last)
			}
		case "by":
			// "a two-day visit by Indian Prime Minister Narendra Modi to Mauritius"
			if k+1 < len(right) && (right[k+1].prep == "to" || right[k+1].prep == "with") && right[k+1].first-s.last <= 2 {
				return []parley.Event{newEvent(b, cameo, t, s, right[k+1], d, first, last)}
			}
		case "from":
			if k+1 < len(right) && right[k+1].prep == "to" && right[k+1].first-s.last <= 2 {
				return []parley.Event{newEvent(b, cameo, t, s, right[k+1], d, first, last)}
			}
		case "with", "to", "on", "against", "toward", "towards", "into", "over", "upon":
			if (s.prep == "on" || s.prep == "over") && cameo[:2] == "04" {
				continue // "a meeting on Afghanistan": the topic, not a side
			}
			if len(targets) == 0 && !(s.loc && !strings.HasPrefix(cameo, "042")) {
				targets = coordinated(d, right, k, +1)
			}
		}
	}
	// before the noun: a possessor or adjective, with at most three modifiers between
	if len(left) > 0 {
		l := left[len(left)-1]
		gap := 0
		ok := true
		for j := l.last; j < first; j++ {
			k := d.Key(j)
			if k == "'s" || k == "'" {
				continue
			}
			if d.Tokens[j].Kind != segment.Word || lx.IsFunction(k) || lx.CueKind(k) != "" {
				ok = false
				break
			}
			gap++
		}
		if ok && gap <= 3 {
			sources = coordinated(d, left, len(left)-1, -1)
		}
	}
	// a light verb before the noun lends its subject
	if len(sources) == 0 {
		for j := first - 1; j >= sent.First && j >= first-5; j-- {
			if b.light[d.Key(j)] {
				var lv []side
				for _, s := range left {
					if s.last <= j {
						lv = append(lv, s)
					}
				}
				if k := subject(lv); k >= 0 {
					sources = coordinated(d, lv, k, -1)
				}
				break
			}
		}
	}
	if len(sources) == 0 && t.sym {
		// "Biden and Putin agreed …, at a first summit": a two-sided subject
		// takes part in the meeting its sentence names
		if k := mainSubject(left); k >= 0 {
			if subj := coordinated(d, left, k, +1); len(subj) > 1 {
				return pairs(b, cameo, t, subj, d, first, last)
			}
		}
	}
	if len(sources) == 0 {
		return nil
	}
	if len(targets) == 0 {
		if t.sym && len(sources) > 1 {
			return pairs(b, cameo, t, sources, d, first, last)
		}
		return nil
	}
	var out []parley.Event
	for _, s := range sources {
		for _, g := range targets {
			if s.code != g.code {
				out = append(out, newEvent(b, cameo, t, s, g, d, first, last))
			}
		}
	}
	return out
}

// verbUse reports whether a noun trigger stands where a verb does: after a
// modal or an infinitive "to" ("will visit Japan", "agreed to talk").
func verbUse(d *segment.Doc, first, lo int) bool {
	if first == lo {
		return false
	}
	switch d.Key(first - 1) {
	case "will", "would", "to", "could", "may", "might", "must", "should", "shall", "can", "not", "n't", "did", "also":
		return true
	}
	return false
}

// intentCode turns an act not yet done into the intent to do it: a planned
// meeting is 036, planned aid 033, other cooperation 030; a planned conflict
// act is a threat (138); other verbal conflict is not coded.
func intentCode(cameo string) string {
	root := cameo[:2]
	switch {
	case root == "04":
		return "036"
	case root == "07":
		return "033"
	case root == "06":
		return "031"
	case root <= "08":
		return "030"
	case root == "13":
		return cameo
	case root == "16":
		return "131" // threaten to reduce relations or with sanctions
	case root == "14" || root == "15":
		return "130"
	case root >= "17":
		return "138"
	}
	return ""
}

// withFollows reports whether the first actor after a trigger comes with
// "with": "X and Y met with Z" has Z as the other side.
func withFollows(d *segment.Doc, last int, right []side) bool {
	return len(right) > 0 && right[0].prep == "with" && right[0].first-last <= 4
}

// pairs codes a symmetric act among coordinated sides: each with the first.
func pairs(b *book, cameo string, t *trigger, sides []side, d *segment.Doc, first, last int) []parley.Event {
	var out []parley.Event
	for _, g := range sides[1:] {
		if g.code != sides[0].code {
			out = append(out, newEvent(b, cameo, t, sides[0], g, d, first, last))
		}
	}
	return out
}

func newEvent(b *book, cameo string, t *trigger, s, g side, d *segment.Doc, first, last int) parley.Event {
	e := parley.Event{
		Source: actor.ID(s.a), Target: actor.ID(g.a),
		SourceCode: s.a.Code(), TargetCode: g.a.Code(),
		CAMEO: cameo, Root: cameo[:2], Symmetric: t.sym,
		Trigger:     d.Text[d.Tokens[first].Start:d.Tokens[last-1].End],
		TriggerSpan: parley.Span{Start: int(d.Tokens[first].Start), End: int(d.Tokens[last-1].End)},
	}
	if e.SourceCode == "" {
		e.SourceCode = s.code
	}
	if e.TargetCode == "" {
		e.TargetCode = g.code
	}
	if s.a.Kind == parley.KindPerson {
		e.SourcePerson = s.a.Name
	}
	if g.a.Kind == parley.KindPerson {
		e.TargetPerson = g.a.Name
	}
	if c, ok := b.cameo[cameo]; ok {
		e.Name, e.QuadClass, e.Goldstein = c.name, c.quad, c.goldstein
	}
	return e
}

// subject picks the source among the actors before a trigger: the nearest
// one that is not a place and not the object of a preposition.
func subject(left []side) int {
	fallback := -1
	for k := len(left) - 1; k >= 0; k-- {
		s := left[k]
		if s.loc {
			continue
		}
		switch s.prep {
		case "of", "with", "to", "for", "on", "against", "by", "over", "about", "between", "than", "among":
			if fallback < 0 {
				fallback = k
			}
			continue
		}
		return k
	}
	return fallback
}

// object picks the target among the actors after a trigger: the first that
// differs from the source and is not a mere place — except for visits,
// whose target is the place visited.
func object(right []side, cameo string, sources []side) int {
	// a visit's target is the place visited; an attack's, the country struck
	visit := strings.HasPrefix(cameo, "042") || cameo[:2] == "18" || cameo[:2] == "19" || cameo[:2] == "20"
	for k, s := range right {
		if s.loc && !visit {
			continue
		}

		if s.pron {
			continue // "lifted his veto": a determiner, not the object
		}
		same := false
		for _, src := range sources {
			if src.code == s.code {
				same = true
			}
		}
		if same {
			// the object is the source's own side ("fought the Sudanese army"): an internal act;
			// a list may still name others ("Russia and Belarus")
			if k+1 < len(right) && onlyJoinersSides(right[k], right[k+1]) {
				continue
			}
			return -1
		}
		return k
	}
	return -1
}

// answers reports whether a code is a verbal response to someone: praise,
// demands, criticism, rejection.
func answers(cameo string) bool {
	switch cameo[:2] {
	case "05", "10", "11", "12":
		return true
	}
	return false
}

// lastOtherSide finds the side of another code named last before token
// first, in its sentence or the one before, outside quotations.
func lastOtherSide(as *actor.Set, sent segment.Sentence, first int, code string) (side, bool) {
	d := as.Doc
	si := d.SentenceOf(sent.First)
	lo := sent.First
	if si > 0 {
		lo = d.Sentences[si-1].First
	}
	quoted := d.Quoted()
	// the subject of the sentence first: "Trump claimed …, an assertion New Delhi
	// rejected" answers Trump
	for j := sent.First; j < first; j++ {
		m := as.Mentions.At(j)
		a := as.RefAt(j)
		if m == nil || a == nil {
			continue
		}
		if a.Country != "" && codeOf(a) != code && !a.Inferred && m.Kind != mention.Region && !as.AfterPreposition(j) && !quoted[j] {
			return side{a: a, code: codeOf(a)}, true
		}
		break
	}
	for j := first - 1; j >= lo; j-- {
		if quoted[j] {
			continue
		}
		m := as.Mentions.At(j)
		a := as.RefAt(j)
		if m == nil || a == nil || a.Country == "" || codeOf(a) == code || a.Inferred || m.Kind == mention.Region {
			continue
		}
		if (m.Kind == mention.Capital || m.Kind == mention.Country) && j > 0 {
			if k := d.Key(m.First - 1); k == "in" || k == "at" {
				continue // a place
			}
		}
		return side{a: a, code: codeOf(a)}, true
	}
	return side{}, false
}

// reciprocal reports whether a two-sided subject acts on each other: "each"
// before the trigger, or "each other", "one another", "the other" after it.
func reciprocal(d *segment.Doc, subjEnd, first, last, end int) bool {
	for i := subjEnd; i < first; i++ {
		if d.Key(i) == "each" {
			return true
		}
	}
	for i := last; i+1 < end && i < last+6; i++ {
		a, b := d.Key(i), d.Key(i+1)
		if a == "each" && b == "other" || a == "one" && b == "another" || a == "the" && (b == "other" || b == "other's") {
			return true
		}
	}
	return false
}

// untilClauseEnd keeps the sides after a trigger up to the end of its clause:
// ", after intelligence reports …", ", which …" start another.
func untilClauseEnd(d *segment.Doc, right []side, last int) []side {
	for k, s := range right {
		// "Saudi Arabia pledged $2 billion and the United Arab Emirates promised …":
		// a side after "and" that a verb follows opens a clause of its own
		if s.first > last && s.last < len(d.Tokens) && (d.Key(s.first-1) == "and" || s.first >= 2 && d.Key(s.first-2) == "and" && d.Key(s.first-1) == "the") {
			if t := d.Tokens[s.last]; t.Kind == segment.Word && !t.Is(segment.Upper) && (strings.HasSuffix(d.Key(s.last), "ed") || d.Key(s.last) == "said") {
				return right[:k]
			}
		}
		for i := last; i < s.first; i++ {
			if d.Key(i) == "," && i+1 < s.first {
				switch d.Key(i + 1) {
				case "after", "before", "while", "which", "who", "when", "because", "although", "though", "but", "whereas", "amid", "despite", "where", "since":
					return right[:k]
				}
			}
		}
	}
	return right
}

// afterSubordinator drops the sides before a subordinating word that opens
// the trigger's clause: in "Japan's cooperation will develop slowly as all
// three countries want to maintain relations", Japan does not maintain them.
func afterSubordinator(d *segment.Doc, left []side, first int) []side {
	for k := len(left) - 1; k >= 0; k-- {
		for i := left[k].last; i < first; i++ {
			switch d.Key(i) {
			case "as", "while", "because", "although", "though", "whereas", "since", "unless", "if":
				if i > 0 && (d.Key(i-1) == "such" || d.Key(i-1) == "well" || d.Key(i-1) == "so") {
					continue // "such as", "as well as"
				}
				return left[k+1:]
			}
		}
	}
	return left
}

// beforeCue keeps the sides before a verb of saying that follows the trigger:
// "…, while condemning the violence, says a reset with the United States …".
func beforeCue(lx *lexicon.Lexicon, d *segment.Doc, right []side, last int) []side {
	for k, s := range right {
		for i := last; i < s.first; i++ {
			if lx.CueKind(d.Key(i)) == "verb" && d.Tokens[i].Kind == segment.Word && !d.Tokens[i].Is(segment.Upper) {
				return right[:k]
			}
		}
	}
	return right
}

// passive reports whether a verb trigger is a passive participle: "was
// accused", "stand accused", "to be released".
func passive(d *segment.Doc, first, lo int) bool {
	w := d.Key(first)
	if !strings.HasSuffix(w, "ed") && w != "held" && w != "made" && w != "sent" && w != "struck" || defaultBook().stative[w] {
		return false
	}
	for j := first - 1; j >= lo && j >= first-3; j-- {
		switch d.Key(j) {
		case "is", "are", "was", "were", "be", "been", "being", "stand", "stands", "stood", "remain", "remains", "get", "got":
			return true
		case "those", "the":
			return j == first-1 // "those accused", "the accused": a participle as a noun
		case "not", "also", "already", "reportedly", "allegedly", "later", "then", "now", "widely", "still":
			continue
		}
		return false
	}
	return false
}

// afterLastCue drops the sides before a verb of saying that stands between
// them and the trigger: in "The U.N. says fighting …", the U.N. speaks, it
// does not fight.
func afterLastCue(lx *lexicon.Lexicon, d *segment.Doc, left []side, first int) []side {
	for k := len(left) - 1; k >= 0; k-- {
		for i := left[k].last; i < first; i++ {
			if lx.CueKind(d.Key(i)) == "verb" && d.Tokens[i].Kind == segment.Word && !d.Tokens[i].Is(segment.Upper) {
				return left[k+1:]
			}
		}
	}
	return left
}

// possessed reports whether a side is a possessor ("Russia's decision"): the
// act's object is what it owns, not the side itself.
func possessed(d *segment.Doc, last int) bool {
	return last < len(d.Tokens) && (d.Tokens[last].Is(segment.Possessive) || d.Key(last) == "'")
}

func isPreposition(k string) bool {
	switch k {
	case "with", "to", "of", "for", "on", "against", "by", "from", "in", "at", "between", "among", "over", "about", "into":
		return true
	}
	return false
}

func onlyJoinersSides(a, b side) bool { return b.first-a.last <= 2 }

// nonFinite reports whether a trigger opens a participle clause ("…, after
// meeting", "…, signing"), whose subject is the main clause's.
func nonFinite(d *segment.Doc, first, lo int) bool {
	w := d.Key(first)
	if !strings.HasSuffix(w, "ing") || first == lo {
		return false
	}
	switch d.Key(first - 1) {
	case ",", "after", "before", "while", "when", "by", "since", "without":
		return true
	}
	return false
}

// mainSubject is the first side of the sentence that is neither a place nor
// the object of a preposition.
func mainSubject(left []side) int {
	for k, s := range left {
		if s.loc || s.prep != "" && s.prep != "and" && s.prep != "," {
			continue
		}
		return k
	}
	return subject(left)
}

// coordinated extends a side to the list it stands in ("Burkina Faso, Mali
// and Niger"), walking in direction dir.
func coordinated(d *segment.Doc, list []side, k, dir int) []side {
	out := []side{list[k]}
	conj := false // a list has "and" or "or" somewhere: "A, B and C"; "A, B" alone is no list
	for j := k + dir; j >= 0 && j < len(list); j += dir {
		a, b := list[j-dir], list[j]
		lo, hi := a.last, b.first
		if dir < 0 {
			lo, hi = b.last, a.first
		}
		if !onlyJoiners(d, lo, hi) {
			break
		}
		for i := lo; i < hi; i++ {
			if k := d.Key(i); k == "and" || k == "or" {
				conj = true
			}
		}
		out = append(out, b)
	}
	if !conj && len(out) > 1 && !sameSpot(out) {
		out = out[:1]
	}
	if dir < 0 {
		// keep text order: "Russia and Mali" has Russia first
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
	}
	return out
}

func commaBetween(d *segment.Doc, lo, hi int) bool {
	for i := lo; i < hi; i++ {
		if d.Key(i) == "," {
			return true
		}
	}
	return false
}

// sameSpot reports whether sides share one place in the text, as the sides
// that "the two countries" stands for do.
func sameSpot(list []side) bool {
	for _, s := range list[1:] {
		if s.first > list[0].last || s.last < list[0].first {
			return false
		}
	}
	return true
}

func onlyJoiners(d *segment.Doc, lo, hi int) bool {
	if hi <= lo {
		return hi == lo
	}
	for i := lo; i < hi; i++ {
		k := d.Key(i)
		if k != "," && k != "and" && k != "or" && k != "as" && k != "well" && k != "the" {
			return false
		}
	}
	return true
}

// betweenPair reads "between X and Y" right after a noun trigger.
func betweenPair(d *segment.Doc, right []side, last int) []side {
	if len(right) < 2 {
		return nil
	}
	a, b := right[0], right[1]
	if a.prep != "between" || a.first-last > 3 {
		return nil
	}
	if !onlyJoiners(d, a.last, b.first) {
		return nil
	}
	return []side{a, b}
}

// modality reads the words before a trigger, within its clause, for future,
// negation, condition or refusal.
func modality(b *book, d *segment.Doc, first, lo int) string {
	for j := first - 1; j >= lo && j >= first-6; j-- {
		t := d.Tokens[j]
		k := d.Key(j)
		if t.Kind == segment.Punct || t.Kind == segment.Quote || k == "that" || k == "and" || k == "but" || k == "which" || k == "who" || k == "after" || k == "before" || k == "when" || k == "as" || k == "since" {
			return ""
		}
		if kind := b.modalAt(d, j, first); kind != "" {
			return kind
		}
	}
	return ""
}

// setDate dates an event by the nearest date in its sentence, else the last
// date earlier in its paragraph, else the publication date.
func setDate(e *parley.Event, d *segment.Doc, dates []parley.Date, si, trig int, published time.Time) (explicit bool) {
	sent := d.Sentences[si]
	best, bestDist := -1, 1<<30
	pos := int(d.Tokens[trig].Start)
	for k, dt := range dates {
		if dt.Span.Start < sent.Start || dt.Span.End > sent.End || dt.Value == "" || sinceDate(d, dt) {
			continue
		}
		if dt.Span.Start > pos && otherTime(d, trig, d.TokenAt(dt.Span.Start)) {
			continue
		}
		if !published.IsZero() && dt.Value > published.Format("2006-01-02") {
			// a date after publication dates a plan, not an act; the intent is dated when stated
			continue
		}
		dist := dt.Span.Start - pos
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = k, dist
		}
	}
	explicit = best >= 0
	pub := ""
	if !published.IsZero() {
		pub = published.Format("2006-01-02")
	}
	usable := func(dt parley.Date) bool {
		return dt.Value != "" && !sinceDate(d, dt) && !isDateline(d, dt) && (pub == "" || dt.Value <= pub)
	}
	if best < 0 {
		// the last day or month told before in the paragraph, a few sentences back
		// at most: a story's later sentences go on about the occasion its earlier
		// ones dated ("… thanked Yerevan the same day"); a bare year is background
		lo := d.Paragraphs[sent.Para].Start
		if si >= 3 && d.Sentences[si-3].Start > lo {
			lo = d.Sentences[si-3].Start
		}
		for k := len(dates) - 1; k >= 0; k-- {
			dt := dates[k]
			if dt.Span.End <= sent.Start && dt.Span.Start >= lo && usable(dt) && dt.Precision != parley.PrecisionYear {
				best = k
				break
			}
		}
		if best >= 0 && dates[best].Precision == parley.PrecisionDay {
			// "the next day", "a day later"
			if n := dayShift(d, sent); n != 0 {
				if t, err := time.Parse("2006-01-02", dates[best].Value); err == nil {
					e.Date, e.DatePrecision = t.AddDate(0, 0, n).Format("2006-01-02"), parley.PrecisionDay
					return false
				}
			}
		}
	}
	if best < 0 {
		// else the first day or month the story's opening paragraphs give: it
		// dates the story's main occasion, which the lead often names undated
		lead := d.Paragraphs[min(2, len(d.Paragraphs)-1)]
		for k, dt := range dates {
			if dt.Span.Start >= lead.End {
				break
			}
			if usable(dt) && dt.Precision != parley.PrecisionYear {
				best = k
				break
			}
		}
	}
	if best >= 0 {
		e.Date, e.DatePrecision = dates[best].Value, dates[best].Precision
		return explicit
	}
	if !published.IsZero() {
		e.Date, e.DatePrecision = published.Format("2006-01-02"), parley.PrecisionDay
		return false
	}
	e.DatePrecision = parley.PrecisionUnknown
	return false
}

// sinceDate reports whether a date bounds a period ("since 2018", "until
// June", "through 2030") rather than dating an act.
func sinceDate(d *segment.Doc, dt parley.Date) bool {
	i := d.TokenAt(dt.Span.Start)
	if i == 0 {
		return false
	}
	switch d.Key(i - 1) {
	case "since", "until", "till", "through", "by", "before", "to", "from":
		return true
	}
	return false
}

// dayShift reads "the next day", "the following day", "a day later" in a
// sentence as +1 day, "the day before" as -1.
func dayShift(d *segment.Doc, sent segment.Sentence) int {
	for i := sent.First; i+2 < sent.Last; i++ {
		a, b, c := d.Key(i), d.Key(i+1), d.Key(i+2)
		switch {
		case a == "the" && (b == "next" || b == "following") && c == "day", a == "a" && b == "day" && c == "later":
			return 1
		case a == "the" && b == "day" && c == "before":
			return -1
		}
	}
	return 0
}

// isDateline reports whether a date belongs to a dateline ("NUR-SULTAN, Oct 17 —"),
// which dates the report, not the act.
func isDateline(d *segment.Doc, dt parley.Date) bool {
	i := d.TokenAt(dt.Span.Start)
	if i >= len(d.Tokens) {
		return false
	}
	p := d.Paragraphs[d.Sentences[d.SentenceOf(i)].Para]
	if i-p.First > 4 {
		return false
	}
	j := d.TokenAt(dt.Span.End)
	return j < len(d.Tokens) && (d.Key(j) == "—" || d.Key(j) == "-" || d.Key(j) == "–" || d.Key(j) == "(")
}

// otherTime reports whether words between a trigger and a later date put the
// date on another act: "… the fourth exercise, after drills in 2014".
func otherTime(d *segment.Doc, from, to int) bool {
	for i := from + 1; i < to; i++ {
		switch d.Key(i) {
		case "after", "before", "since", "following", "than", "unlike", ";", "(", "when", "which", "who":
			return true
		}
	}
	return false
}

// sortEvents orders events by position.
func sortEvents(evs []parley.Event) {
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].TriggerSpan.Start < evs[j].TriggerSpan.Start })
}
