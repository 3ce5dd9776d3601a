// Package event codes dyadic CAMEO events: who did what to whom, when.
package event

import (
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/actor"
	"github.com/parley-events/parley/lexicon"
)

// Find codes the events of one document.
func Find(lx *lexicon.Lexicon, as *actor.Set, dates []parley.Date, published time.Time) []parley.Event {
	return []parley.Event{}
}
