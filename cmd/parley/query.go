package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/parley-events/parley/store"
	"github.com/parley-events/parley/store/sqlite"
)

// queryCmd holds what every query command shares: the store, the output
// format and the flag set.
type queryCmd struct {
	name   string
	fs     *flag.FlagSet
	db     string
	format string
	stderr io.Writer
}

func newQueryCmd(name, usage string, stderr io.Writer, formats []string) *queryCmd {
	q := &queryCmd{name: name, fs: flag.NewFlagSet(name, flag.ContinueOnError), stderr: stderr}
	q.fs.SetOutput(stderr)
	q.fs.StringVar(&q.db, "db", defaultDB(), "store file ($PARLEY_DB, else parley.db)")
	q.fs.StringVar(&q.format, "format", formats[0], "output: "+strings.Join(formats, ", "))
	q.fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: parley %s\n\nFlags:\n", usage)
		q.fs.PrintDefaults()
	}
	return q
}

// parse parses the flags and wants exactly nargs arguments; it returns the
// arguments or an exit status.
func (q *queryCmd) parse(args []string, nargs int, formats []string) ([]string, int) {
	rest, err := parseInterspersed(q.fs, args)
	if err != nil {
		return nil, 2
	}
	if len(rest) != nargs {
		if nargs == 0 {
			fmt.Fprintf(q.stderr, "parley %s: unexpected argument %q\n", q.name, rest[0])
		} else {
			q.fs.Usage()
		}
		return nil, 2
	}
	if err := checkFormat(q.name, q.format, formats); err != nil {
		fmt.Fprintln(q.stderr, err)
		return nil, 2
	}
	return rest, 0
}

func (q *queryCmd) open() (*sqlite.DB, int) {
	st, err := sqlite.Open(q.db, sqlite.Options{MustExist: true})
	if err != nil {
		fmt.Fprintf(q.stderr, "parley %s: %v\n", q.name, err)
		return nil, 1
	}
	return st, 0
}

func (q *queryCmd) fail(err error) int {
	fmt.Fprintf(q.stderr, "parley %s: %v\n", q.name, err)
	return 1
}

// dateFlags are --since and --until; they take a day, a month or a year.
type dateFlags struct{ since, until string }

func (d *dateFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.since, "since", "", "from this day on (YYYY-MM-DD, YYYY-MM or YYYY)")
	fs.StringVar(&d.until, "until", "", "up to this day, inclusive (YYYY-MM-DD, YYYY-MM or YYYY)")
}

// resolve turns the flags into days: --since 2025-05 is 2025-05-01, --until
// 2025-05 is 2025-05-31.
func (d *dateFlags) resolve() (since, until string, err error) {
	if since, err = dayOf(d.since, false); err != nil {
		return "", "", fmt.Errorf("--since: %w", err)
	}
	if until, err = dayOf(d.until, true); err != nil {
		return "", "", fmt.Errorf("--until: %w", err)
	}
	return since, until, nil
}

func dayOf(s string, end bool) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if d, ok := store.DayBound(s, end); ok {
		return d, nil
	}
	return "", fmt.Errorf("%q is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", s)
}

// eventFlags are the filters of events, dyads, timeline and export.
type eventFlags struct {
	source, target, actor, code, text string
	quad                              int
	dates                             dateFlags
}

func (e *eventFlags) register(fs *flag.FlagSet, sides bool) {
	if sides {
		fs.StringVar(&e.source, "source", "", "source actor code, by prefix (RUS matches RUSGOV, RUSMIL)")
		fs.StringVar(&e.target, "target", "", "target actor code, by prefix")
		fs.StringVar(&e.actor, "actor", "", "an actor's name on either side (whole words, any case)")
		fs.StringVar(&e.text, "text", "", "words the reporting article contains (full-text search; \"a phrase\", prefix*, OR)")
	}
	fs.StringVar(&e.code, "code", "", "CAMEO code, by prefix (05 matches 05x, 057 matches 057x)")
	fs.IntVar(&e.quad, "quad", 0, "QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict")
	e.dates.register(fs)
}

