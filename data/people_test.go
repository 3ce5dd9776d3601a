package data

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// loadChecked reads an embedded TSV, checks its header line and that every
// row has exactly len(header) fields, none empty where required and none
// with leading or trailing spaces. optional lists columns that may be empty.
func loadChecked(t *testing.T, name string, header []string, optional ...int) []Row {
	t.Helper()
	b, err := files.ReadFile(name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if !utf8.Valid(b) {
		t.Fatalf("%s: not valid UTF-8", name)
	}
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if got := strings.Join(header, "\t"); line != got {
			t.Fatalf("%s: header is %q, want %q", name, line, got)
		}
		break
	}
	rows, err := Rows(name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(rows) == 0 {
		t.Fatalf("%s: no rows", name)
	}
	opt := map[int]bool{}
	for _, i := range optional {
		opt[i] = true
	}
	for _, r := range rows {
		if len(r.Fields) != len(header) {
			t.Errorf("%s:%d: %d fields, want %d: %q", name, r.Line, len(r.Fields), len(header), r.Fields)
			continue
		}
		for i, f := range r.Fields {
			if f != strings.TrimSpace(f) {
				t.Errorf("%s:%d: field %s has leading or trailing space: %q", name, r.Line, header[i], f)
			}
			if f == "" && !opt[i] {
				t.Errorf("%s:%d: field %s is empty", name, r.Line, header[i])
			}
		}
	}
	return rows
}

func TestGivenNames(t *testing.T) {
	rows := loadChecked(t, "given_names.tsv", []string{"name", "gender"})
	genders := map[string]bool{"m": true, "f": true, "u": true}
	seen := map[string]int{}
	for _, r := range rows {
		if len(r.Fields) != 2 {
			continue
		}
		name, g := r.Fields[0], r.Fields[1]
		if !genders[g] {
			t.Errorf("given_names.tsv:%d: gender %q not in m, f, u", r.Line, g)
		}
		for _, c := range name {
			if !unicode.IsLetter(c) && !unicode.IsMark(c) && c != '-' && c != '\'' {
				t.Errorf("given_names.tsv:%d: %q has character %q", r.Line, name, c)
				break
			}
		}
		if first, _ := utf8.DecodeRuneInString(name); !unicode.IsUpper(first) {
			t.Errorf("given_names.tsv:%d: %q does not start with a capital", r.Line, name)
		}
		key := strings.ToLower(name)
		if prev, ok := seen[key]; ok {
			t.Errorf("given_names.tsv:%d: %q duplicates line %d", r.Line, name, prev)
		}
		seen[key] = r.Line
	}
	if len(seen) < 4000 {
		t.Errorf("given_names.tsv: %d names, want at least 4000", len(seen))
	}
	// A few names every news reader meets, with the gender they must carry.
	for name, want := range map[string]string{
		"vladimir": "m", "mohammed": "m", "narendra": "m", "fumio": "m",
		"kassym-jomart": "m", "fatima": "f", "yulia": "f", "giorgia": "f",
		"jordan": "u", "chad": "m", "georgia": "f", "andrea": "u",
	} {
		r, ok := seen[name]
		if !ok {
			t.Errorf("given_names.tsv: %q missing", name)
			continue
		}
		for _, row := range rows {
			if row.Line == r && row.Fields[1] != want {
				t.Errorf("given_names.tsv:%d: %q has gender %q, want %q", r, name, row.Fields[1], want)
			}
		}
	}
	// Surnames and words that are mostly places must stay out.
	for _, bad := range []string{"kim", "lee", "li", "khan", "india", "israel", "paris", "sheikh", "mullah"} {
		if _, ok := seen[bad]; ok {
			t.Errorf("given_names.tsv: %q should not be listed as a given name", bad)
		}
	}
}

var orgCodes = map[string]bool{
	"UN": true, "NATO": true, "EU": true, "AU": true, "ASEAN": true, "CSTO": true,
	"ECOWAS": true, "SCO": true, "IAEA": true, "WHO": true, "OPEC": true,
	"BRICS": true, "IGO": true, "NGO": true,
}

var iso3 = regexp.MustCompile(`^[A-Z]{3}$`)

func TestPeople(t *testing.T) {
	rows := loadChecked(t, "people.tsv", []string{"name", "country", "role", "aliases"}, 3)
	owner := map[string]string{} // lowercased name or alias -> the person's name
	names := 0
	for _, r := range rows {
		if len(r.Fields) != 4 {
			continue
		}
		name, country, role, aliases := r.Fields[0], r.Fields[1], r.Fields[2], r.Fields[3]
		if !iso3.MatchString(country) && !orgCodes[country] {
			t.Errorf("people.tsv:%d: %s: country %q is neither an ISO alpha-3 code nor a known organisation code", r.Line, name, country)
		}
		if strings.Contains(name, "|") || strings.Contains(role, "|") {
			t.Errorf("people.tsv:%d: '|' belongs only in aliases", r.Line)
		}
		if strings.ToLower(role) == role {
			t.Errorf("people.tsv:%d: role %q should be capitalised like a title", r.Line, role)
		}
		forms := []string{name}
		if aliases != "" {
			for _, a := range strings.Split(aliases, "|") {
				if a == "" || a != strings.TrimSpace(a) {
					t.Errorf("people.tsv:%d: empty or padded alias in %q", r.Line, aliases)
					continue
				}
				if strings.EqualFold(a, name) {
					t.Errorf("people.tsv:%d: alias %q repeats the name", r.Line, a)
					continue
				}
				forms = append(forms, a)
			}
		}
		for i, f := range forms {
			key := strings.ToLower(f)
			if prev, ok := owner[key]; ok {
				if i == 0 && prev == name {
					t.Errorf("people.tsv:%d: %q listed twice", r.Line, name)
				} else if prev != name {
					t.Errorf("people.tsv:%d: %q is used for both %q and %q", r.Line, f, prev, name)
				} else {
					t.Errorf("people.tsv:%d: %q given twice for %q", r.Line, f, name)
				}
				continue
			}
			owner[key] = name
		}
		names++
	}
	if names < 800 {
		t.Errorf("people.tsv: %d people, want at least 800", names)
	}
	// Spot checks of well-known rows.
	want := map[string]string{
		"Vladimir Putin": "RUS", "Xi Jinping": "CHN", "Volodymyr Zelenskyy": "UKR",
		"Recep Tayyip Erdogan": "TUR", "Mohammed bin Salman": "SAU", "Benjamin Netanyahu": "ISR",
		"Narendra Modi": "IND", "António Guterres": "UN", "Mark Rutte": "NATO",
		"Ursula von der Leyen": "EU", "Rafael Grossi": "IAEA", "Tedros Adhanom Ghebreyesus": "WHO",
		"Kristalina Georgieva": "IGO", "Sergei Lavrov": "RUS", "Andrei Belousov": "RUS",
	}
	got := map[string]string{}
	for _, r := range rows {
		if len(r.Fields) == 4 {
			got[r.Fields[0]] = r.Fields[1]
		}
	}
	for name, code := range want {
		if got[name] != code {
			t.Errorf("people.tsv: %s has country %q, want %q", name, got[name], code)
		}
	}
	for _, alias := range []string{"mbs", "volodymyr zelensky", "tayyip erdogan"} {
		if _, ok := owner[alias]; !ok {
			t.Errorf("people.tsv: alias %q missing", alias)
		}
	}
}

var (
	titleSectors = map[string]bool{
		"GOV": true, "MIL": true, "LEG": true, "JUD": true, "COP": true, "SPY": true,
		"OPP": true, "PTY": true, "REB": true, "CRM": true, "MED": true, "BUS": true,
		"LAB": true, "EDU": true, "HLH": true, "REL": true, "CVL": true, "IGO": true, "-": true,
	}
	titleKinds = map[string]bool{"office": true, "rank": true, "honorific": true}
)

func TestTitles(t *testing.T) {
	rows := loadChecked(t, "titles.tsv", []string{"title", "sector", "kind", "org"}, 3)
	seen := map[string]int{}
	kinds := map[string]string{}
	for _, r := range rows {
		if len(r.Fields) != 4 {
			continue
		}
		title, sector, kind := r.Fields[0], r.Fields[1], r.Fields[2]
		if title != strings.ToLower(title) {
			t.Errorf("titles.tsv:%d: %q is not lowercase", r.Line, title)
		}
		if strings.Contains(title, "  ") {
			t.Errorf("titles.tsv:%d: %q has a double space", r.Line, title)
		}
		if !titleSectors[sector] {
			t.Errorf("titles.tsv:%d: %q: sector %q not allowed", r.Line, title, sector)
		}
		if !titleKinds[kind] {
			t.Errorf("titles.tsv:%d: %q: kind %q not in office, rank, honorific", r.Line, title, kind)
		}
		if prev, ok := seen[title]; ok {
			t.Errorf("titles.tsv:%d: %q duplicates line %d", r.Line, title, prev)
		}
		seen[title] = r.Line
		kinds[title] = sector + " " + kind
	}
	for title, want := range map[string]string{
		"defense minister": "GOV office", "defence minister": "GOV office", "minister of defense": "GOV office",
		"foreign minister": "GOV office", "prime minister": "GOV office", "premier": "GOV office",
		"secretary-general": "IGO office", "secretary general": "IGO office",
		"lt. gen.": "MIL rank", "general": "MIL rank", "corps general": "MIL rank", "field marshal": "MIL rank",
		"army chief": "MIL office", "senator": "LEG office", "sen.": "LEG office", "rep.": "LEG office",
		"chief justice": "JUD office", "attorney general": "JUD office", "police chief": "COP office",
		"spy chief": "SPY office", "opposition leader": "OPP office", "rebel leader": "REB office",
		"journalist": "MED office", "ceo": "BUS office", "professor": "EDU office", "prof.": "EDU office",
		"doctor": "HLH office", "ayatollah": "REL office", "activist": "CVL office",
		"mr.": "- honorific", "dr.": "- honorific", "sheikh": "- honorific", "king": "GOV office",
		"spokesman": "- office", "official": "GOV office",
	} {
		if kinds[title] != want {
			t.Errorf("titles.tsv: %q is %q, want %q", title, kinds[title], want)
		}
	}
	if _, ok := seen["st."]; ok {
		t.Errorf("titles.tsv: \"st.\" is a street or saint, not a title")
	}
}
