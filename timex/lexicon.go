package timex

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/parley-events/parley/data"
)

// Lexicon flags: what a word may do besides naming a month, weekday or number.
const (
	lexContextYear  uint16 = 1 << iota // licenses a bare year after it ("since 2014")
	lexContextMonth                    // licenses a bare ambiguous month after it ("in May")
	lexChain                           // joins two dates ("and", "-")
	lexAgo                             // "ago"
	lexDaypart                         // "morning", "night"
	lexFuture                          // "will": a later bare weekday looks forward
	lexFutureDate                      // "will": a later day or month without a year looks forward
	lexPast                            // "since": the weekday right after looks back
	lexCount                           // a count noun: the number before it is not a year
	lexModifier                        // last / this / next
	lexNumber                          // a number word
	lexUnit                            // day, week, month, year
)

const (
	monthAbbr      uint8 = 1 << iota // only a date with a day or year after it
	monthAmbiguous                   // also a common word: alone it needs context
)

// entry is everything timewords.tsv says about one lower-cased token.
type entry struct {
	flags     uint16
	month     int8 // 1..12, 0 = not a month
	monthFlag uint8
	weekday   int8 // 1 Monday .. 7 Sunday, 0 = not a weekday
	wdAbbr    bool
	modifier  int8 // -1 last, 0 this, +1 next (with lexModifier)
	number    int
	unitN     int  // "decade" = 10 years
	unit      byte // 'd', 'w', 'm', 'y'
	phrases   []phrase
}

// phrase is a relative-time or blocking phrase that starts with its entry's token.
type phrase struct {
	words []string // lower-cased token texts
	block bool
	n     int  // relative offset, in units
	unit  byte // 'd', 'w', 'm', 'y'
}

// lexicon maps a lower-cased token text to its entry.
var lexicon = mustLoad(data.MustRows("timewords.tsv"))

// maxKey is the longest token text looked up in the lexicon.
const maxKey = 16

// lexShape has bit n of lexShape[c] set when the lexicon holds a key of n bytes
// starting with byte c: a cheap filter before the map look-up.
var lexShape = shapes(lexicon)

func shapes(lex map[string]*entry) (s [256]uint32) {
	for k := range lex {
		if len(k) <= maxKey {
			s[k[0]] |= 1 << len(k)
		}
	}
	return s
}

func mustLoad(rows []data.Row) map[string]*entry {
	lex, err := load(rows)
	if err != nil {
		panic(err)
	}
	return lex
}

func load(rows []data.Row) (map[string]*entry, error) {
	lex := map[string]*entry{}
	get := func(w string) *entry {
		e := lex[w]
		if e == nil {
			e = &entry{}
			lex[w] = e
		}
		return e
	}
	for _, r := range rows {
		word := strings.ToLower(r.Field(0))
		kind := r.Field(1)
		value := r.Field(2)
		bad := func(msg string) error {
			return fmt.Errorf("timewords.tsv line %d (%q %s %q): %s", r.Line, word, kind, value, msg)
		}
		var words []string
		for _, t := range tokenize(word, nil) {
			words = append(words, word[t.start:t.end])
		}
		if len(words) == 0 {
			return nil, bad("empty word")
		}
		if kind == "relative" || kind == "block" {
			p := phrase{words: words, block: kind == "block"}
			if !p.block {
				n, u, err := parseOffset(value)
				if err != nil {
					return nil, bad(err.Error())
				}
				p.n, p.unit = n, u
			}
			e := get(words[0])
			// Longest phrase first, so "earlier this week" wins over a shorter one.
			at := len(e.phrases)
			for k, q := range e.phrases {
				if len(q.words) < len(p.words) {
					at = k
					break
				}
			}
			e.phrases = append(e.phrases, phrase{})
			copy(e.phrases[at+1:], e.phrases[at:])
			e.phrases[at] = p
			continue
		}
		if len(words) != 1 {
			return nil, bad("only relative and block rows may have several words")
		}
		e := get(word)
		head, flag, _ := strings.Cut(value, "|")
		switch kind {
		case "month":
			n, err := strconv.Atoi(head)
			if err != nil || n < 1 || n > 12 {
				return nil, bad("month must be 1-12")
			}
			e.month = int8(n)
			switch flag {
			case "":
			case "abbr":
				e.monthFlag |= monthAbbr
			case "ambiguous":
				e.monthFlag |= monthAmbiguous
			default:
				return nil, bad("unknown month flag")
			}
		case "weekday":
			n, err := strconv.Atoi(head)
			if err != nil || n < 1 || n > 7 {
				return nil, bad("weekday must be 1-7")
			}
			e.weekday = int8(n)
			e.wdAbbr = flag == "abbr"
		case "number":
			n, err := strconv.Atoi(value)
			if err != nil || n < 0 {
				return nil, bad("number must be a non-negative integer")
			}
			e.flags |= lexNumber
			e.number = n
		case "unit":
			n, u, err := parseOffset(value)
			if err != nil {
				return nil, bad(err.Error())
			}
			if n == 0 { // "d" alone means one
				n = 1
			}
			e.flags |= lexUnit
			e.unitN, e.unit = n, u
		case "modifier":
			n, err := strconv.Atoi(value)
			if err != nil || n < -1 || n > 1 {
				return nil, bad("modifier must be -1, 0 or +1")
			}
			e.flags |= lexModifier
			e.modifier = int8(n)
		case "context":
			for _, v := range strings.Split(value, "|") {
				switch v {
				case "year":
					e.flags |= lexContextYear
				case "month":
					e.flags |= lexContextMonth
				default:
					return nil, bad("context value must be year and/or month")
				}
			}
		case "chain":
			e.flags |= lexChain
		case "ago":
			e.flags |= lexAgo
		case "daypart":
			e.flags |= lexDaypart
		case "future":
			for _, v := range strings.Split(value, "|") {
				switch v {
				case "weekday":
					e.flags |= lexFuture
				case "date":
					e.flags |= lexFutureDate
				default:
					return nil, bad("future value must be weekday and/or date")
				}
			}
		case "past":
			e.flags |= lexPast
		case "count":
			e.flags |= lexCount
		default:
			return nil, bad("unknown kind")
		}
	}
	return lex, nil
}

// parseOffset reads "<signed count><unit>" ("-1d", "0w", "+1y", "10y", "d").
func parseOffset(s string) (int, byte, error) {
	if s == "" {
		return 0, 0, fmt.Errorf("empty offset")
	}
	u := s[len(s)-1]
	if u != 'd' && u != 'w' && u != 'm' && u != 'y' {
		return 0, 0, fmt.Errorf("offset unit must be d, w, m or y")
	}
	num := s[:len(s)-1]
	if num == "" {
		return 0, u, nil
	}
	n, err := strconv.Atoi(num)
	if err != nil {
		return 0, 0, fmt.Errorf("bad offset count %q", num)
	}
	return n, u, nil
}
