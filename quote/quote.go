package quote

import (
	"strings"
	"sync"
	"unicode"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/actor"
	"github.com/parley-events/parley/data"
	"github.com/parley-events/parley/lexicon"
	"github.com/parley-events/parley/mention"
	"github.com/parley-events/parley/segment"
)

var (
	blockersOnce sync.Once
	blockers     [][]string // normalised phrases, as token keys
)

func loadBlockers(lx *lexicon.Lexicon) [][]string {
	blockersOnce.Do(func() {
		rows, _ := data.Rows("quote_blockers.tsv")
		for _, r := range rows {
			blockers = append(blockers, strings.Fields(lx.KeyOf(r.Field(0))))
		}
	})
	return blockers
}

// Quote is a quotation with the token ranges used for attribution.
type found struct {
	sp                   segment.QuoteSpan
	first, last          int // tokens inside the marks
	before, after        int // token index of the opening mark, first token after the closing mark
	speaker              actor.Reference
	cue                  int // token index of the cue verb, or -1
	attributed, explicit bool
}

// Find returns the direct quotations of a document with their speakers.
func Find(lx *lexicon.Lexicon, as *actor.Set) []parley.Quote {
	d := as.Doc
	spans := segment.QuoteSpans(d.Text)
	var qs []*found
	for _, sp := range spans {
		f := &found{sp: sp, cue: -1}
		f.first = d.TokenAt(sp.Start)
		f.last = d.TokenAt(sp.End)
		f.before = d.TokenAt(sp.Open)
		f.after = d.TokenAt(sp.Close)
		if !isQuotation(lx, d, f) {
			continue
		}
		qs = append(qs, f)
	}
	for k, f := range qs {
		attribute(lx, as, qs, k, f)
	}
	out := make([]parley.Quote, 0, len(qs))
	for _, f := range qs {
		q := parley.Quote{Text: d.Text[f.sp.Start:f.sp.End], Span: parley.Span{Start: f.sp.Start, End: f.sp.End}}
		if f.speaker.Actor != nil {
			id := actor.ID(f.speaker.Actor)
			q.Speaker = &id
			q.SpeakerText = f.speaker.Text
		} else if f.speaker.Anonymous {
			q.Anonymous = true
			q.SpeakerText = f.speaker.Text
		}
		if f.speaker.Text != "" {
			sp := f.speaker.Span
			q.SpeakerSpan = &sp
		}
		if f.cue >= 0 {
			q.Cue = d.TokenText(f.cue)
			q.CueSpan = &parley.Span{Start: int(d.Tokens[f.cue].Start), End: int(d.Tokens[f.cue].End)}
		}
		out = append(out, q)
	}
	return out
}

// isQuotation rejects what stands in marks without quoting anyone: a single
// word, a name or title in capitals, or marks after "so-called" and the like.
func isQuotation(lx *lexicon.Lexicon, d *segment.Doc, f *found) bool {
	words, caps, function := 0, 0, 0
	for i := f.first; i < f.last; i++ {
		t := d.Tokens[i]
		if t.Kind != segment.Word && t.Kind != segment.Number {
			continue
		}
		words++
		if lx.IsFunction(d.Key(i)) {
			function++
		} else if t.Is(segment.Upper) || t.Kind == segment.Number {
			caps++
		}
	}
	if words < 2 {
		return false
	}
	text := d.Text[f.sp.Start:f.sp.End]
	endsSentence := strings.ContainsAny(lastRune(text), ".,!?…")
	if words <= 10 && !endsSentence && caps == words-function && caps >= 1 && !startsWithLowerFunction(d, f) {
		return false // "the Lions of the Caliphate", "Operation Sindoor"
	}
	// "so-called '…'", "a cell calling itself '…'"
	for _, b := range loadBlockers(lx) {
		n := len(b)
		start := f.before - n
		if start < 0 {
			continue
		}
		ok := true
		for j := 0; j < n; j++ {
			if d.Key(start+j) != b[j] {
				ok = false
				break
			}
		}
		if ok {
			return false
		}
	}
	return true
}

func startsWithLowerFunction(d *segment.Doc, f *found) bool {
	return false
}

func lastRune(s string) string {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	if s == "" {
		return ""
	}
	r := []rune(s)
	return string(r[len(r)-1])
}

