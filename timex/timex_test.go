package timex

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/data"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

var (
	mon = day("2025-05-12") // a Monday
	sun = day("2024-05-12") // a Sunday
)

// want is one expected date: the matched text, its value and precision.
type want struct {
	text, value string
	prec        parley.Precision
}

func d(text, value string) want  { return want{text, value, parley.PrecisionDay} }
func mo(text, value string) want { return want{text, value, parley.PrecisionMonth} }
func y(text, value string) want  { return want{text, value, parley.PrecisionYear} }
func u(text string) want         { return want{text, "", parley.PrecisionUnknown} }

func check(t *testing.T, text string, pub time.Time, wants ...want) {
	t.Helper()
	got := Find(text, pub)
	for _, g := range got {
		if g.Span.Start < 0 || g.Span.End > len(text) || g.Span.Start >= g.Span.End || text[g.Span.Start:g.Span.End] != g.Text {
			t.Errorf("%q: bad span %+v for %q", text, g.Span, g.Text)
		}
	}
	if len(got) != len(wants) {
		t.Errorf("%q (published %s): got %d dates %v, want %d %v", text, pub.Format("2006-01-02"), len(got), got, len(wants), wants)
		return
	}
	for k, w := range wants {
		g := got[k]
		if g.Text != w.text || g.Value != w.value || g.Precision != w.prec {
			t.Errorf("%q (published %s): date %d = {%q %q %s}, want {%q %q %s}",
				text, pub.Format("2006-01-02"), k, g.Text, g.Value, g.Precision, w.text, w.value, w.prec)
		}
	}
}

func TestAbsolute(t *testing.T) {
	cases := []struct {
		text string
		want []want
	}{
		{"The talks began on May 10, 2025 in Geneva.", []want{d("May 10, 2025", "2025-05-10")}},
		{"The talks began May 10 2025.", []want{d("May 10 2025", "2025-05-10")}},
		{"The talks began on 10 May 2025.", []want{d("10 May 2025", "2025-05-10")}},
		{"It happened on March 28, 1994, in Kigali.", []want{d("March 28, 1994", "1994-03-28")}},
		{"Signed Sept. 5, 2024.", []want{d("Sept. 5, 2024", "2024-09-05")}},
		{"the 10th of May 2025", []want{d("10th of May 2025", "2025-05-10")}},
		{"on May 10th the army", []want{d("May 10th", "2025-05-10")}},
		{"The file is dated 2025-05-10.", []want{d("2025-05-10", "2025-05-10")}},
		{"25 February 2021, La Lime said", []want{d("25 February 2021", "2021-02-25")}},
		// Day without year: the latest year in which it is at most 60 days after published.
		{"They met on May 10.", []want{d("May 10", "2025-05-10")}},
		{"The vote is on June 17.", []want{d("June 17", "2025-06-17")}},
		{"arrested on Feb. 24 over", []want{d("Feb. 24", "2025-02-24")}},
		{"arrested on Sept. 5 over", []want{d("Sept. 5", "2024-09-05")}},
		{"arrested on Oct 17 over", []want{d("Oct 17", "2024-10-17")}},
		{"arrested on Dec. 3 over", []want{d("Dec. 3", "2024-12-03")}},
		{"arrested on 3 Dec over", []want{d("3 Dec", "2024-12-03")}},
		{"ran from May 10-12", []want{d("May 10", "2025-05-10")}},
		// Month and year, month alone.
		{"in May 2025 and April 2023", []want{mo("May 2025", "2025-05"), mo("April 2023", "2023-04")}},
		{"since Jan 2024,", []want{mo("Jan 2024", "2024-01")}},
		{"In March, the index rose.", []want{mo("March", "2025-03")}},
		{"in mid-March the army", []want{mo("March", "2025-03")}},
		{"in late December", []want{mo("December", "2024-12")}},
		{"elections in June", []want{mo("June", "2025-06")}},
		{"in April and May", []want{mo("April", "2025-04"), mo("May", "2025-05")}},
		{"the January news reports", []want{mo("January", "2025-01")}},
		{"Despite September's delivery", []want{mo("September", "2024-09")}},
		{"since last August, BLA", []want{mo("last August", "2024-08")}},
		{"talks last December", []want{mo("last December", "2024-12")}},
		{"talks last May", []want{mo("last May", "2024-05")}},
		{"talks next March", []want{mo("next March", "2026-03")}},
		{"won power in July last year.", []want{mo("July last year", "2024-07")}},
		{"again in January of this year.", []want{mo("January of this year", "2025-01")}},
		{"The council will meet in October.", []want{mo("October", "2025-10")}},
		// Years in a date context.
		{"in 2019, since 2014, by 2030, through 2030", []want{y("2019", "2019"), y("2014", "2014"), y("2030", "2030"), y("2030", "2030")}},
		{"the year 2019 and the end of 2020", []want{y("2019", "2019"), y("2020", "2020")}},
		{"As of mid-2018, Malaysia", []want{y("2018", "2018")}},
		{"between 2014 and 2021 in Donbas", []want{y("2014", "2014"), y("2021", "2021")}},
		{"from 2017 to 2021.", []want{y("2017", "2017"), y("2021", "2021")}},
		{"in 2010-2011, said", []want{y("2010", "2010"), y("2011", "2011")}},
		{"In 2024, the BLA", []want{y("2024", "2024")}},
	}
	for _, c := range cases {
		check(t, c.text, mon, c.want...)
	}
}