func (e *eventFlags) filter() (store.EventFilter, error) {
	since, until, err := e.dates.resolve()
	if err != nil {
		return store.EventFilter{}, err
	}
	if e.quad < 0 || e.quad > 4 {
		return store.EventFilter{}, fmt.Errorf("--quad %d: QuadClass is 1 to 4", e.quad)
	}
	if e.code != "" && strings.Trim(e.code, "0123456789") != "" {
		return store.EventFilter{}, fmt.Errorf("--code %q: a CAMEO code is digits", e.code)
	}
	return store.EventFilter{Source: e.source, Target: e.target, Actor: e.actor, Code: e.code, Quad: e.quad,
		Since: since, Until: until, Text: e.text}, nil
}

var eventHeader = []string{"ID", "DAY", "SOURCE", "TARGET", "CAMEO", "EVENT", "Q", "GOLDSTEIN", "MENTIONS", "ARTICLES", "SOURCES", "EVIDENCE"}

var eventCSVHeader = []string{"id", "day", "date", "date_precision", "source_code", "source_name", "source_country",
	"target_code", "target_name", "target_country", "cameo", "root", "name", "quad_class", "goldstein", "symmetric",
	"is_root", "place", "num_mentions", "num_articles", "num_sources", "first_seen", "last_seen", "added", "url",
	"trigger", "evidence"}

func eventCells(e store.EventRow, table bool) []string {
	g := strconv.FormatFloat(e.Goldstein, 'f', -1, 64)
	if table {
		side := func(code, name string) string {
			if code == "" {
				return name
			}
			return code
		}
		return []string{strconv.FormatInt(e.ID, 10), e.Day, side(e.SourceCode, e.SourceName), side(e.TargetCode, e.TargetName),
			e.CAMEO, e.Name, strconv.Itoa(e.QuadClass), g, strconv.Itoa(e.NumMentions), strconv.Itoa(e.NumArticles),
			strconv.Itoa(e.NumSources), e.Evidence}
	}
	return []string{strconv.FormatInt(e.ID, 10), e.Day, e.Date, string(e.DatePrecision), e.SourceCode, e.SourceName,
		e.SourceCountry, e.TargetCode, e.TargetName, e.TargetCountry, e.CAMEO, e.Root, e.Name, strconv.Itoa(e.QuadClass),
		g, strconv.FormatBool(e.Symmetric), strconv.FormatBool(e.IsRoot), e.Place, strconv.Itoa(e.NumMentions),
		strconv.Itoa(e.NumArticles), strconv.Itoa(e.NumSources), e.FirstSeen, e.LastSeen, e.Added, e.URL, e.Trigger, e.Evidence}
}

func runEvents(args []string, stdout, stderr io.Writer) int {
	q := newQueryCmd("events", "events [flags]   (events across articles, latest first)", stderr, queryFormats)
	var ef eventFlags
	ef.register(q.fs, true)
	limit := q.fs.Int("limit", 50, "at most this many events (0: all)")
	both := q.fs.Bool("both", false, "with --source and --target: also the events from target to source")
	if _, code := q.parse(args, 0, queryFormats); code != 0 {
		return code
	}
	f, err := ef.filter()
	if err != nil {
		return q.fail(err)
	}
	f.Limit, f.Both = *limit, *both
	st, code := q.open()
	if code != 0 {
		return code
	}
	defer st.Close()
	evs, err := st.Events(context.Background(), f)
	if err != nil {
		return q.fail(err)
	}
	table := q.format == "table"
	header := eventCSVHeader
	if table {
		header = eventHeader
	}
	rw := newRowWriter(stdout, q.format, header)
	for _, e := range evs {
		rw.row(eventCells(e, table), e)
	}
	if err := rw.flush("no events match"); err != nil {
		return q.fail(err)
	}
	return 0
}

