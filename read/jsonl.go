package read

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/parley-events/parley"
)

// jsonLine is one JSONL record. id and published may be strings or numbers.
type jsonLine struct {
	ID        json.RawMessage `json:"id"`
	URL       string          `json:"url"`
	Source    string          `json:"source"`
	Title     string          `json:"title"`
	Published json.RawMessage `json:"published"`
	Text      *string         `json:"text"`
	HTML      *string         `json:"html"`
}

// JSONL reads JSON Lines: one object a line with "id", "published",
// "title" and "text" (or "html", which is extracted like a page), and
// optional "url" and "source". fn is called for every non-blank line with
// its 1-based number and the document, or an error naming the line (not
// JSON, no text, too long, empty). A line without id gets the ID "line N".
// A line longer than Options.MaxBytes is skipped without being buffered.
// JSONL returns only read errors, or the first error fn returns.
func JSONL(r io.Reader, opt Options, fn func(line int, d parley.Document, err error) error) error {
	br, ok := r.(*bufio.Reader)
	if !ok || br.Size() < 64<<10 {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	limit := opt.max()
	var buf []byte
	for n := 1; ; n++ {
		line, size, eof, err := readLine(br, &buf, limit)
		if err != nil {
			return err
		}
		if eof && size == 0 {
			return nil
		}
		var ferr error
		switch {
		case size > limit:
			ferr = fn(n, parley.Document{ID: lineID(n)},
				fmt.Errorf("line %d: %w: %d bytes (limit %d)", n, ErrTooLarge, size, limit))
		case isBlank(line):
		default:
			d, derr := jsonDoc(n, line, opt)
			ferr = fn(n, d, derr)
		}
		if ferr != nil {
			return ferr
		}
		if eof {
			return nil
		}
	}
}

// readLine reads the next line. It returns the line without its end (nil
// when over limit: such a line is consumed, never held whole), the line's
// size, and whether the input ended.
func readLine(br *bufio.Reader, buf *[]byte, limit int64) (line []byte, size int64, eof bool, err error) {
	frag, err := br.ReadSlice('\n')
	switch err {
	case nil, io.EOF:
		line = trimEOL(frag)
		return line, int64(len(line)), err == io.EOF, nil
	case bufio.ErrBufferFull:
	default:
		return nil, 0, false, err
	}
	// A long line: gather it in buf, or only count it once over the limit.
	size = int64(len(frag))
	over := size > limit+2
	b := (*buf)[:0]
	if !over {
		b = append(b, frag...)
	}
	for {
		frag, err = br.ReadSlice('\n')
		size += int64(len(frag))
		if !over {
			if size > limit+2 {
				over, b = true, b[:0]
			} else {
				b = append(b, frag...)
			}
		}
		if err != bufio.ErrBufferFull {
			break
		}
	}
	*buf = b
	if err != nil && err != io.EOF {
		return nil, 0, false, err
	}
	if over {
		return nil, size - eolLen(frag), err == io.EOF, nil
	}
	line = trimEOL(b)
	return line, int64(len(line)), err == io.EOF, nil
}

func trimEOL(b []byte) []byte {
	return b[:int64(len(b))-eolLen(b)]
}

func eolLen(b []byte) int64 {
	n := int64(0)
	if len(b) > 0 && b[len(b)-1] == '\n' {
		n++
		if len(b) > 1 && b[len(b)-2] == '\r' {
			n++
		}
	}
	return n
}

func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\f' && c != '\v' {
			return false
		}
	}
	return true
}

func lineID(n int) string { return "line " + strconv.Itoa(n) }

func jsonDoc(n int, line []byte, opt Options) (parley.Document, error) {
	item := lineID(n)
	d := parley.Document{ID: item}
	var j jsonLine
	if err := json.Unmarshal(line, &j); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field == "" {
			return d, fmt.Errorf("line %d: not a JSON object", n)
		}
		if te != nil {
			return d, fmt.Errorf("line %d: field %q: want a string, got JSON %s", n, te.Field, te.Value)
		}
		return d, fmt.Errorf("line %d: not JSON: %v", n, err)
	}
	if id := oneLine(rawString(j.ID)); id != "" {
		d.ID = id
		item = fmt.Sprintf("line %d (id %s)", n, id)
	}
	if opt.Warn != nil && !utf8.Valid(line) {
		opt.warn(item, "invalid UTF-8 replaced by U+FFFD")
	}
	d.URL = oneLine(j.URL)
	d.Source = oneLine(j.Source)
	d.Title = oneLine(j.Title)
	d.Published = NormalizeDate(rawString(j.Published))
	switch {
	case j.Text != nil && *j.Text != "":
		d.Text, _ = normText(*j.Text)
	case j.HTML != nil && *j.HTML != "":
		p, err := page(item, d.URL, "", []byte(*j.HTML), opt)
		d.Text = p.Text
		if d.Title == "" {
			d.Title = p.Title
		}
		if d.Published == "" {
			d.Published = p.Published
		}
		if d.URL == "" {
			d.URL = p.URL
		}
		if d.Source == "" {
			d.Source = p.Source
		}
		if err != nil && !errors.Is(err, ErrEmpty) {
			return d, err
		}
	case j.Text == nil && j.HTML == nil:
		return d, fmt.Errorf("%s: no \"text\" or \"html\" field", item)
	}
	return d, finish(&d, item, opt)
}

// rawString reads a JSON string or number as a string; "" for anything else.
func rawString(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return string(raw)
	}
	return ""
}
