package web

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/store"
)

// annotation is a span of the text drawn with a class; clicking the record
// with the id marks it. ctx annotations are the light context of a record
// (an event's sentence).
type annotation struct {
	span  parley.Span
	class string
	id    string
	ctx   bool
}

// segment is a run of text under the same annotations.
type segment struct {
	Text  string
	Class string // space-separated classes
	IDs   string // data-a: the records whose words these are
	Ctx   string // data-s: the records whose context these are
}

// segments cuts text at every annotation's ends, so that overlapping and
// nested annotations (a name inside a quotation inside an event's
// sentence) each get their classes: one sweep over the sorted ends, linear
// in the number of annotations times how many overlap.
func segments(text string, anns []annotation) []segment {
	type edge struct {
		at    int
		start bool
		i     int
	}
	var edges []edge
	for i, a := range anns {
		s, e := clampSpan(text, a.span)
		if s >= e {
			continue
		}
		edges = append(edges, edge{s, true, i}, edge{e, false, i})
	}
	sort.Slice(edges, func(i, j int) bool {
		if edges[i].at != edges[j].at {
			return edges[i].at < edges[j].at
		}
		return !edges[i].start && edges[j].start // ends before starts
	})
	var out []segment
	active := map[int]bool{}
	pos := 0
	emit := func(to int) {
		if to <= pos {
			return
		}
		seg := segment{Text: text[pos:to]}
		if len(active) > 0 {
			idx := make([]int, 0, len(active))
			for i := range active {
				idx = append(idx, i)
			}
			sort.Ints(idx)
			var classes, ids, ctx []string
			for _, i := range idx {
				a := anns[i]
				classes = appendUnique(classes, strings.Fields(a.class)...)
				if a.id == "" {
					continue
				}
				if a.ctx {
					ctx = appendUnique(ctx, a.id)
				} else {
					ids = appendUnique(ids, a.id)
				}
			}
			seg.Class, seg.IDs, seg.Ctx = strings.Join(classes, " "), strings.Join(ids, " "), strings.Join(ctx, " ")
		}
		out = append(out, seg)
		pos = to
	}
	for _, e := range edges {
		emit(e.at)
		if e.start {
			active[e.i] = true
		} else {
			delete(active, e.i)
		}
	}
	emit(len(text))
	return out
}

func appendUnique(list []string, vs ...string) []string {
	for _, v := range vs {
		found := false
		for _, x := range list {
			if x == v {
				found = true
				break
			}
		}
		if !found {
			list = append(list, v)
		}
	}
	return list
}

// clampSpan keeps a span inside the text and on character boundaries.
func clampSpan(text string, sp parley.Span) (int, int) {
	s, e := max(sp.Start, 0), min(sp.End, len(text))
	for s < len(text) && !utf8.RuneStart(text[s]) {
		s++
	}
	for e < len(text) && e > 0 && !utf8.RuneStart(text[e]) {
		e++
	}
	return s, e
}

// articleView is what the article page and the extract page show.
type articleView struct {
	ID        int64 // the store's id; 0 for an article extracted and not stored
	DocID     string
	Title     string
	URL       string
	Source    string
	Published string
	Added     string
	Segments  []segment
	Persons   []actorRec
	Countries []actorRec
	Bodies    []actorRec // organisations and groups
	Quotes    []quoteRec
	Events    []eventRec
	Dates     []dateRec
	Speakers  []speakerRec // the colour of each speaker's quotations
	Bytes     int
}

type actorRec struct {
	ID       string // the article's id: a1, a2, ...
	ActorID  int64
	Kind     string
	Name     string
	Code     string
	Country  string
	Title    string
	Mentions int
}

type quoteRec struct {
	ID          string
	Text        string
	Color       string // the speaker's colour class
	Speaker     string // the speaker's name, or the words describing an unnamed source
	SpeakerID   int64
	Anonymous   bool
	Attributed  bool
	Cue         string
	SpeakerText string
}

type eventRec struct {
	ID           string
	EventID      int64
	SourceName   string
	TargetName   string
	SourceCode   string
	TargetCode   string
	SourceID     int64
	TargetID     int64
	CAMEO        string
	Name         string
	Quad         int
	Goldstein    float64
	Date         string
	Trigger      string
	Articles     int
	SourcePerson string
	TargetPerson string
}

type dateRec struct {
	ID, Text, Value string
	Precision       string
}

type speakerRec struct {
	Name  string
	Color string
}

// palette is the number of speaker colours (qc-0 ... qc-7 in the CSS).
const palette = 8

