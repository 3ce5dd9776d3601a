package segment

import (
	"strings"
	"testing"
)

func spansOf(text string) []string {
	var out []string
	for _, sp := range findSpans(text) {
		out = append(out, text[sp.Start:sp.End])
	}
	return out
}

func TestFindSpans(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"straight split", `"A is here," she said, "and B too."`, []string{"A is here,", "and B too."}},
		{"curly", "“We agree,” he said.", []string{"We agree,"}},
		{"mixed glyphs", "\"The fighting goes on,” she said.", []string{"The fighting goes on,"}},
		{"guillemets over a line break", "«One thing.\nAnother thing,» he said.", []string{"One thing.\nAnother thing,"}},
		{"low-high German", "„Wir sind da“, sagte er.", []string{"Wir sind da"}},
		{"UK singles with apostrophes", "‘We don’t have a country,’ she said.", []string{"We don’t have a country,"}},
		{"nested", `"He told me 'never again'," she said.`, []string{"He told me 'never again',"}},
		{"multi-paragraph doubles", "“First part.\n\n“Second part,” he said.", []string{"First part.\n\n“Second part,"}},
		{"multi-paragraph singles", "He said: ‘First part.\n\n‘Second part.’\n\nNext.", []string{"First part.\n\n‘Second part."}},
		{"unclosed ends with its paragraph", "He said: “No end here\n\nPlain paragraph.", []string{"No end here"}},
		{"bullet guillemet", "» Item one\n» Item two", nil},
		{"possessive plural", "The officials' plan was approved by the ministers' council.", nil},
		{"markup attribute", `The page held <img src=x onerror="alert(1)"> as text. "Yes, it did," he said.`, []string{"Yes, it did,"}},
	}
	for _, c := range cases {
		got := spansOf(c.text)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func FuzzFindSpans(f *testing.F) {
	f.Add("«a» “b” \"c\" ‘d’ 'e'\n\n“f")
	f.Fuzz(func(t *testing.T, s string) {
		for _, sp := range findSpans(s) {
			if sp.Open > sp.Start || sp.Start > sp.End || sp.End > sp.Close || sp.Close > len(s) {
				t.Fatalf("bad span %+v", sp)
			}
		}
	})
}