func TestYearInference(t *testing.T) {
	// Late December: early January dates are the coming ones.
	check(t, "The vote is on Jan. 3.", day("2024-12-28"), d("Jan. 3", "2025-01-03"))
	check(t, "in January", day("2024-12-28"), mo("January", "2025-01"))
	// Feb. 29 without a year falls in a leap year.
	check(t, "on Feb. 29", day("2025-03-10"), d("Feb. 29", "2024-02-29"))
	// A future word before the date looks forward beyond 60 days.
	check(t, "Elections will be held on Nov. 3.", mon, d("Nov. 3", "2025-11-03"))
	check(t, "It was held on Nov. 3.", mon, d("Nov. 3", "2024-11-03"))
	check(t, "The council will vote in January.", mon, mo("January", "2026-01"))
}

func TestWeekdays(t *testing.T) {
	cases := []struct {
		text string
		pub  time.Time
		want []want
	}{
		{"Officials said on Thursday that", mon, []want{d("Thursday", "2025-05-08")}},
		{"Officials said on Thursday that", sun, []want{d("Thursday", "2024-05-09")}},
		{"Officials said Monday that", mon, []want{d("Monday", "2025-05-12")}},
		{"Officials said Sunday that", sun, []want{d("Sunday", "2024-05-12")}},
		{"killed last Monday", mon, []want{d("last Monday", "2025-05-05")}},
		{"killed last Sunday", sun, []want{d("last Sunday", "2024-05-05")}},
		{"killed last Tuesday", mon, []want{d("last Tuesday", "2025-05-06")}},
		{"talks next Monday", mon, []want{d("next Monday", "2025-05-19")}},
		{"talks next Tuesday", mon, []want{d("next Tuesday", "2025-05-13")}},
		{"talks this Friday", mon, []want{d("this Friday", "2025-05-16")}},
		{"clashes Thursday night left", mon, []want{d("Thursday night", "2025-05-08")}},
		{"ended early Wednesday.", mon, []want{d("Wednesday", "2025-05-07")}},
		{"in Tuesday's attack", mon, []want{d("Tuesday", "2025-05-06")}},
		{"in Tuesday\u2019s attack", mon, []want{d("Tuesday", "2025-05-06")}},
		{"The ministers will meet in Brussels on Thursday.", mon, []want{d("Thursday", "2025-05-15")}},
		{"Tariffs would take effect Wednesday morning.", mon, []want{d("Wednesday morning", "2025-05-14")}},
		{"He will go, a spokesman said Friday.", mon, []want{d("Friday", "2025-05-09")}},
		{"It will review Tuesday's attack.", mon, []want{d("Tuesday", "2025-05-06")}},
		{"On Friday, May 9, the army", mon, []want{d("Friday, May 9", "2025-05-09")}},
		{"Fri., May 9, 2025", mon, []want{d("Fri., May 9, 2025", "2025-05-09")}},
		{"from Monday to Wednesday.", mon, []want{d("Monday", "2025-05-12"), d("Wednesday", "2025-05-07")}},
		{"SATURDAY: talks", mon, []want{d("SATURDAY", "2025-05-10")}},
	}
	for _, c := range cases {
		check(t, c.text, c.pub, c.want...)
	}
}

