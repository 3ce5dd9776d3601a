package event

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/actor"
	"github.com/parley-events/parley/lexicon"
	"github.com/parley-events/parley/mention"
	"github.com/parley-events/parley/segment"
)

// reach bounds how far back, in tokens, a reference looks for what it refers
// to: a long news story, so that work per reference stays constant however
// long the input.
const reach = 4000

// side is an actor as it appears in a sentence.
type side struct {
	pron        bool // a possessive pronoun: "his veto", "its troops"
	a           *actor.Actor
	code        string // three-letter country or organisation code
	first, last int    // tokens of the mention
	loc         bool   // a place ("in Rabat"), not an agent
	prep        string // the preposition before it, if any
	who         bool   // a relative clause follows: "the ambassador, who called on him"
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
		s.who = d.Key(m.Last) == "who" || d.Key(m.Last) == "," && d.Key(m.Last+1) == "who"
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
		// "with the State Bank of Pakistan": a name the lexicon does not know, of a
		// country, takes the preposition before it
		if s.prep == "of" {
			if p := namePrep(as, d, j, sent.First); p != "" {
				s.prep = p
			}
		}
		// "the leaders of Armenia and Azerbaijan": people of a side speak for it
		if s.prep == "of" && j >= 1 && defaultBook().plural[d.Key(j-1)] == "person" {
			s.prep = ""
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
		if k := d.Key(i); k != "'s" && k != "'" && k != "the" && k != "," {
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
	named := sides // as named, before groups are added
	for i := sent.First; i+1 < sent.Last; i++ {
		k := d.Key(i)
		n, noun, other := 0, 0, false
		switch {
		case k == "both" && b.plural[d.Key(i+1)] != "":
			n, noun = 2, i+1
		case k == "the" && countWord(d.Key(i+1)) > 0 && b.plural[d.Key(i+1)] != "":
			// "the trio", "the pair"
			n, noun = countWord(d.Key(i+1)), i+1
		case k == "the" && i+3 < sent.Last && d.Key(i+1) == "other" && countWord(d.Key(i+2)) > 0:
			// "with the other three countries": those named with the subject before
			n, other = countWord(d.Key(i+2)), true
			for j := i + 3; j < sent.Last && j <= i+5; j++ {
				if b.plural[d.Key(j)] != "" {
					noun = j
					break
				}
			}
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
		// "China, a partner of both countries, called on both sides": the one the
		// sentence is about, when it names no other before, stands apart from
		// the group ("X met Y after talks between the two men" does not)
		var apart string
		if subj := subjectsBefore(named, i); len(subj) == 1 && (other || len(sidesBefore(named, i)) == 1) {
			apart = subj[0].code
		}
		group := lastN(as, i, d.Sentences[d.SentenceOf(i)].Para, b.plural[d.Key(noun)], n, apart)
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

// lastN finds the n actors with different codes that "both countries" or
// "the three nations" before token i stand for, in text order: the n named
// last when they were named together ("Mali, Niger and Burkina Faso") or are
// persons ("the two leaders"), or else the countries the article has named
// most often: the two sides of the story rather than a third named in passing.
func lastN(as *actor.Set, i, para int, kind string, n int, apart string) []*actor.Actor {
	d := as.Doc
	type cand struct {
		a           *actor.Actor
		first, last int
	}
	var got []cand
	seen := map[string]bool{}
	// take adds the actor mentioned at token j when it may be one of the group,
	// and returns the mention's first token, for a backward walk to go on from
	take := func(j int) int {
		m := as.Mentions.At(j)
		if m == nil {
			return j
		}
		a := as.RefAt(m.First)
		if a == nil || a.Country == "" || m.Kind == mention.Region || seen[codeOf(a)] || codeOf(a) == apart {
			return m.First
		}
		// "the two countries" are countries, "the two leaders" persons
		if kind == "country" && (a.Org || a.Kind == parley.KindPerson) || kind == "person" && a.Kind != parley.KindPerson {
			return m.First
		}
		seen[codeOf(a)] = true
		got = append(got, cand{a, m.First, m.Last})
		return m.First
	}
	// a group is named in the article's own words: "President Trump" inside
	// Pashinyan's quotation is not one of "the two leaders" the article names next
	quoted := d.Quoted()
	inQuote := quoted[i]
	for j := i - 1; j >= max(0, i-reach); j-- {
		if quoted[j] && !inQuote {
			continue
		}
		if d.Sentences[d.SentenceOf(j)].Para < para-1 && len(got) >= n {
			break
		}
		j = take(j)
	}
	if len(got) < n {
		return nil
	}
	together := true
	for k := 0; k+1 < n; k++ {
		if !onlyJoiners(d, got[k+1].last, got[k].first) {
			together = false
		}
	}
	if !together && kind != "person" {
		// the whole article so far ("the two leaders" are the persons named last,
		// but "both countries" the pair the story is about)
		for j := got[len(got)-1].first - 1; j >= max(0, i-reach); j-- {
			j = take(j)
		}
		count := map[string]int{}
		for j := max(0, i-reach); j < i; j++ {
			m := as.Mentions.At(j)
			if m == nil {
				continue
			}
			if a := as.RefAt(j); a != nil && a.Country != "" && m.Kind != mention.Region {
				count[codeOf(a)]++
			}
			j = m.Last - 1
		}
		sort.SliceStable(got, func(x, y int) bool { return count[codeOf(got[x].a)] > count[codeOf(got[y].a)] })
	}
	got = got[:n]
	sort.Slice(got, func(x, y int) bool { return got[x].first < got[y].first })
	out := make([]*actor.Actor, n)
	for k, c := range got {
		out[k] = c.a
	}
	return out
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
	for j := i - 1; j >= max(0, i-reach); j-- {
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

func onlyJoinersSides(a, b side) bool { return b.first-a.last <= 2 }

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
		if pastObject(s.prep) && !s.who {
			// "he had given Putin a list … and warned": the object of a verb
			// before, unless a relative clause makes it a subject again ("received
			// the ambassador, who called on him")
			if fallback < 0 {
				fallback = k
			}
			continue
		}
		return k
	}
	return fallback
}

// pastObject reports whether the word before a side is a past verb form
// ("given", "accused"), which makes the side its object.
func pastObject(w string) bool {
	return len(w) > 4 && !strings.Contains(w, "-") && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en")) && w != "then" && w != "when"
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
//
// "struck what Tehran said were hideouts in Pakistan": a cue after "what" is
// an aside naming whose words the object is; it ends nothing, and the one it
// names is not the object.
func beforeCue(lx *lexicon.Lexicon, d *segment.Doc, right []side, last int) []side {
	aside := func(i int) int {
		for j := i - 1; j >= last && j >= i-5; j-- {
			if d.Key(j) == "what" {
				return j
			}
		}
		return -1
	}
	var out []side
	from := last
	for _, s := range right {
		for i := from; i < s.first; i++ {
			if lx.CueKind(d.Key(i)) == "verb" && d.Tokens[i].Kind == segment.Word && !d.Tokens[i].Is(segment.Upper) {
				w := aside(i)
				if w < 0 {
					return out
				}
				// drop the speaker of the aside
				for len(out) > 0 && out[len(out)-1].first > w {
					out = out[:len(out)-1]
				}
			}
		}
		from = s.first
		out = append(out, s)
	}
	return out
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

// withFollows reports whether the first actor after a trigger comes with
// "with": "X and Y met with Z" has Z as the other side.
func withFollows(d *segment.Doc, last int, right []side) bool {
	return len(right) > 0 && right[0].prep == "with" && right[0].first-last <= 4
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

// sidesBefore lists the sides named before token i.
func sidesBefore(sides []side, i int) []side {
	var out []side
	for _, s := range sides {
		if s.last <= i {
			out = append(out, s)
		}
	}
	return out
}

// subjectsBefore lists the sides named before token i with no preposition:
// those the sentence may be about.
func subjectsBefore(sides []side, i int) []side {
	var out []side
	for _, s := range sides {
		if s.last <= i && (s.prep == "" || s.prep == "," || s.prep == "—" || s.prep == "–") && !s.pron {
			out = append(out, s)
		}
	}
	return out
}

// sum reports whether tokens [from, to) name a sum of money ("$2 billion").
func (b *book) sum(d *segment.Doc, from, to int) bool {
	for j := max(from, 0); j < to && j < len(d.Tokens); j++ {
		k := d.Key(j)
		if b.money[k] {
			return true
		}
		if r, _ := utf8.DecodeRuneInString(k); b.money[string(r)] {
			return true
		}
	}
	return false
}

// beneficiary finds who receives a sum given or pledged with no recipient
// named: the side named last before token first, in its sentence or the one
// before, that is not itself a giver standing as a subject. In "the IMF asked
// Islamabad to obtain assurances; China rolled over a loan and Saudi Arabia
// pledged $2 billion", Islamabad receives.
func beneficiary(lx *lexicon.Lexicon, as *actor.Set, sent segment.Sentence, first int, code string) (side, bool) {
	d := as.Doc
	si := d.SentenceOf(sent.First)
	if whole := d.Sentences[si]; whole.Last-whole.First > 400 {
		return side{}, false // no sentence: text without stops, where this would cost per trigger
	}
	var cands []side
	if si > 0 && d.Sentences[si-1].Last-d.Sentences[si-1].First <= 400 {
		cands = sidesOf(lx, as, d.Sentences[si-1])
	}
	cands = append(cands, sidesOf(lx, as, d.Sentences[si])...)
	quoted := d.Quoted()
	for k := len(cands) - 1; k >= 0; k-- {
		s := cands[k]
		if s.last > first || s.loc || s.code == code || quoted[s.first] || s.last <= s.first {
			continue
		}
		switch s.prep {
		case "", ",", "and", "or", "—", "–", "-", ";", "\"", "from", "by":
			continue // a subject or a giver, not one who gets
		}
		return s, true
	}
	return side{}, false
}

// namePrep reads "with the State Bank of", "on a group of" back from "of"
// at token j: the preposition before a short phrase (a determiner and at
// most four words, none a known actor's) that ends in "of".
func namePrep(as *actor.Set, d *segment.Doc, j, lo int) string {
	k := j - 1
	for k >= lo && j-k <= 4 && d.Tokens[k].Kind == segment.Word && (as.Mentions.At(k) == nil || as.RefAt(k) == nil && as.Mentions.At(k).Kind == mention.Name) {
		if k := d.Key(k); k == "the" || k == "a" || k == "an" {
			break
		}
		k--
	}
	if k == j-1 || k < lo+1 {
		return ""
	}
	if k := d.Key(k); k != "the" && k != "a" && k != "an" {
		return ""
	}
	switch p := d.Key(k - 1); p {
	case "with", "to", "from", "by", "against", "on", "for":
		return p
	}
	return ""
}
