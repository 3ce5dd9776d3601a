package event

import (
	"strconv"
	"strings"
	"sync"

	"github.com/parley-events/parley/data"
	"github.com/parley-events/parley/lexicon"
	"github.com/parley-events/parley/segment"
)

// trigger is one row of data/events.tsv.
type trigger struct {
	code     string
	slots    []slot
	fixed    int // number of fixed slots, to prefer the most specific match
	sym      bool
	noun     bool
	intent   bool
	objCode  string // code when a side follows right after as the object
	thatCode string // code when a that-clause announces a conflict act to come
	direct   bool   // the target must follow at once as the object
}

// slot is one position of a trigger pattern: a word from words, a gap of up
// to gap words before the next slot, or a look-ahead that none of words
// stands in the next three.
type slot struct {
	words []string
	gap   int
	not   bool
}

type cameoCode struct {
	name      string
	quad      int
	goldstein float64
}

// book is the event codebook: triggers indexed by their first word, CAMEO
// codes with names and scores, and modal phrases.
type book struct {
	byFirst map[string][]*trigger
	cameo   map[string]cameoCode
	modal   map[string][]modalPhrase
	light   map[string]bool
	plural  map[string]string
	civil   map[string]bool
	money   map[string]bool
	base    map[string]bool // a verb's base form ("call" beside "calls")
	stops   map[string]bool
	stative map[string]bool
	blame   map[string]bool
	praise  map[string]bool
}

type modalPhrase struct {
	words []string
	kind  string
}

var (
	bookOnce sync.Once
	theBook  *book
)

func defaultBook() *book {
	bookOnce.Do(func() { theBook = loadBook(lexicon.Default()) })
	return theBook
}

func loadBook(lx *lexicon.Lexicon) *book {
	b := &book{byFirst: map[string][]*trigger{}, cameo: map[string]cameoCode{}, modal: map[string][]modalPhrase{}, light: map[string]bool{}}
	b.praise = map[string]bool{}
	for _, r := range data.MustRows("approval_words.tsv") {
		b.praise[r.Field(0)] = true
	}
	b.blame = map[string]bool{}
	for _, r := range data.MustRows("disapproval_words.tsv") {
		b.blame[r.Field(0)] = true
	}
	b.stative = map[string]bool{}
	for _, r := range data.MustRows("stative_participles.tsv") {
		b.stative[r.Field(0)] = true
	}
	b.stops = map[string]bool{}
	for _, r := range data.MustRows("stop_verbs.tsv") {
		b.stops[r.Field(0)] = true
	}
	b.base = map[string]bool{}
	b.money = map[string]bool{}
	for _, r := range data.MustRows("money_words.tsv") {
		b.money[r.Field(0)] = true
	}
	b.civil = map[string]bool{}
	for _, r := range data.MustRows("civilian_nouns.tsv") {
		b.civil[r.Field(0)] = true
	}
	b.plural = map[string]string{}
	for _, r := range data.MustRows("plural_refs.tsv") {
		b.plural[r.Field(0)] = r.Field(1)
	}
	for _, r := range data.MustRows("light_verbs.tsv") {
		b.light[r.Field(0)] = true
	}
	for _, r := range data.MustRows("cameo.tsv") {
		q, _ := strconv.Atoi(r.Field(2))
		g, _ := strconv.ParseFloat(r.Field(3), 64)
		b.cameo[r.Field(0)] = cameoCode{name: r.Field(1), quad: q, goldstein: g}
	}
	for _, r := range data.MustRows("events.tsv") {
		t := &trigger{code: r.Field(0)}
		for _, f := range strings.Split(r.Field(2), ",") {
			f = strings.TrimSpace(f)
			switch {
			case f == "sym":
				t.sym = true
			case f == "noun":
				t.noun = true
			case f == "intent":
				t.intent = true
			case f == "direct":
				t.direct = true
			case strings.HasPrefix(f, "obj="):
				t.objCode = strings.TrimPrefix(f, "obj=")
			case strings.HasPrefix(f, "that="):
				t.thatCode = strings.TrimPrefix(f, "that=")
			}
		}
		for _, w := range strings.Fields(r.Field(1)) {
			switch {
			case w == "*":
				t.slots = append(t.slots, slot{gap: 4})
				continue
			case w == "**":
				t.slots = append(t.slots, slot{gap: 8})
				continue
			}
			sl := slot{}
			if strings.HasPrefix(w, "~") {
				sl.not = true
				w = w[1:]
			}
			for _, a := range strings.Split(w, "|") {
				sl.words = append(sl.words, segment.Normalize(a))
			}
			t.slots = append(t.slots, sl)
			if !sl.not {
				t.fixed++
			}
		}
		if len(t.slots) == 0 || t.slots[0].words == nil || t.slots[0].not {
			continue
		}
		for _, a := range t.slots[0].words {
			b.byFirst[a] = append(b.byFirst[a], t)
			if !t.noun && (contains(t.slots[0].words, a+"s") || contains(t.slots[0].words, a+"es") || strings.HasSuffix(a, "y") && contains(t.slots[0].words, a[:len(a)-1]+"ies")) {
				b.base[a] = true
			}
		}
	}
	for _, r := range data.MustRows("modality.tsv") {
		words := strings.Fields(lx.KeyOf(r.Field(0)))
		if len(words) == 0 {
			continue
		}
		last := words[len(words)-1]
		b.modal[last] = append(b.modal[last], modalPhrase{words: words, kind: r.Field(1)})
	}
	return b
}

// match returns the most specific trigger starting at token i (and the
// token after its end), or nil.
func (b *book) match(d *segment.Doc, i, limit int) (*trigger, int) {
	cands := b.byFirst[d.Key(i)]
	var best *trigger
	bestEnd := 0
	for _, t := range cands {
		if end, ok := matchAt(d, t, i, limit); ok {
			if best == nil || t.fixed > best.fixed {
				best, bestEnd = t, end
			}
		}
	}
	return best, bestEnd
}

func matchAt(d *segment.Doc, t *trigger, i, limit int) (int, bool) {
	j := i
	for s := 0; s < len(t.slots); s++ {
		sl := t.slots[s]
		switch {
		case sl.not:
			for g := 0; g < 3 && j+g < limit; g++ {
				if contains(sl.words, d.Key(j+g)) {
					return 0, false
				}
			}
		case sl.words == nil:
			// a gap, then the next slot
			if s+1 >= len(t.slots) {
				return j, true
			}
			next := t.slots[s+1]
			found := false
			for g := 0; g <= sl.gap && j+g < limit; g++ {
				if d.Tokens[j+g].Kind == segment.Punct && d.Key(j+g) != "-" && d.Key(j+g) != "," {
					break
				}
				if contains(next.words, d.Key(j+g)) {
					j += g + 1
					s++
					found = true
					break
				}
			}
			if !found {
				return 0, false
			}
		default:
			if j >= limit || !contains(sl.words, d.Key(j)) {
				return 0, false
			}
			j++
		}
	}
	return j, true
}

func contains(list []string, w string) bool {
	for _, x := range list {
		if x == w {
			return true
		}
	}
	return false
}

// modalAt reports the kind of a modal phrase ending at token j (before the trigger at first).
func (b *book) modalAt(d *segment.Doc, j, first int) string {
	for _, p := range b.modal[d.Key(j)] {
		n := len(p.words)
		if j-n+1 < 0 {
			continue
		}
		ok := true
		for k := 0; k < n; k++ {
			if d.Key(j-n+1+k) != p.words[k] {
				ok = false
				break
			}
		}
		if ok {
			return p.kind
		}
	}
	return ""
}
