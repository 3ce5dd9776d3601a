package segment

import (
	"strings"
	"testing"
)

type abbrevSet map[string]bool

func (a abbrevSet) IsAbbrev(w string) bool { return a[w] }

var testAbbr = abbrevSet{"gen.": true, "lt.": true, "mr.": true, "feb.": true}

func words(d *Doc) []string {
	var out []string
	for i := range d.Tokens {
		out = append(out, d.TokenText(i))
	}
	return out
}

func TestTokens(t *testing.T) {
	d := Split(`Lt. Gen. Kassym-Jomart Tokayev met U.S. officials in Mali’s capital, don’t you "know"? 1,000 troops.`, testAbbr)
	got := strings.Join(words(d), "|")
	want := `Lt.|Gen.|Kassym-Jomart|Tokayev|met|U.S.|officials|in|Mali|’s|capital|,|don’t|you|"|know|"|?|1,000|troops|.`
	if got != want {
		t.Fatalf("tokens:\n got %s\nwant %s", got, want)
	}
	for i, tok := range d.Tokens {
		if d.Text[tok.Start:tok.End] != d.TokenText(i) {
			t.Fatal("span mismatch")
		}
	}
	if !d.Tokens[9].Is(Possessive) {
		t.Errorf("’s not possessive")
	}
	if d.Key(8) != "mali" || d.Key(9) != "'s" {
		t.Errorf("keys %q %q", d.Key(8), d.Key(9))
	}
}

func TestSentences(t *testing.T) {
	text := "Gen. Smith spoke on Feb. 24 in the U.S. He left. \"Go home,\" he said. Then silence!\nNew paragraph here"
	d := Split(text, testAbbr)
	var got []string
	for _, s := range d.Sentences {
		got = append(got, text[s.Start:s.End])
	}
	want := []string{"Gen. Smith spoke on Feb. 24 in the U.S.", "He left.", "\"Go home,\" he said.", "Then silence!", "New paragraph here"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sentences:\n got %q\nwant %q", got, want)
	}
	if d.Sentences[4].Para != 1 {
		t.Errorf("paragraph index %d", d.Sentences[4].Para)
	}
	if d.SentenceOf(d.TokenAt(strings.Index(text, "left"))) != 1 {
		t.Errorf("SentenceOf wrong")
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{"Erdoğan": "erdogan", "Côte": "cote", "d’Ivoire": "d'ivoire", "plain": "plain"} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzSplit(f *testing.F) {
	f.Add("Gen. Smith said: «Yes.» U.S. troops ’s 1,000.")
	f.Add("\xff\xfe’s'\n\n.")
	f.Fuzz(func(t *testing.T, s string) {
		d := Split(s, testAbbr)
		prev := int32(0)
		for _, tok := range d.Tokens {
			if tok.Start < prev || tok.End <= tok.Start || int(tok.End) > len(s) {
				t.Fatalf("bad token %+v", tok)
			}
			prev = tok.End
		}
		for _, se := range d.Sentences {
			if se.First >= se.Last || se.Start > se.End {
				t.Fatalf("bad sentence %+v", se)
			}
		}
	})
}
