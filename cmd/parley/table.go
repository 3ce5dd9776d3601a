package main

import (
	"bufio"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/parley-events/parley"
)

// writeTable prints a result for a person at a terminal: events first, as
// analysts scan them, then quotes with their speakers, then the actors.
func writeTable(w *bufio.Writer, r parley.Result) error {
	fmt.Fprintf(w, "── %s", r.ID)
	if r.Title != "" {
		fmt.Fprintf(w, "  %s", r.Title)
	}
	if r.Published != "" {
		fmt.Fprintf(w, "  (%s)", r.Published)
	}
	fmt.Fprintln(w)
	names := map[string]parley.Actor{}
	for _, a := range r.Actors {
		names[a.ID] = a
	}
	if len(r.Events) > 0 {
		fmt.Fprintln(w, "Events")
		for _, e := range r.Events {
			arrow := "→"
			if e.Symmetric {
				arrow = "⇄"
			}
			date := e.Date
			if date == "" {
				date = "—"
			}
			fmt.Fprintf(w, "  %-10s  %-6s %s %-6s  %-4s %-30s  \"%s\"\n", date, e.SourceCode, arrow, e.TargetCode,
				e.CAMEO, clip(e.Name, 30), clip(e.Trigger, 60))
		}
	}
	if len(r.Quotes) > 0 {
		fmt.Fprintln(w, "Quotes")
		for _, q := range r.Quotes {
			who := "(unattributed)"
			if q.Speaker != nil {
				who = names[*q.Speaker].Name
			} else if q.Anonymous {
				who = "anonymous: " + q.SpeakerText
			}
			fmt.Fprintf(w, "  %s: “%s”\n", who, clip(strings.Join(strings.Fields(q.Text), " "), 100))
		}
	}
	var persons []string
	for _, a := range r.Actors {
		if a.Kind == parley.KindPerson {
			s := a.Name
			if a.Title != "" {
				s += ", " + a.Title
			}
			if a.Code != "" {
				s += " [" + a.Code + "]"
			}
			persons = append(persons, s)
		}
	}
	if len(persons) > 0 {
		fmt.Fprintln(w, "Persons")
		for _, p := range persons {
			fmt.Fprintf(w, "  %s\n", p)
		}
	}
	if r.Error != "" {
		fmt.Fprintf(w, "Error: %s\n", r.Error)
	}
	fmt.Fprintln(w)
	return nil
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