func runQuotes(args []string, stdout, stderr io.Writer) int {
	q := newQueryCmd("quotes", "quotes [flags]   (quotations with their speakers, latest first; by relevance with --text)", stderr, queryFormats)
	var f store.QuoteFilter
	var dates dateFlags
	q.fs.StringVar(&f.Speaker, "speaker", "", "the speaker's name (whole words, any case: Belousov, \"Andrei Belousov\")")
	q.fs.BoolVar(&f.Anonymous, "anonymous", false, "only quotes from unnamed sources")
	q.fs.StringVar(&f.Text, "text", "", "words of the quotation (full-text search; \"a phrase\", prefix*, OR)")
	q.fs.IntVar(&f.Limit, "limit", 50, "at most this many quotes (0: all)")
	dates.register(q.fs)
	if _, code := q.parse(args, 0, queryFormats); code != 0 {
		return code
	}
	var err error
	if f.Since, f.Until, err = dates.resolve(); err != nil {
		return q.fail(err)
	}
	st, code := q.open()
	if code != 0 {
		return code
	}
	defer st.Close()
	qs, err := st.Quotes(context.Background(), f)
	if err != nil {
		return q.fail(err)
	}
	table := q.format == "table"
	header := []string{"id", "published", "speaker", "speaker_code", "anonymous", "speaker_text", "cue", "text", "url"}
	if table {
		header = []string{"DATE", "SPEAKER", "QUOTE"}
	}
	rw := newRowWriter(stdout, q.format, header)
	for _, x := range qs {
		if table {
			who := x.Speaker
			switch {
			case who == "" && x.Anonymous:
				who = "(anonymous) " + x.SpeakerText
			case who == "":
				who = "(unattributed)"
			}
			rw.row([]string{x.Published, who, "\u201c" + x.Text + "\u201d"}, x)
			continue
		}
		rw.row([]string{strconv.FormatInt(x.ID, 10), x.Published, x.Speaker, x.SpeakerCode, strconv.FormatBool(x.Anonymous),
			x.SpeakerText, x.Cue, x.Text, x.URL}, x)
	}
	if err := rw.flush("no quotes match"); err != nil {
		return q.fail(err)
	}
	return 0
}

func runActors(args []string, stdout, stderr io.Writer) int {
	q := newQueryCmd("actors", "actors [flags]   (actors across articles, those in most articles first)", stderr, queryFormats)
	var f store.ActorFilter
	q.fs.StringVar(&f.Name, "name", "", "name (whole words, any case)")
	q.fs.StringVar(&f.Code, "code", "", "actor code, by prefix (RUS, RUSGOV, NATO)")
	q.fs.StringVar(&f.Kind, "kind", "", "person, country, organization or group")
	q.fs.IntVar(&f.Limit, "limit", 50, "at most this many actors (0: all)")
	if _, code := q.parse(args, 0, queryFormats); code != 0 {
		return code
	}
	st, code := q.open()
	if code != 0 {
		return code
	}
	defer st.Close()
	as, err := st.Actors(context.Background(), f)
	if err != nil {
		return q.fail(err)
	}
	table := q.format == "table"
	header := []string{"id", "kind", "name", "code", "country", "articles", "mentions", "first_seen", "last_seen", "title", "aliases"}
	if table {
		header = []string{"ID", "KIND", "NAME", "CODE", "COUNTRY", "ARTICLES", "MENTIONS", "FIRST", "LAST", "TITLE", "ALIASES"}
	}
	rw := newRowWriter(stdout, q.format, header)
	for _, a := range as {
		title := ""
		if len(a.Titles) > 0 {
			title = a.Titles[0].Title
		}
		rw.row([]string{strconv.FormatInt(a.ID, 10), string(a.Kind), a.Name, a.Code, a.Country, strconv.Itoa(a.Articles),
			strconv.Itoa(a.Mentions), a.FirstSeen, a.LastSeen, title, strings.Join(a.Aliases, "; ")}, a)
	}
	if err := rw.flush("no actors match"); err != nil {
		return q.fail(err)
	}
	return 0
}

// fmtMean writes a mean Goldstein score with two decimals, never "-0.00".
func fmtMean(m float64) string {
	m = math.Round(m*100) / 100
	if m == 0 {
		m = 0
	}
	return strconv.FormatFloat(m, 'f', 2, 64)
}

func countCells(events, mentions int, quad [4]int, mean float64) []string {
	return []string{strconv.Itoa(events), strconv.Itoa(mentions), strconv.Itoa(quad[0]), strconv.Itoa(quad[1]),
		strconv.Itoa(quad[2]), strconv.Itoa(quad[3]), fmtMean(mean)}
}

