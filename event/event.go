// Package event codes dyadic CAMEO events: who did what to whom, when.
//
// A trigger (a verb or noun from data/events.tsv) names the act; the actors
// around it in its sentence are its sides: the subject before it is the
// source, the object after it (or the other side of "between X and Y") the
// target. Acts that a clause puts in the future, denies or makes conditional
// are not coded as done.
package event

import (
	"strings"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/actor"
	"github.com/parley-events/parley/lexicon"
	"github.com/parley-events/parley/mention"
	"github.com/parley-events/parley/segment"
)

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
					evs = book.recode(prevInSentence, t, d, i, end)
				}
				if len(evs) == 0 && t.sym && len(lastEvents) > 0 && si-lastEventSentence <= 2 && theySubject(d, i, sent.First) {
					// "Cameroon and C.A.R. officials met in Bangui. They signed an agreement …"
					evs = book.recode(lastEvents[:1], t, d, i, end)
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
	out = append(out, criticisms(lx, as, book, dates, published, quotes, seen)...)
	if out == nil {
		out = []parley.Event{}
	}
	return out
}

// criticisms codes a placed speaker's quotation that names another side and
// condemns it ("a violation of international law", "based on nothing but
// lies") as the speaker's side disapproving of that side (110), or, with
// nothing condemning in it, thanks or praises it (051).
func criticisms(lx *lexicon.Lexicon, as *actor.Set, b *book, dates []parley.Date, published time.Time, quotes []parley.Quote, seen map[string]bool) []parley.Event {
	d := as.Doc
	var out []parley.Event
	for _, q := range quotes {
		if q.Speaker == nil {
			continue
		}
		sp := as.ByID(*q.Speaker)
		if sp == nil || sp.Country == "" || sp.Inferred {
			continue
		}
		first, last := d.TokenAt(q.Span.Start), d.TokenAt(q.Span.End)
		blame, target, tfirst := -1, (*actor.Actor)(nil), -1
		praise := -1
		type cand struct {
			a   *actor.Actor
			tok int
		}
		var cands []cand
		for i := first; i < last; i++ {
			if blame < 0 && b.blame[d.Key(i)] {
				blame = i
			}
			if praise < 0 && b.praise[d.Key(i)] {
				praise = i
			}
			if a := as.RefAt(i); a != nil && a.Country != "" && !a.Inferred && codeOf(a) != codeOf(sp) {
				if m := as.Mentions.At(i); m != nil && m.Kind != mention.Region && m.Kind != mention.Pronoun {
					cands = append(cands, cand{a, i})
					i = m.Last - 1
				}
			}
		}
		// the side nearest the condemning or praising word is the one meant:
		// "… in the face of Russia's illegal war" blames Russia, not Ukraine
		at0 := blame
		if at0 < 0 {
			at0 = praise
		}
		for _, c := range cands {
			if target == nil || abs(c.tok-at0) < abs(tfirst-at0) {
				target, tfirst = c.a, c.tok
			}
		}
		// "China and Russia … their aggressive use of force": a pair named together
		var partner *actor.Actor
		for _, c := range cands {
			if c.a != target && abs(c.tok-tfirst) <= 3 && (d.Key(min(c.tok, tfirst)+1) == "and" || d.Key(min(c.tok, tfirst)+2) == "and") {
				partner = c.a
			}
		}
		cameo, at := "110", blame
		if blame < 0 {
			// praise, when nothing in the quotation condemns
			cameo, at = "051", praise
		}
		if at < 0 || target == nil {
			continue
		}
		key := codeOf(sp) + "|" + codeOf(target) + "|" + cameo[:2]
		if seen[key] {
			continue
		}
		seen[key] = true
		t := &trigger{code: cameo}
		ev := newEvent(b, cameo, t, side{a: sp, code: codeOf(sp)}, side{a: target, code: codeOf(target)}, d, at, at+1)
		si := d.SentenceOf(tfirst)
		setDate(&ev, d, dates, si, at, published)
		sent := d.Sentences[si]
		ev.Sentence = parley.Span{Start: sent.Start, End: sent.End}
		ev.Evidence = d.Text[q.Span.Start:q.Span.End]
		out = append(out, ev)
		if partner != nil && !seen[codeOf(sp)+"|"+codeOf(partner)+"|"+cameo[:2]] {
			seen[codeOf(sp)+"|"+codeOf(partner)+"|"+cameo[:2]] = true
			ev2 := ev
			ev2.Target, ev2.TargetCode, ev2.TargetPerson = actor.ID(partner), partner.Code(), ""
			if partner.Kind == parley.KindPerson {
				ev2.TargetPerson = partner.Name
			}
			out = append(out, ev2)
		}
	}
	return out
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

// code builds the events of one trigger.
func code(lx *lexicon.Lexicon, as *actor.Set, book *book, t *trigger, first, last int, sent segment.Sentence, sides []side) []parley.Event {
	d := as.Doc
	if t.noun && !verbUse(d, first, sent.First) {
		return nounEvents(lx, as, book, t, first, last, sent, sides)
	}
	if nounUse(book, d, first, sent.First) {
		// "its support", "a fight joined by": a noun, not the act done
		return nil
	}
	cameo := t.code
	mod := modality(book, d, first, sent.First)
	if mod == "" && book.unfinite(d, first, sent.First) {
		// a conflict act in view is a threat, but whose intent a cooperative
		// one is, the sentence does not say
		if t.code[:2] < "13" {
			return nil
		}
		mod = "future"
	}
	if mod == "future" && verbalAct(cameo) && performative(d, first, sent.First) {
		// "I want to congratulate you", "we wish to thank": saying it does it
		mod = ""
	}
	if t.thatCode != "" && book.announcesConflict(d, last, sent.Last) {
		// "warned Stockholm that Iraq would sever relations": a warning of a
		// conflict act to come is a threat
		cameo = t.thatCode
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
		if k := object(right, t.code, sources); k >= 0 && (!t.direct || right[k].first-last <= 2 && !isPreposition(right[k].prep)) {
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
		if r := cameo[:2]; len(targets) == 0 && len(sources) == 1 && (r == "03" || r == "07") && book.sum(d, last, min(last+4, sent.Last)) {
			// "Saudi Arabia pledged $2 billion": to the side the passage is about
			if g, ok := beneficiary(lx, as, sent, first, sources[0].code); ok {
				targets = []side{g}
			}
		}
		if len(targets) == 0 && len(sources) == 1 && cameo[:2] == "13" {
			// "If Russia continues to interfere, we stand ready to impose sanctions":
			// a threat is made to the side its condition names
			for _, s := range sides {
				if (s.prep == "if" || s.prep == "unless") && s.code != sources[0].code && !s.loc {
					targets = []side{s}
					break
				}
			}
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

// answers reports whether a code is a verbal response to someone: praise,
// demands, criticism, rejection.
func answers(cameo string) bool {
	switch cameo[:2] {
	case "05", "10", "11", "12":
		return true
	}
	return false
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

// recode gives the sides of events already coded to a new act named by
// trigger t at tokens [first, last).
func (b *book) recode(prev []parley.Event, t *trigger, d *segment.Doc, first, last int) []parley.Event {
	out := make([]parley.Event, 0, len(prev))
	for _, p := range prev {
		ev := p
		ev.CAMEO, ev.Root, ev.Symmetric = t.code, t.code[:2], t.sym
		ev.Trigger = d.Text[d.Tokens[first].Start:d.Tokens[last-1].End]
		ev.TriggerSpan = parley.Span{Start: int(d.Tokens[first].Start), End: int(d.Tokens[last-1].End)}
		if c, ok := b.cameo[ev.CAMEO]; ok {
			ev.Name, ev.QuadClass, ev.Goldstein = c.name, c.quad, c.goldstein
		}
		out = append(out, ev)
	}
	return out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// nounUse reports whether a verb trigger's base form or participle stands
// where a noun does: after a determiner or possessive ("its support", "a
// fight", "the agreed plan"), or a base form after one and a few modifiers
// ("the US support", "its generous and unwavering support").
// An "-s" form after a determiner is a noun the book lists on purpose ("his
// visits to China"), so it is left alone.
func nounUse(b *book, d *segment.Doc, first, lo int) bool {
	if strings.HasSuffix(d.Key(first), "s") {
		return false
	}
	det := func(j int) bool {
		if j < lo {
			return false
		}
		switch d.Key(j) {
		case "the", "a", "an", "its", "their", "his", "her", "our", "your", "my", "'s", "this", "these", "those":
			return true
		}
		return false
	}
	if det(first - 1) {
		return true
	}
	if !b.base[d.Key(first)] {
		// "a summit hosted by", "Russia's envoy defended", "Mahathir's government
		// last year froze": a participle or a past verb
		return false
	}
	// "the US support", "its generous and unwavering support": modifiers between
	// (no plural that could be a subject: "the two countries support")
	for j := first - 1; j >= lo && j >= first-4; j-- {
		if det(j) {
			return j < first-1
		}
		if k := d.Key(j); d.Tokens[j].Kind != segment.Word || strings.HasSuffix(k, "s") && !strings.HasSuffix(k, "ss") && !strings.HasSuffix(k, "us") && !strings.HasSuffix(k, "is") {
			return false
		}
		// "will support", "we support": a verb after all
		if k := d.Key(j); verbUse(d, j+1, lo) || k == "we" || k == "i" || k == "they" || k == "you" {
			return false
		}
	}
	return false
}

// unfinite reports whether a verb trigger stands in a form that is not the
// act done: after an infinitive "to" ("preparing to launch", "a proposal for
// the Council to lift sanctions"), or as a base form joined to an earlier verb
// in a report ("may have to consider building arms or ask the U.S. to …"),
// which shares that verb's mood.
func (b *book) unfinite(d *segment.Doc, first, lo int) bool {
	if first <= lo {
		return false
	}
	switch d.Key(first - 1) {
	case "to":
		return true
	case "and", "or":
		return b.base[d.Key(first)] && !d.Quoted()[first]
	}
	return false
}

// announcesConflict reports whether a "that" clause in tokens [from, to)
// says a conflict act will or would come: "… that Iraq would sever
// relations", "… that the United States would respond".
func (b *book) announcesConflict(d *segment.Doc, from, to int) bool {
	that := false
	for j := from; j < to && j < from+12; j++ {
		switch d.Key(j) {
		case "that":
			that = true
		case "would", "will":
			if !that {
				return false
			}
			for k := j + 1; k < to && k <= j+3; k++ {
				if t, _ := b.match(d, k, to); t != nil && t.code[:2] >= "13" && t.code[:2] != "14" {
					return true
				}
			}
			return false
		}
	}
	return false
}
