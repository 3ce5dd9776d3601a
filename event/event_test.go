package event

import (
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley/actor"
	"github.com/parley-events/parley/lexicon"
	"github.com/parley-events/parley/mention"
	"github.com/parley-events/parley/timex"
)

func coded(t *testing.T, text string) []string {
	t.Helper()
	lx := lexicon.Default()
	pub := time.Date(2025, 5, 12, 0, 0, 0, 0, time.UTC)
	d := lx.Split(text)
	dates := timex.Find(text, pub)
	as := actor.Build(lx, mention.Find(lx, d, dates))
	var out []string
	for _, e := range Find(lx, as, dates, pub, nil) {
		out = append(out, e.SourceCode[:min(3, len(e.SourceCode))]+" "+e.CAMEO+" "+strings.TrimSuffix(strings.TrimSuffix(e.TargetCode, "GOV"), "MIL")+" "+e.Date)
	}
	sort.Strings(out)
	return out
}

func TestCoding(t *testing.T) {
	cases := []struct{ text, want string }{
		{"Russia and Mali signed an agreement on Friday.", "RUS 057 MLI 2025-05-09"},
		{"Japan condemned North Korea on Monday.", "JPN 111 PRK 2025-05-12"},
		{"Burkina Faso, Mali and Niger withdrew from ECOWAS in January.", "BFA 166 ECOWAS 2025-01|MLI 166 ECOWAS 2025-01|NER 166 ECOWAS 2025-01"},
		{"Talks between China and the United States resumed.", "CHN 040 USA 2025-05-12"},
		{"The Indian prime minister will visit Japan next month.", "IND 036 JPN 2025-05-12"},
		{"Iran did not attack Israel.", ""},
		{"Chinese tourists visited Vietnam in July.", ""},
		{"The Russian minister was received by the Kazakh president.", "KAZ 043 RUS 2025-05-12"},
		{"Iran launched a barrage of drones and missiles at Israel on Saturday.", "IRN 195 ISR 2025-05-10"},
		{"Algeria cut diplomatic ties with Morocco.", "DZA 161 MAR 2025-05-12"},
		{"Russia and Mali signed an agreement on Friday. Japan condemned North Korea the next day.", "JPN 111 PRK 2025-05-10|RUS 057 MLI 2025-05-09"},
		{"Exports fell from 11 million in 2019. Japan condemned North Korea.", "JPN 111 PRK 2025-05-12"},
		{"On May 10, Russia met with Uzbekistan, resulting in the signing of a partnership plan.", "RUS 040 UZB 2025-05-10|RUS 057 UZB 2025-05-10"},
		{"India and Canada each expelled six of the other's diplomats on Monday.", "CAN 161 IND 2025-05-12|IND 161 CAN 2025-05-12"},
		{"The Swiss president welcomed Russian President Vladimir Putin on arrival.", "CHE 043 RUS 2025-05-12"},
		{"The Swiss president welcomed Russia's decision.", "CHE 051 RUS 2025-05-12"},
		// "both sides" are the two the story is about, not the one speaking of them
		{"Pakistan recalled its ambassador from Iran. China, a partner of both countries, urged both sides to show restraint.", "CHN 020 IRN 2025-05-12|CHN 020 PAK 2025-05-12|PAK 161 IRN 2025-05-12"},
		// "the two leaders" are the two persons named last outside quotations
		{"Armenian Prime Minister Nikol Pashinyan and Azerbaijani President Ilham Aliyev came to Washington. Pashinyan said: \"President Trump deserves the prize.\" The two leaders signed a letter asking NATO to act.", "ARM 020 NATO 2025-05-12|AZE 020 NATO 2025-05-12|AZE 057 ARM 2025-05-12"},
		// a threat is made to the side its condition names
		{"If Russia interferes again, the United States stands ready to impose further sanctions.", "USA 131 RUS 2025-05-12"},
		// nouns joined by "and" share a light verb; "on a group of" is "on"
		{"The United States slapped asset freezes and travel bans on a group of Russian officials.", "USA 163 RUS 2025-05-12"},
		{"Within hours, Britain and Canada announced coordinated penalties of their own against Chinese officials.", "CAN 163 CHN 2025-05-12|GBR 163 CHN 2025-05-12"},
		// "the other three countries" are those named with the subject before
		{"The Quad consists of Japan, the United States, Australia and India. Last November, Japan held joint naval drills with the other three countries.", "JPN 062 AUS 2024-11|JPN 062 IND 2024-11|JPN 062 USA 2024-11"},
		// a warning that a conflict act would come is a threat
		{"Iraq warned Sweden on Wednesday that it would sever diplomatic relations.", "IRQ 130 SWE 2025-05-07"},
		{"Biden said he had given Putin a list of targets and warned that the United States would respond if Russia attacked them.", "USA 130 RUS 2025-05-12"},
		// the object of a verb is no subject, unless a relative clause makes it one
		{"Sharif received the Saudi ambassador, who called on him in Islamabad.", "SAU 042 PAK 2025-05-12"},
		// a base form is an act only where a verb stands
		{"Japan's support for Ukraine has grown.", ""},
		{"The Pakistani prime minister thanked Saudi Arabia for its generous and unwavering support.", "PAK 051 SAU 2025-05-12"},
		{"Malaysia's government last year froze cooperation with China.", "MYS 160 CHN 2024"},
		{"Russia is preparing to help Mali.", ""},
		{"Seoul said it may have to consider building its own weapons or ask the United States to return its arms.", ""},
		{"North Korea is preparing to launch a missile at Japan.", "PRK 138 JPN 2025-05-12"},
		{"Pakistan ordered the release of 151 Indian prisoners.", "PAK 084 IND 2025-05-12"},
		// a sum given with no recipient named goes to the side the passage is about
		{"The IMF asked Islamabad for assurances; China rolled over a $2 billion loan and the United Arab Emirates promised $1 billion.", "ARE 030 PAK 2025-05-12|CHN 071 PAK 2025-05-12|IGO 020 PAK 2025-05-12"},
		{"Saudi Arabia placed a $2 billion deposit with the State Bank of Pakistan.", "SAU 071 PAK 2025-05-12"},
	}
	for _, c := range cases {
		got := strings.Join(coded(t, c.text), "|")
		if got != c.want {
			t.Errorf("%s\n got %q\nwant %q", c.text, got, c.want)
		}
	}
}

func TestBookIsConsistent(t *testing.T) {
	b := defaultBook()
	for first, ts := range b.byFirst {
		for _, tr := range ts {
			if _, ok := b.cameo[tr.code]; !ok {
				t.Errorf("trigger %q: code %s is not in cameo.tsv", first, tr.code)
			}
			if tr.thatCode != "" {
				if _, ok := b.cameo[tr.thatCode]; !ok {
					t.Errorf("trigger %q: that code %s is not in cameo.tsv", first, tr.thatCode)
				}
			}
			if tr.objCode != "" {
				if _, ok := b.cameo[tr.objCode]; !ok {
					t.Errorf("trigger %q: obj code %s is not in cameo.tsv", first, tr.objCode)
				}
			}
		}
	}
}
