package event

import (
	"strings"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/actor"
	"github.com/parley-events/parley/lexicon"
	"github.com/parley-events/parley/segment"
)

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
		if k == "and" || k == "or" || k == "," {
			break // "slapped asset freezes and travel bans": another noun's words
		}
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
		for j := first - 1; j >= sent.First && j >= first-6; j-- {
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
	if r := cameo[:2]; len(targets) == 0 && len(sources) == 1 && (r == "03" || r == "07") && b.sum(d, first-4, first) {
		// "China rolled over a $2 billion loan": to the side the passage is about
		if g, ok := beneficiary(lx, as, sent, first, sources[0].code); ok {
			targets = []side{g}
		}
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