// newArticleView lays out a document with its records.
func newArticleView(v store.DocumentView) *articleView {
	av := &articleView{ID: v.ID, DocID: v.DocID, Title: v.Title, URL: v.URL, Source: v.Source, Published: v.Published,
		Added: v.Added, Bytes: len(v.Text)}
	var anns []annotation
	for _, a := range v.Actors {
		rec := actorRec{ID: a.ID, ActorID: a.ActorID, Kind: string(a.Kind), Name: a.Name, Code: a.Code, Country: a.Country,
			Title: a.Title, Mentions: len(a.Mentions)}
		switch a.Kind {
		case parley.KindPerson:
			av.Persons = append(av.Persons, rec)
		case parley.KindCountry:
			av.Countries = append(av.Countries, rec)
		default:
			av.Bodies = append(av.Bodies, rec)
		}
		class := "m m-" + kindClass(a.Kind)
		for _, m := range a.Mentions {
			anns = append(anns, annotation{span: m.Span, class: class, id: a.ID})
		}
	}
	for _, list := range [][]actorRec{av.Persons, av.Countries, av.Bodies} {
		sort.SliceStable(list, func(i, j int) bool { return list[i].Mentions > list[j].Mentions })
	}
	names := map[string]string{}
	for _, a := range v.Actors {
		names[a.ID] = a.Name
	}
	colors := map[string]string{}
	for _, q := range v.Quotes {
		id := "q" + strconv.Itoa(q.Span.Start)
		key := q.Speaker
		if q.SpeakerID != 0 {
			key = strconv.FormatInt(q.SpeakerID, 10)
		}
		color := "qc-x" // unnamed or unattributed: grey
		speaker := q.SpeakerName
		if speaker == "" {
			speaker = names[q.Speaker]
		}
		if key != "" && speaker != "" {
			if colors[key] == "" {
				colors[key] = "qc-" + strconv.Itoa(len(colors)%palette)
				av.Speakers = append(av.Speakers, speakerRec{Name: speaker, Color: colors[key]})
			}
			color = colors[key]
		}
		rec := quoteRec{ID: id, Text: q.Text, Color: color, Speaker: speaker, SpeakerID: q.SpeakerID, Anonymous: q.Anonymous,
			Attributed: speaker != "", Cue: q.Cue, SpeakerText: q.SpeakerText}
		if !rec.Attributed {
			rec.Speaker = q.SpeakerText
		}
		av.Quotes = append(av.Quotes, rec)
		anns = append(anns, annotation{span: q.Span, class: "q " + color, id: id})
		if q.SpeakerSpan != nil {
			anns = append(anns, annotation{span: *q.SpeakerSpan, class: "spk " + color, id: id})
		}
		if q.CueSpan != nil {
			anns = append(anns, annotation{span: *q.CueSpan, class: "cue", id: id})
		}
	}
	for _, e := range v.Events {
		id := "e" + strconv.Itoa(e.TriggerSpan.Start)
		rec := eventRec{ID: id, EventID: e.EventID, SourceName: e.SourceName, TargetName: e.TargetName,
			SourceCode: e.SourceCode, TargetCode: e.TargetCode, SourceID: e.SourceID, TargetID: e.TargetID,
			CAMEO: e.CAMEO, Name: e.Name, Quad: e.QuadClass, Goldstein: e.Goldstein, Date: e.Date, Trigger: e.Trigger,
			Articles: e.NumArticles, SourcePerson: e.SourcePerson, TargetPerson: e.TargetPerson}
		if rec.SourceName == "" {
			rec.SourceName = names[e.Source]
		}
		if rec.TargetName == "" {
			rec.TargetName = names[e.Target]
		}
		av.Events = append(av.Events, rec)
		anns = append(anns, annotation{span: e.TriggerSpan, class: "t t" + strconv.Itoa(e.QuadClass), id: id},
			annotation{span: e.Sentence, class: "ev", id: id, ctx: true})
	}
	for _, d := range v.Dates {
		id := "d" + strconv.Itoa(d.Span.Start)
		av.Dates = append(av.Dates, dateRec{ID: id, Text: d.Text, Value: d.Value, Precision: string(d.Precision)})
		anns = append(anns, annotation{span: d.Span, class: "dt", id: id})
	}
	av.Segments = segments(v.Text, anns)
	return av
}

// resultView is the store's view of an article that was read and not
// stored: the same page without the store's ids.
func resultView(d parley.Document, res parley.Result) store.DocumentView {
	v := store.DocumentView{DocID: d.ID, URL: d.URL, Source: d.Source, Title: d.Title, Published: res.Published, Text: d.Text,
		Dates: res.Dates}
	names := map[string]string{}
	for _, a := range res.Actors {
		names[a.ID] = a.Name
		v.Actors = append(v.Actors, store.DocActor{ID: a.ID, Kind: a.Kind, Name: a.Name, Code: a.Code, Country: a.Country,
			Title: a.Title, Aliases: a.Aliases, Mentions: a.Mentions})
	}
	for _, q := range res.Quotes {
		dq := store.DocQuote{Text: q.Text, Span: q.Span, Anonymous: q.Anonymous, SpeakerText: q.SpeakerText,
			SpeakerSpan: q.SpeakerSpan, Cue: q.Cue, CueSpan: q.CueSpan}
		if q.Speaker != nil {
			dq.Speaker, dq.SpeakerName = *q.Speaker, names[*q.Speaker]
		}
		v.Quotes = append(v.Quotes, dq)
	}
	for _, e := range res.Events {
		day := store.EventDay(e.Date, res.Published)
		v.Events = append(v.Events, store.DocEvent{Source: e.Source, Target: e.Target, SourceCode: e.SourceCode,
			TargetCode: e.TargetCode, SourceName: names[e.Source], TargetName: names[e.Target], SourcePerson: e.SourcePerson,
			TargetPerson: e.TargetPerson, CAMEO: e.CAMEO, Root: e.Root, Name: e.Name, QuadClass: e.QuadClass,
			Goldstein: e.Goldstein, Symmetric: e.Symmetric, Day: day, Date: e.Date, DatePrecision: e.DatePrecision,
			Place: e.Place, Trigger: e.Trigger, TriggerSpan: e.TriggerSpan, Sentence: e.Sentence})
	}
	return v
}

func kindClass(k parley.ActorKind) string {
	switch k {
	case parley.KindPerson:
		return "person"
	case parley.KindCountry:
		return "country"
	}
	return "body"
}