func TestRelative(t *testing.T) {
	cases := []struct {
		text string
		pub  time.Time
		want []want
	}{
		{"Today the leader", mon, []want{d("Today", "2025-05-12")}},
		{"killed yesterday in", mon, []want{d("yesterday", "2025-05-11")}},
		{"talks tomorrow in", mon, []want{d("tomorrow", "2025-05-13")}},
		{"attacked last night", mon, []want{d("last night", "2025-05-11")}},
		{"talks this week", mon, []want{mo("this week", "2025-05")}},
		{"talks last week", mon, []want{mo("last week", "2025-05")}},
		{"talks last week", day("2025-05-03"), []want{mo("last week", "2025-04")}},
		{"talks next week", day("2025-05-28"), []want{mo("next week", "2025-06")}},
		{"Earlier this month, a bomber", mon, []want{mo("Earlier this month", "2025-05")}},
		{"talks this month", mon, []want{mo("this month", "2025-05")}},
		{"Last month, the ministry", mon, []want{mo("Last month", "2025-04")}},
		{"talks last month", day("2025-01-15"), []want{mo("last month", "2024-12")}},
		{"next month", day("2025-12-15"), []want{mo("next month", "2026-01")}},
		{"this year", mon, []want{y("this year", "2025")}},
		{"earlier this year", mon, []want{y("earlier this year", "2025")}},
		{"last year's protests", mon, []want{y("last year", "2024")}},
		{"next year", mon, []want{y("next year", "2026")}},
		{"3 days ago", mon, []want{d("3 days ago", "2025-05-09")}},
		{"three days ago", mon, []want{d("three days ago", "2025-05-09")}},
		{"two weeks ago", mon, []want{mo("two weeks ago", "2025-04")}},
		{"six weeks ago", mon, []want{mo("six weeks ago", "2025-03")}},
		{"a week ago", mon, []want{mo("a week ago", "2025-05")}},
		{"three months ago", mon, []want{mo("three months ago", "2025-02")}},
		{"13 years ago", mon, []want{y("13 years ago", "2012")}},
		{"A year ago, markets", mon, []want{y("A year ago", "2024")}},
		{"a decade ago", mon, []want{y("a decade ago", "2015")}},
		{"has recently banned", mon, []want{mo("recently", "2025-05")}},
		{"earlier this week", mon, []want{mo("earlier this week", "2025-05")}},
		{"back to their villages in recent days.", mon, []want{mo("recent days", "2025-05")}},
		{"in recent weeks", mon, []want{mo("recent weeks", "2025-05")}},
	}
	for _, c := range cases {
		check(t, c.text, c.pub, c.want...)
	}
}

func TestUnknownPublished(t *testing.T) {
	var zero time.Time
	check(t, "On May 10, 2025 and in May 2025 and in 2019", zero,
		d("May 10, 2025", "2025-05-10"), mo("May 2025", "2025-05"), y("2019", "2019"))
	check(t, "On May 10 and in March and on Thursday", zero, u("May 10"), u("March"), u("Thursday"))
	check(t, "yesterday, last week, two weeks ago, last December", zero,
		u("yesterday"), u("last week"), u("two weeks ago"), u("last December"))
	check(t, "2025-05-10", zero, d("2025-05-10", "2025-05-10"))
}