func runDyads(args []string, stdout, stderr io.Writer) int {
	q := newQueryCmd("dyads", "dyads [flags]   (events per source → target pair, the most first)", stderr, queryFormats)
	var ef eventFlags
	ef.register(q.fs, false)
	q.fs.StringVar(&ef.source, "source", "", "source actor code, by prefix")
	q.fs.StringVar(&ef.target, "target", "", "target actor code, by prefix")
	top := q.fs.Int("top", 20, "the N pairs with the most events (0: all)")
	if _, code := q.parse(args, 0, queryFormats); code != 0 {
		return code
	}
	ev, err := ef.filter()
	if err != nil {
		return q.fail(err)
	}
	st, code := q.open()
	if code != 0 {
		return code
	}
	defer st.Close()
	ds, err := st.Dyads(context.Background(), store.DyadFilter{Source: ev.Source, Target: ev.Target, Code: ev.Code,
		Quad: ev.Quad, Since: ev.Since, Until: ev.Until, Top: *top})
	if err != nil {
		return q.fail(err)
	}
	header := []string{"source_code", "target_code", "events", "mentions", "quad1", "quad2", "quad3", "quad4", "mean_goldstein"}
	if q.format == "table" {
		header = []string{"SOURCE", "TARGET", "EVENTS", "MENTIONS", "Q1", "Q2", "Q3", "Q4", "GOLDSTEIN"}
	}
	rw := newRowWriter(stdout, q.format, header)
	for _, d := range ds {
		rw.row(append([]string{d.SourceCode, d.TargetCode}, countCells(d.Events, d.Mentions, d.Quad, d.MeanGoldstein)...), d)
	}
	if err := rw.flush("no events match"); err != nil {
		return q.fail(err)
	}
	return 0
}

// codeLike tells an actor code (RUS, RUSGOV, NATO) from a name.
var codeLike = regexp.MustCompile(`^[A-Z][A-Z0-9]{1,11}$`)

func runTimeline(args []string, stdout, stderr io.Writer) int {
	q := newQueryCmd("timeline", "timeline [flags] A B   (events from A to B per period; A and B are codes such as RUS, UKRMIL, or names)", stderr, queryFormats)
	var ef eventFlags
	ef.register(q.fs, false)
	by := q.fs.String("by", "month", "period: day, week (from Monday), month or year")
	both := q.fs.Bool("both", false, "also the events from B to A")
	rest, code := q.parse(args, 2, queryFormats)
	if code != 0 {
		return code
	}
	switch *by {
	case "day", "week", "month", "year":
	default:
		return q.fail(fmt.Errorf("--by %q: day, week, month or year", *by))
	}
	f, err := ef.filter()
	if err != nil {
		return q.fail(err)
	}
	for i, arg := range rest {
		code, name := "", ""
		if codeLike.MatchString(arg) {
			code = arg
		} else {
			name = arg
		}
		if i == 0 {
			f.Source, f.SourceActor = code, name
		} else {
			f.Target, f.TargetActor = code, name
		}
	}
	f.Both = *both
	st, code := q.open()
	if code != 0 {
		return code
	}
	defer st.Close()
	rows, err := st.Timeline(context.Background(), store.TimelineFilter{EventFilter: f, By: *by})
	if err != nil {
		return q.fail(err)
	}
	table := q.format == "table"
	header := []string{"period", "events", "mentions", "quad1", "quad2", "quad3", "quad4", "mean_goldstein"}
	if table {
		header = []string{"PERIOD", "EVENTS", "MENTIONS", "Q1", "Q2", "Q3", "Q4", "GOLDSTEIN", ""}
	}
	most := 0
	for _, r := range rows {
		most = max(most, r.Events)
	}
	rw := newRowWriter(stdout, q.format, header)
	for _, r := range rows {
		cells := append([]string{r.Period}, countCells(r.Events, r.Mentions, r.Quad, r.MeanGoldstein)...)
		if table {
			cells = append(cells, strings.Repeat("█", max(1, r.Events*30/max(most, 1))))
		}
		rw.row(cells, r)
	}
	if err := rw.flush("no events match"); err != nil {
		return q.fail(err)
	}
	return 0
}
