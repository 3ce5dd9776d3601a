// Command parley turns news articles into event data: actors, quotes and
// CAMEO-coded events, each tied to the bytes of the article that support it.
package main

import (
	"fmt"
	"os"
)

const usage = `parley turns news articles into event data.

Usage:
  parley extract [flags] FILE...   read articles (text, HTML; - for stdin) and print what they say
  parley extract --jsonl           JSON Lines in, one result line per input line out
  parley ingest [flags] SOURCE...  read articles (files, folders, globs, -) into the store (--db, $PARLEY_DB, parley.db)
  parley events [flags]            events across articles (--source RUS --target UKR --code 19 --since 2025-05 ...)
  parley quotes [flags]            quotations (--speaker NAME, --anonymous, --text WORDS)
  parley actors [flags]            persons, countries and organisations across articles (--name, --code)
  parley dyads [flags]             events per source → target pair (--top N, --since, --until)
  parley timeline [flags] A B      events from A to B per day, week, month or year (--by)
  parley export [flags]            every event as GDELT 2.0 columns, CSV or JSON Lines (--format)
  parley serve [flags]             the store on the web: JSON API and pages (--db, --addr 127.0.0.1:8080, --write-token)
  parley version                   print the version

Run 'parley COMMAND -h' for the flags of a command.
`

var version = "dev"

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	var code int
	switch os.Args[1] {
	case "extract":
		code = runExtract(os.Args[2:], os.Stdin, os.Stdout, os.Stderr)
	case "ingest":
		code = runIngest(os.Args[2:], os.Stdout, os.Stderr)
	case "events":
		code = runEvents(os.Args[2:], os.Stdout, os.Stderr)
	case "quotes":
		code = runQuotes(os.Args[2:], os.Stdout, os.Stderr)
	case "actors":
		code = runActors(os.Args[2:], os.Stdout, os.Stderr)
	case "dyads":
		code = runDyads(os.Args[2:], os.Stdout, os.Stderr)
	case "timeline":
		code = runTimeline(os.Args[2:], os.Stdout, os.Stderr)
	case "export":
		code = runExport(os.Args[2:], os.Stdout, os.Stderr)
	case "serve":
		code = runServe(os.Args[2:], os.Stdout, os.Stderr)
	case "version", "--version":
		fmt.Println("parley", version)
	case "help", "-h", "--help":
		fmt.Print(usage)
	default:
		fmt.Fprintf(os.Stderr, "parley: unknown command %q\n\n%s", os.Args[1], usage)
		code = 2
	}
	os.Exit(code)
}

// isTerminal reports whether f is a character device (a terminal), without a
// dependency: the readable format is for people, JSON is for pipes.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