func TestNoFalseHits(t *testing.T) {
	for _, text := range []string{
		"a march on the capital",
		"Thousands march through the city.",
		"March organizers said the route was set.",
		"she may 10 times repeat it",
		"They may, in time, agree.",
		"2,000 troops were sent.",
		"221 cases were reported.",
		"in 1,500 cases",
		"since 2000 troops arrived",
		"up by 2019%",
		"It rose 2019-2021 overall.",
		"at 10:30 local time",
		"10/05/2025",
		"the 1990s were hard",
		"The Sunday Times reported",
		"Theresa May said",
		"Secretary of State Marco Rubio met at Mar-a-Lago.",
		"Sat down with the Sun reporter.",
		"April Ryan asked a question.",
		"an august body",
		"MayDay Mondays",
		"on ABC's \u201cThis Week\u201d program",
		"at 5 pm",
		"",
		"   ",
	} {
		check(t, text, mon)
	}
}

func TestNoPanic(t *testing.T) {
	for _, text := range []string{
		"\xff\xfe May 10 \xc3",
		"May",
		"May 10,",
		"Fri.,",
		"10th of",
		"2025-05-",
		"2025-05-10",
		"\u00a0Monday\u00a0",
		"last",
		"two weeks",
		"March 99999999999999999999",
		strings.Repeat("9", 400) + " May",
	} {
		got := Find(text, mon)
		for _, g := range got {
			if text[g.Span.Start:g.Span.End] != g.Text {
				t.Errorf("%q: bad span %+v", text, g.Span)
			}
		}
	}
	check(t, "\xff\xfeMonday\xff", mon, d("Monday", "2025-05-12"))
}

func TestSpansInText(t *testing.T) {
	text := benchText()
	got := Find(text, mon)
	if len(got) < 20 {
		t.Fatalf("found %d dates in the benchmark text, want many", len(got))
	}
	last := -1
	for _, g := range got {
		if text[g.Span.Start:g.Span.End] != g.Text || g.Span.Start < last {
			t.Errorf("bad or out-of-order span %+v %q", g.Span, g.Text)
		}
		last = g.Span.End
	}
}

func TestParsePublished(t *testing.T) {
	for _, c := range []struct {
		in, want string
	}{
		{"2025-05-12", "2025-05-12"},
		{"2025-05-12T08:00:00Z", "2025-05-12"},
		{"2025-05-12T23:30:00-05:00", "2025-05-12"},
		{"2025-05-12T01:30:00+08:00", "2025-05-12"},
		{"2025-05-12T08:00:00.123Z", "2025-05-12"},
		{"2025-05-12 08:00:00", "2025-05-12"},
		{"2025-03-14 20:30:26Z", "2025-03-14"},
		{"Mon, 12 May 2025 08:00:00 GMT", "2025-05-12"},
		{"Mon, 12 May 2025 08:00:00 +0200", "2025-05-12"},
		{"Mon, 2 Jun 2025 08:00:00 GMT", "2025-06-02"},
		{" 2025-05-12 ", "2025-05-12"},
	} {
		got, ok := ParsePublished(c.in)
		if !ok || got.Format("2006-01-02") != c.want {
			t.Errorf("ParsePublished(%q) = %v, %v; want %s", c.in, got, ok, c.want)
		}
	}
	for _, bad := range []string{"", "yesterday", "2025-13-01", "12/05/2025", "0000-00-00"} {
		if got, ok := ParsePublished(bad); ok || !got.IsZero() {
			t.Errorf("ParsePublished(%q) = %v, %v; want failure", bad, got, ok)
		}
	}
	// The publisher's calendar day counts, not UTC's.
	pub, _ := ParsePublished("2025-05-12T01:30:00+08:00")
	check(t, "said yesterday", pub, d("yesterday", "2025-05-11"))
}

func TestLexiconErrors(t *testing.T) {
	row := func(f ...string) data.Row { return data.Row{Line: 1, Fields: f} }
	for _, r := range []data.Row{
		row("jan", "month", "13"),
		row("mon", "weekday", "0"),
		row("yesterday", "relative", "-1x"),
		row("foo", "nonsense", ""),
		row("two words", "month", "1"),
		row("in", "context", "day"),
		row("", "chain", ""),
	} {
		if _, err := load([]data.Row{r}); err == nil {
			t.Errorf("load(%v): no error", r.Fields)
		}
	}
	if _, err := load(data.MustRows("timewords.tsv")); err != nil {
		t.Fatal(err)
	}
}

