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
  parley version                   print the version

Run 'parley extract -h' for the flags of a command.
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
