package quote

import (
	"testing"

	"github.com/parley-events/parley/actor"
	"github.com/parley-events/parley/lexicon"
	"github.com/parley-events/parley/mention"
)

// who returns, for each quotation of text, its speaker's name, "anon: …" or "".
func who(text string) map[string]string {
	lx := lexicon.Default()
	d := lx.Split(text)
	as := actor.Build(lx, mention.Find(lx, d, nil))
	out := map[string]string{}
	for _, q := range Find(lx, as) {
		switch {
		case q.Speaker != nil:
			out[q.Text] = as.ByID(*q.Speaker).Name
		case q.Anonymous:
			out[q.Text] = "anon: " + q.SpeakerText
		default:
			out[q.Text] = ""
		}
	}
	return out
}

func TestAttribution(t *testing.T) {
	cases := []struct{ text, quote, want string }{
		{`"We will not back down," said Foreign Minister Sergei Lavrov.`, "We will not back down,", "Sergei Lavrov"},
		{`Defense Minister Andrei Belousov met his counterpart. «The agenda is large,» Belousov said.`, "The agenda is large,", "Andrei Belousov"},
		{`Catherine Russell spoke first. "Children suffer," she said. "They need care."`, "They need care.", "Catherine Russell"},
		{`"The deal is a milestone," a senior Russian defense official told reporters.`, "The deal is a milestone,", "anon: a senior Russian defense official"},
		{`The Israeli Defence Ministry said the accord would allow "closer cooperation in training."`, "closer cooperation in training.", "Israeli Defence Ministry"},
		{`Shoigu told the president: «This agreement is the most important document ever signed.»`, "This agreement is the most important document ever signed.", "Shoigu"},
		{`"Prices will rise," according to Harsh Pant, an analyst in New Delhi.`, "Prices will rise,", "Harsh Pant"},
		{`"It was unacceptable," Guterres' spokesman, Stephane Dujarric, told reporters.`, "It was unacceptable,", "Stephane Dujarric"},
		{`Prime Minister Nikol Pashinyan went further: "We will defend this position."`, "We will defend this position.", "Nikol Pashinyan"},
	}
	for _, c := range cases {
		got, ok := who(c.text)[c.quote]
		if !ok {
			t.Errorf("%s: quotation %q not found", c.text, c.quote)
			continue
		}
		if got != c.want {
			t.Errorf("%s: speaker %q, want %q", c.text, got, c.want)
		}
	}
}

func TestNotQuotations(t *testing.T) {
	for _, text := range []string{
		`The cell called itself "the Lions of the Caliphate" in a video.`,
		`He called the claims "baseless" on Monday.`,
		`The so-called "special operation" went on.`,
	} {
		if got := who(text); len(got) != 0 {
			t.Errorf("%s: found quotations %v", text, got)
		}
	}
}
