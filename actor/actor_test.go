package actor

import (
	"testing"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/lexicon"
	"github.com/parley-events/parley/mention"
)

func persons(text string) map[string]parley.Actor {
	lx := lexicon.Default()
	d := lx.Split(text)
	s := Build(lx, mention.Find(lx, d, nil))
	out := map[string]parley.Actor{}
	for _, a := range s.Export() {
		if a.Kind == parley.KindPerson {
			out[a.Name] = a
		}
	}
	return out
}

func TestPersonsTitlesAndCountries(t *testing.T) {
	cases := []struct{ text, name, code, title string }{
		{"Russian Defense Minister Andrei Belousov met his Malian counterpart, Corps General Sadio Kamara.", "Sadio Kamara", "MLI", "Corps General"},
		{"Russian Defense Minister Andrei Belousov met his Malian counterpart.", "Andrei Belousov", "RUS", "Defense Minister"},
		{"He met Uzbekistan's Minister of Defense, Shuhrat Khalmukhamedaev, on Friday.", "Shuhrat Khalmukhamedaev", "UZB", ""},
		{"Catherine Russell, UNICEF's executive director, told the council.", "Catherine Russell", "UN", "executive director"},
		{"Somalia's ambassador to Kenya, Mohamud Ahmed Nur, spoke.", "Mohamud Ahmed Nur", "SOM", ""},
		{"The meeting was chaired by President Abdelmadjid Tebboune, which ordered a review of ties with Morocco.", "Abdelmadjid Tebboune", "DZA", "President"},
		{"Alex Wong, the deputy special representative for North Korea at the State Department, was nominated.", "Alex Wong", "USA", ""},
		{"German MEP Reinhard Butikofer protested.", "Reinhard Butikofer", "EU", ""},
		{"The order froze the assets of seven Russian officials, among them Deputy Prime Minister Dmitry Rogozin and Valentina Matviyenko.", "Dmitry Rogozin", "RUS", ""},
		{"The order froze the assets of seven Russian officials, among them Deputy Prime Minister Dmitry Rogozin and Valentina Matviyenko.", "Valentina Matviyenko", "RUS", ""},
		{"Defence Minister Luis Perez signed the deal alongside his Danish counterpart in Buenos Aires, Argentina.", "Luis Perez", "ARG", ""},
	}
	for _, c := range cases {
		got := persons(c.text)
		a, ok := got[c.name]
		if !ok {
			t.Errorf("%s: no person %q in %v", c.text, c.name, got)
			continue
		}
		if len(a.Code) < len(c.code) || a.Code[:len(c.code)] != c.code {
			t.Errorf("%s: %s code %q, want %s", c.text, c.name, a.Code, c.code)
		}
		if c.title != "" && a.Title != c.title {
			t.Errorf("%s: %s title %q, want %q", c.text, c.name, a.Title, c.title)
		}
	}
}

func TestNotPersons(t *testing.T) {
	for _, text := range []string{
		"The frigate Admiral Gorshkov sailed into Havana.",
		"Cyclone Jude hit Malawi on Sunday.",
		"A Jakarta-based analyst spoke at the Carnegie Endowment.",
		"Experts met in Lagos to discuss climate change and the Climate Change Office.",
	} {
		if got := persons(text); len(got) != 0 {
			t.Errorf("%s: persons %v", text, got)
		}
	}
}

func TestCoreference(t *testing.T) {
	lx := lexicon.Default()
	text := "Prime Minister Narendra Modi met President Joe Biden on Monday. He later said the talks went well. Modi left."
	d := lx.Split(text)
	s := Build(lx, mention.Find(lx, d, nil))
	var modi *Actor
	for _, a := range s.Actors {
		if a.Name == "Narendra Modi" {
			modi = a
		}
	}
	if modi == nil {
		t.Fatal("Modi not found")
	}
	// "Modi" links back to the full name; "He" is Modi, the subject of the sentence before
	if len(modi.mentions) < 3 {
		t.Errorf("Modi has %d mentions, want full name, pronoun and surname", len(modi.mentions))
	}
}
