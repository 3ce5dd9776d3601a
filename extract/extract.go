// Package extract runs the whole reading of one article: segment, mentions,
// actors, quotes, events. It is the one entry point the command line, the
// store and the web server call.
package extract

import (
	"fmt"
	"runtime/debug"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/actor"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/lexicon"
	"github.com/parley-events/parley/mention"
	"github.com/parley-events/parley/quote"
	"github.com/parley-events/parley/timex"
)

// Document reads one article. It never panics: a defect met on some input is
// returned as the result's Error, so that one bad article cannot stop a run.
func Document(doc parley.Document) (res parley.Result) {
	res = parley.Result{ID: doc.ID, Title: doc.Title, Published: doc.Published,
		Actors: []parley.Actor{}, Quotes: []parley.Quote{}, Events: []parley.Event{}}
	defer func() {
		if r := recover(); r != nil {
			res = parley.Result{ID: doc.ID, Actors: []parley.Actor{}, Quotes: []parley.Quote{}, Events: []parley.Event{},
				Error: fmt.Sprintf("internal error: %v\n%s", r, debug.Stack())}
		}
	}()
	lx := lexicon.Default()
	var pub time.Time
	if doc.Published != "" {
		if t, ok := timex.ParsePublished(doc.Published); ok {
			pub = t
			res.Published = t.Format("2006-01-02")
		}
	}
	d := lx.Split(doc.Text)
	dates := timex.Find(doc.Text, pub)
	ms := mention.Find(lx, d, dates)
	as := actor.Build(lx, ms)
	res.Quotes = quote.Find(lx, as)
	res.Events = event.Find(lx, as, dates, pub, res.Quotes)
	res.Actors = as.Export()
	res.Dates = dates
	return res
}
