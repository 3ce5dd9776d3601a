package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"
)

// rowWriter prints the rows of a query in one of the output formats: a
// table for people (columns aligned, long cells clipped to the terminal),
// CSV with a header, a JSON array, or JSON Lines.
type rowWriter struct {
	format string
	out    *bufio.Writer
	header []string
	rows   [][]string // table: held until flush to size the columns
	csv    *csv.Writer
	enc    *json.Encoder
	n      int
	width  int // terminal width, 0 when unknown
}

var queryFormats = []string{"table", "csv", "json", "jsonl"}

func checkFormat(cmd, format string, allowed []string) error {
	for _, f := range allowed {
		if f == format {
			return nil
		}
	}
	return fmt.Errorf("parley %s: unknown format %q (%s)", cmd, format, strings.Join(allowed, ", "))
}

func newRowWriter(w io.Writer, format string, header []string) *rowWriter {
	rw := &rowWriter{format: format, out: bufio.NewWriterSize(w, 64<<10), header: header}
	switch format {
	case "csv":
		rw.csv = csv.NewWriter(rw.out)
		rw.csv.Write(header)
	case "json", "jsonl":
		rw.enc = json.NewEncoder(rw.out)
		rw.enc.SetEscapeHTML(false)
		if format == "json" {
			rw.out.WriteString("[")
		}
	case "table":
		if f, ok := w.(*os.File); ok && isTerminal(f) {
			if wd, _, err := term.GetSize(int(f.Fd())); err == nil {
				rw.width = wd
			}
		}
	}
	return rw
}

// row adds one row: cells for table and CSV, obj for the JSON formats.
func (rw *rowWriter) row(cells []string, obj any) error {
	rw.n++
	switch rw.format {
	case "csv":
		return rw.csv.Write(cells)
	case "json":
		if rw.n > 1 {
			rw.out.WriteString(",")
		}
		rw.out.WriteString("\n")
		b, err := json.Marshal(obj)
		if err != nil {
			return err
		}
		_, err = rw.out.Write(b)
		return err
	case "jsonl":
		return rw.enc.Encode(obj)
	}
	rw.rows = append(rw.rows, cells)
	return nil
}

// flush writes what is held and reports a write error (a closed pipe).
func (rw *rowWriter) flush(empty string) error {
	switch rw.format {
	case "csv":
		rw.csv.Flush()
		if err := rw.csv.Error(); err != nil {
			return err
		}
	case "json":
		if rw.n > 0 {
			rw.out.WriteString("\n")
		}
		rw.out.WriteString("]\n")
	case "table":
		if len(rw.rows) == 0 {
			fmt.Fprintln(rw.out, empty)
			break
		}
		rw.table()
	}
	return rw.out.Flush()
}

func (rw *rowWriter) table() {
	cols := len(rw.header)
	widths := make([]int, cols)
	for _, r := range append([][]string{rw.header}, rw.rows...) {
		for i := 0; i < cols && i < len(r); i++ {
			widths[i] = max(widths[i], utf8.RuneCountInString(r[i]))
		}
	}
	// The last column takes what the terminal has left; the others are
	// clipped at 40 characters.
	used := 0
	for i := 0; i < cols-1; i++ {
		widths[i] = min(widths[i], 40)
		used += widths[i] + 2
	}
	if rw.width > 0 {
		widths[cols-1] = max(min(widths[cols-1], rw.width-used), 10)
	}
	line := func(r []string) {
		var b strings.Builder
		for i := 0; i < cols; i++ {
			c := ""
			if i < len(r) {
				c = strings.Join(strings.Fields(r[i]), " ")
			}
			c = clip(c, widths[i])
			b.WriteString(c)
			if i < cols-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c)+2))
			}
		}
		rw.out.WriteString(strings.TrimRight(b.String(), " "))
		rw.out.WriteByte('\n')
	}
	line(rw.header)
	for _, r := range rw.rows {
		line(r)
	}
}