// attribute finds the speaker of quotation k: a verb of saying right after
// it ("…," Belousov said / said Lockyear), or before it in its sentence
// ("Shoigu told the president: «…»"); a quotation without one continues the
// previous speaker's words.
func attribute(lx *lexicon.Lexicon, as *actor.Set, qs []*found, k int, f *found) {
	d := as.Doc
	n := len(d.Tokens)
	// right of the quotation, within its sentence and before the next quotation
	limit := n
	if k+1 < len(qs) {
		limit = qs[k+1].before
	}
	window := 25
	if f.after < n {
		sent := d.Sentences[d.SentenceOf(f.after)]
		if sent.Last < limit {
			limit = sent.Last
		}
		if d.Tokens[f.after].Is(segment.LineBefore) {
			limit = f.after
		}
		if f.last > f.first && d.SentenceOf(f.after) != d.SentenceOf(f.last-1) {
			// the quotation closed its sentence: only a short tag right after it
			// ("….” she said") belongs to it; a longer sentence is someone else's
			window = 4
		}
	}
	if f.after+1 < limit && accordingTo(d, f.after+boolInt(d.Key(f.after) == ",")) {
		// "…," according to Harsh Pant, …
		i := f.after + boolInt(d.Key(f.after) == ",")
		ref := as.Resolve(i+2, phraseEnd(lx, as, i+2, limit))
		if ref.Actor != nil || ref.Anonymous {
			f.speaker, f.cue, f.attributed, f.explicit = ref, i, true, true
			return
		}
	}
	for i := f.after; i < limit && i < f.after+window; i++ {
		if !isCue(lx, as, i) {
			continue
		}
		var ref actor.Reference
		if i == f.after || onlyPunct(d, f.after, i) {
			ref = as.Resolve(i+1, phraseEnd(lx, as, i+1, limit))
		} else {
			// "…," Catherine Russell, UNICEF's executive director, told …: all of it names the speaker
			ref = as.Resolve(f.after, subjectEnd(d, i))
		}
		if ref.Actor != nil || ref.Anonymous {
			f.speaker, f.cue, f.attributed, f.explicit = ref, i, true, true
			return
		}
		break
	}
	// left of the quotation, within its sentence: nearest verb of saying first
	start := d.Sentences[d.SentenceOf(f.before)].First
	if k > 0 && qs[k-1].after > start && qs[k-1].after <= f.before {
		start = qs[k-1].after
	}
	for i := f.before - 1; i >= start; i-- {
		if accordingTo(d, i) {
			ref := as.Resolve(i+2, phraseEnd(lx, as, i+2, f.before))
			if ref.Actor != nil || ref.Anonymous {
				f.speaker, f.cue, f.attributed, f.explicit = ref, i, true, true
				return
			}
		}
		if !isCue(lx, as, i) {
			continue
		}
		ref := as.Resolve(subjectStart(lx, as, start, i), subjectEnd(d, i))
		if ref.Actor != nil || ref.Anonymous {
			f.speaker, f.cue, f.attributed, f.explicit = ref, i, true, true
			return
		}
		// "…, said Lockyear, …": the speaker after the verb
		if i+1 < f.before {
			ref = as.Resolve(i+1, phraseEnd(lx, as, i+1, f.before))
			if ref.Actor != nil && ref.Actor.Kind == parley.KindPerson {
				f.speaker, f.cue, f.attributed, f.explicit = ref, i, true, true
				return
			}
		}
	}
	// "Pashinyan went further: «…»": the subject of a sentence that a colon
	// hands over to the quotation
	if f.before > 0 && d.Key(f.before-1) == ":" {
		for i := start; i < f.before-1; i++ {
			if a := as.RefAt(i); a != nil && (a.Kind == parley.KindPerson || a.Kind == parley.KindOrganization) {
				m := as.Mentions.At(i)
				f.speaker = actor.Reference{Actor: a, Text: as.Mentions.Text(m), Span: as.Mentions.Span(m)}
				f.attributed = true
				return
			}
		}
	}
	// a quotation on its own continues the speaker of the quotation just
	// before it, or the person last said to speak
	if k > 0 && qs[k-1].attributed {
		prev := qs[k-1]
		if d.Sentences[d.SentenceOf(prev.before)].Para >= d.Sentences[d.SentenceOf(f.before)].Para-1 {
			f.speaker, f.attributed = prev.speaker, true
			return
		}
	}
	if ref, ok := lastSpeaker(lx, as, f.before); ok {
		f.speaker, f.attributed = ref, true
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func onlyPunct(d *segment.Doc, from, to int) bool {
	for i := from; i < to; i++ {
		if d.Tokens[i].Kind != segment.Punct && d.Tokens[i].Kind != segment.Quote {
			return false
		}
	}
	return true
}

func accordingTo(d *segment.Doc, i int) bool {
	return d.Key(i) == "according" && i+1 < len(d.Tokens) && d.Key(i+1) == "to"
}

func isCue(lx *lexicon.Lexicon, as *actor.Set, i int) bool {
	if lx.CueKind(as.Doc.Key(i)) != "verb" {
		return false
	}
	// a capitalised cue word inside a name is not a verb
	m := as.Mentions.At(i)
	return m == nil || m.Kind == mention.Pronoun
}

// phraseEnd returns where a speaker phrase that starts at i ends: at
// punctuation, a quotation mark, or a word that starts a clause.
func phraseEnd(lx *lexicon.Lexicon, as *actor.Set, i, limit int) int {
	d := as.Doc
	j := i
	for ; j < limit && j < i+14; j++ {
		t := d.Tokens[j]
		if t.Kind == segment.Quote || (t.Kind == segment.Punct && d.TokenText(j) != "-" && d.TokenText(j) != "." && d.TokenText(j) != "’") {
			if d.TokenText(j) == "," && j+1 < limit {
				// ", UNICEF's executive director," or ", a senior analyst …": keep the appositive
				if m := as.Mentions.At(j - 1); m != nil && (m.Kind == mention.Name) {
					continue
				}
			}
			break
		}
		if t.Kind == segment.Punct && d.TokenText(j) == "." && !t.Is(segment.Abbrev) {
			break
		}
		k := d.Key(j)
		if j > i && (k == "in" || k == "on" || k == "during" || k == "at" || k == "after" || k == "while" || k == "when" || k == "adding" || k == "that" || k == "who" || k == "which" || k == "and") {
			if k == "in" || k == "at" {
				// "an analyst in Nairobi", "a senior analyst at Control Risks" belong to the phrase
				continue
			}
			break
		}
	}
	return j
}

// subjectEnd is the end of the subject of a cue verb at i: the verb itself,
// less any auxiliary or adverb before it ("has said", "later told").
func subjectEnd(d *segment.Doc, i int) int {
	for i > 0 {
		k := d.Key(i - 1)
		switch k {
		case "has", "have", "had", "also", "later", "then", "again", "was", "is", "were", "are", "would", "will", "previously", "earlier", "further", "repeatedly", "publicly", "recently", "once":
			i--
			continue
		}
		break
	}
	return i
}

// subjectStart walks left from a cue verb over the words of its subject:
// names, titles, determiners, adjectives and one appositive between commas.
func subjectStart(lx *lexicon.Lexicon, as *actor.Set, lo, cue int) int {
	d := as.Doc
	end := subjectEnd(d, cue)
	j := end - 1
	if j >= lo && d.TokenText(j) == "," {
		// "Catherine Russell, UNICEF's executive director, told": skip back to the anchor
		for k := j - 1; k >= lo && k > j-16; k-- {
			if d.Tokens[k].Kind == segment.Quote {
				break
			}
			if d.TokenText(k) == "," {
				j = k - 1
				break
			}
		}
	}
	start := j + 1
	for n := 0; j >= lo && n < 12; j, n = j-1, n+1 {
		t := d.Tokens[j]
		if t.Kind == segment.Quote || (t.Kind == segment.Punct && !t.Is(segment.Abbrev)) {
			break
		}
		if as.Mentions.At(j) == nil && t.Kind == segment.Word && !t.Is(segment.Possessive) {
			k := d.Key(j)
			if isCue(lx, as, j) || k == "that" || k == "and" || k == "but" || k == "because" || k == "when" || k == "while" || k == "as" || k == "if" || k == "after" || k == "before" || k == "said" {
				break
			}
			start = j
			if k == "a" || k == "an" || k == "the" || k == "his" || k == "her" || k == "their" || k == "its" {
				break
			}
			continue
		}
		start = j
		if m := as.Mentions.At(j); m != nil && m.Kind == mention.Pronoun {
			break
		}
	}
	return start
}

// lastSpeaker finds, for a quotation with no verb of saying, the person most
// recently said to speak in the sentences before it.
func lastSpeaker(lx *lexicon.Lexicon, as *actor.Set, before int) (actor.Reference, bool) {
	d := as.Doc
	si := d.SentenceOf(before)
	lo := 0
	if si >= 2 {
		lo = d.Sentences[si-2].First
	}
	for i := before - 1; i >= lo; i-- {
		if !isCue(lx, as, i) {
			continue
		}
		ref := as.Resolve(subjectStart(lx, as, lo, i), subjectEnd(d, i))
		if ref.Actor != nil || ref.Anonymous {
			return ref, true
		}
	}
	return actor.Reference{}, false
}