// benchText builds a ~5 KB news-like text with dates of every kind.
func benchText() string {
	paras := []string{
		"Iraqi Prime Minister Mohammed Shia al-Sudani announced on social media Friday that the country's intelligence service had killed a senior Islamic State leader. Iraqi special forces said he was killed Thursday in an airstrike in the Anbar desert.",
		"U.S. Central Command, which oversees U.S. military operations in the Middle East, said the strike was the result of a two-year effort, with breakthroughs coming in the past six months. Officials arrested seven additional members, including two women, in a follow-up operation.",
		"Assad was ousted in December 2024 but hope for a return to stability has faded since deadly violence began March 6 in the coastal region. Pedersen said Friday that recent agreements between the parties were encouraging, and that talks would resume next week.",
		"The ship departed China on Monday, a month later than expected. It was named in January and February articles by The Financial Times and docked at the port on Feb. 13, 2025, before sailing on in early March. Last month, the State Department told VOA it was aware of the reports.",
		"Various intelligence estimates put the number of fighters at between 1,500 and 3,000, with 2,000 troops deployed since 2019 and 221 cases recorded. A recent United Nations report said the leader ran operations across Iraq, Syria, Turkey and other parts of the region.",
		"The party governed Syria from 1963 to late 2024. Legal experts argue that the constitutional declaration signed on 13 March 2025 concentrates power, and the council will meet again on Thursday, the spokesman said three days ago.",
		"Malawi's High Court on Jan. 14 ordered all public schools to admit the pupils; the government has until Feb. 4 to appeal. Earlier this month, a female suicide bomber struck a market, and last year the group claimed 504 attacks, compared with 116 in 2023.",
		"Protesters march in Khartoum every week, and a march on the capital is planned. They may 10 times refuse to negotiate, the leaders said yesterday, adding that the talks scheduled for May 20 will go ahead as planned this year.",
	}
	var b strings.Builder
	for b.Len() < 5000 {
		for _, p := range paras {
			b.WriteString(p)
			b.WriteString("\n")
		}
	}
	return b.String()
}

func BenchmarkFind(b *testing.B) {
	text := benchText()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Find(text, mon)
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"On May 10, 2025 the army", "last Tuesday", "two weeks ago", "in mid-March", "2025-05-10",
		"Fri., May 9", "\xff\xfe", "10th of May", "since 2000 troops", "July last year", "Tuesday\u2019s",
	} {
		f.Add(s, int64(0))
		f.Add(s, mon.Unix())
	}
	f.Fuzz(func(t *testing.T, text string, unix int64) {
		var pub time.Time
		if unix != 0 {
			pub = time.Unix(unix%(1<<36), 0).UTC()
		}
		for _, g := range Find(text, pub) {
			if g.Span.Start < 0 || g.Span.End > len(text) || g.Span.Start >= g.Span.End {
				t.Fatalf("span %+v out of bounds for %d bytes", g.Span, len(text))
			}
			if text[g.Span.Start:g.Span.End] != g.Text {
				t.Fatalf("span %+v does not hold %q", g.Span, g.Text)
			}
			if utf8.ValidString(text) && !utf8.ValidString(g.Text) {
				t.Fatalf("text %q split a rune", g.Text)
			}
			switch g.Precision {
			case parley.PrecisionDay, parley.PrecisionMonth, parley.PrecisionYear:
				if g.Value == "" {
					t.Fatalf("%q: precision %s with no value", g.Text, g.Precision)
				}
			case parley.PrecisionUnknown:
				if g.Value != "" {
					t.Fatalf("%q: unknown precision with value %q", g.Text, g.Value)
				}
			default:
				t.Fatalf("%q: bad precision %q", g.Text, g.Precision)
			}
		}
	})
}
