// Package data embeds Parley's knowledge: plain TSV files, one checkable fact
// a row, so that a reader can audit and extend them without touching Go code.
// See README.md in this folder for what each file holds.
package data

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
)

//go:embed *.tsv
var files embed.FS

// Row is one data line split on tabs, with the line number it came from.
type Row struct {
	Line   int
	Fields []string
}

// Field returns the i-th field trimmed, or "" when the row is shorter.
func (r Row) Field(i int) string {
	if i < len(r.Fields) {
		return strings.TrimSpace(r.Fields[i])
	}
	return ""
}

// Rows reads a TSV file from the embedded set. Blank lines and lines starting
// with '#' are skipped; the first non-comment line is a header and is skipped too.
func Rows(name string) ([]Row, error) {
	b, err := files.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("data: %w", err)
	}
	var rows []Row
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	header := true
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		rows = append(rows, Row{Line: n, Fields: strings.Split(line, "\t")})
	}
	return rows, sc.Err()
}

// MustRows is Rows for files that are part of the binary: a missing or
// unreadable embedded file is a build defect, not a run-time condition.
func MustRows(name string) []Row {
	rows, err := Rows(name)
	if err != nil {
		panic(err)
	}
	return rows
}

// Names lists the embedded data files.
func Names() []string {
	entries, _ := files.ReadDir(".")
	out := make([]string, 0, len(entries))
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}
