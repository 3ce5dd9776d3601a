// Package read turns every input format Parley accepts into parley.Document:
// plain text, HTML pages, JSON Lines, RSS/Atom/JSON feeds and WARC archives
// (plain or gzipped).
//
// Every reader produces Text as plain UTF-8 with "\n" line ends and
// paragraphs separated by a blank line, Published as YYYY-MM-DD or "".
// Invalid UTF-8 is replaced by U+FFFD (see Clean and Options.Warn).
package read

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parley-events/parley"
)

// DefaultMaxBytes is the per-article size limit used when Options.MaxBytes is 0.
const DefaultMaxBytes = 20 << 20

// Errors the readers wrap; test with errors.Is.
var (
	ErrEmpty         = errors.New("empty")           // no text after extraction
	ErrTooLarge      = errors.New("too large")       // over Options.MaxBytes
	ErrUnknownFormat = errors.New("unknown format")  // binary or unrecognised input
	ErrTruncated     = errors.New("truncated input") // a WARC or gzip stream ends mid-record
)

// Options tune every reader. The zero value is ready to use.
type Options struct {
	// Published fills Document.Published when the input gives no date.
	// It is normalised like any other date (YYYY-MM-DD when it parses).
	Published string
	// MaxBytes limits one article (a text or HTML file, a JSONL line, a feed
	// item, a WARC record's payload). 0 means DefaultMaxBytes.
	MaxBytes int64
	// Warn, if set, is called when an input had to be repaired (invalid UTF-8
	// replaced by U+FFFD). item names the file, line or record. Optional.
	Warn func(item, msg string)
}

func (o Options) max() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

func (o Options) warn(item, msg string) {
	if o.Warn != nil {
		o.Warn(item, msg)
	}
}

// Format is an input format, as told by Sniff.
type Format int

const (
	FormatUnknown Format = iota // binary or unrecognised
	FormatText                  // plain text
	FormatHTML                  // an HTML (or XHTML) page
	FormatJSONL                 // JSON Lines, one article per line
	FormatFeed                  // RSS, Atom, RDF or JSON Feed
	FormatWARC                  // WARC archive, plain or gzipped
)

var formatNames = [...]string{"unknown", "text", "html", "jsonl", "feed", "warc"}

func (f Format) String() string {
	if f < 0 || int(f) >= len(formatNames) {
		return fmt.Sprintf("Format(%d)", int(f))
	}
	return formatNames[f]
}

// ParseFormat is the inverse of Format.String (case-insensitive; also
// accepts "txt", "htm", "json", "ndjson", "rss", "atom").
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "text", "txt", "plain":
		return FormatText, nil
	case "html", "htm", "xhtml":
		return FormatHTML, nil
	case "jsonl", "json", "ndjson":
		return FormatJSONL, nil
	case "feed", "rss", "atom":
		return FormatFeed, nil
	case "warc":
		return FormatWARC, nil
	}
	return FormatUnknown, fmt.Errorf("%w %q", ErrUnknownFormat, s)
}

// SniffLen is how many leading bytes Sniff wants to see.
const SniffLen = 8 << 10

// Sniff tells the format of an input from its first bytes (SniffLen is
// plenty). A gzip stream holding a WARC is WARC; any other gzip stream is
// sniffed by what it decompresses to (Files decompresses such files).
func Sniff(head []byte) Format {
	if isGzip(head) {
		inner := gunzipHead(head)
		if isGzip(inner) || len(inner) == 0 {
			return FormatUnknown
		}
		return Sniff(inner)
	}
	if bytes.HasPrefix(head, []byte("WARC/")) {
		return FormatWARC
	}
	if d, ok := decodeUTF16(head); ok {
		head = d
	}
	head = bytes.TrimPrefix(head, utf8BOM)
	if isBinary(head) {
		return FormatUnknown
	}
	s := bytes.TrimLeft(head, " \t\r\n\f")
	if len(s) == 0 {
		return FormatText
	}
	switch s[0] {
	case '{':
		if isJSONFeed(s) {
			return FormatFeed
		}
		if looksJSONLine(s) {
			return FormatJSONL
		}
		return FormatText
	case '<':
		low := bytes.ToLower(s[:min(len(s), 2048)])
		if f := markupFormat(low); f != FormatUnknown {
			return f
		}
	}
	if countTags(bytes.ToLower(s)) >= 3 {
		return FormatHTML
	}
	return FormatText
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

func isGzip(b []byte) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }

// gunzipHead decompresses as much of a gzip prefix as it can.
func gunzipHead(head []byte) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(head))
	if err != nil {
		return nil
	}
	out, _ := io.ReadAll(io.LimitReader(zr, SniffLen))
	return out
}

// markupFormat tells a document that starts with '<' (lower-cased head).
func markupFormat(low []byte) Format {
	// Skip an XML declaration, comments, processing instructions and doctype
	// other than html to reach the root element.
	rest := low
	for {
		rest = bytes.TrimLeft(rest, " \t\r\n\f")
		switch {
		case bytes.HasPrefix(rest, []byte("<!doctype html")), bytes.HasPrefix(rest, []byte("<html")):
			return FormatHTML
		case bytes.HasPrefix(rest, []byte("<rss")), bytes.HasPrefix(rest, []byte("<feed")),
			bytes.HasPrefix(rest, []byte("<rdf:rdf")):
			return FormatFeed
		case bytes.HasPrefix(rest, []byte("<?")):
			i := bytes.Index(rest, []byte("?>"))
			if i < 0 {
				return fallbackMarkup(low)
			}
			rest = rest[i+2:]
		case bytes.HasPrefix(rest, []byte("<!--")):
			i := bytes.Index(rest, []byte("-->"))
			if i < 0 {
				return fallbackMarkup(low)
			}
			rest = rest[i+3:]
		case bytes.HasPrefix(rest, []byte("<!")):
			i := bytes.IndexByte(rest, '>')
			if i < 0 {
				return fallbackMarkup(low)
			}
			rest = rest[i+1:]
		default:
			return fallbackMarkup(low)
		}
	}
}

func fallbackMarkup(low []byte) Format {
	if bytes.HasPrefix(low, []byte("<?xml")) {
		if bytes.Contains(low, []byte("<rss")) || bytes.Contains(low, []byte("<feed")) ||
			bytes.Contains(low, []byte("<rdf:rdf")) {
			return FormatFeed
		}
		return FormatHTML // other XML: XHTML or close enough to extract text from
	}
	if bytes.Contains(low, []byte("<html")) || bytes.Contains(low, []byte("<body")) {
		return FormatHTML
	}
	return FormatUnknown
}

var commonTags = [][]byte{
	[]byte("<p>"), []byte("<p "), []byte("</p>"), []byte("<div"), []byte("</div>"), []byte("<br"),
	[]byte("<span"), []byte("<a href"), []byte("</a>"), []byte("<h1"), []byte("<h2"), []byte("<h3"),
	[]byte("<li>"), []byte("<ul>"), []byte("<meta "), []byte("<title>"), []byte("<head>"),
	[]byte("<body"), []byte("<article"), []byte("<script"), []byte("<em>"), []byte("<strong>"),
	[]byte("<b>"), []byte("<i>"), []byte("<table"), []byte("<section"),
}

// countTags counts well-known HTML tags in a lower-cased head.
func countTags(low []byte) int {
	n := 0
	for _, t := range commonTags {
		n += bytes.Count(low, t)
		if n >= 3 {
			break
		}
	}
	return n
}

// isBinary reports NUL bytes, many control characters or mostly non-UTF-8.
func isBinary(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	if bytes.HasPrefix(b, []byte("%PDF-")) || bytes.HasPrefix(b, []byte("PK\x03\x04")) {
		return true
	}
	ctl, bad, high := 0, 0, 0
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b) || c == 0x7f {
				ctl++
			}
			i++
			continue
		}
		high++
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			if len(b)-i < utf8.UTFMax && !utf8.FullRune(b[i:]) {
				break // cut-off rune at the end of the head
			}
			bad++
		}
		i += size
	}
	return ctl*20 > len(b) || bad*4 > len(b)
}

// decodeUTF16 decodes input that starts with a UTF-16 byte-order mark.
func decodeUTF16(b []byte) ([]byte, bool) {
	if len(b) < 2 {
		return nil, false
	}
	var be bool
	switch {
	case b[0] == 0xFE && b[1] == 0xFF:
		be = true
	case b[0] == 0xFF && b[1] == 0xFE:
	default:
		return nil, false
	}
	b = b[2:]
	out := make([]byte, 0, len(b)/2+8)
	var pend rune = -1
	for i := 0; i+1 < len(b); i += 2 {
		var u rune
		if be {
			u = rune(b[i])<<8 | rune(b[i+1])
		} else {
			u = rune(b[i+1])<<8 | rune(b[i])
		}
		switch {
		case u >= 0xD800 && u < 0xDC00:
			if pend >= 0 {
				out = utf8.AppendRune(out, utf8.RuneError)
			}
			pend = u
			continue
		case u >= 0xDC00 && u < 0xE000:
			if pend >= 0 {
				u = (pend-0xD800)<<10 + (u - 0xDC00) + 0x10000
			} else {
				u = utf8.RuneError
			}
		default:
			if pend >= 0 {
				out = utf8.AppendRune(out, utf8.RuneError)
			}
		}
		pend = -1
		out = utf8.AppendRune(out, u)
	}
	return out, true
}

func isJSONFeed(s []byte) bool {
	s = s[:min(len(s), 1024)]
	return bytes.Contains(s, []byte(`"version"`)) && bytes.Contains(s, []byte("jsonfeed.org/version"))
}

// looksJSONLine reports whether the first line of s is a JSON object, or a
// valid prefix of one when the line runs past the head.
func looksJSONLine(s []byte) bool {
	line := s
	complete := false
	if i := bytes.IndexByte(s, '\n'); i >= 0 {
		line, complete = s[:i], true
	}
	line = bytes.TrimRight(line, " \t\r")
	if complete || len(s) < SniffLen/2 {
		// A short head holds the whole input.
		return json.Valid(line) && line[len(line)-1] == '}'
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	for {
		_, err := dec.Token()
		if err == nil {
			continue
		}
		return err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF)
	}
}

// Clean replaces invalid UTF-8 by U+FFFD and reports whether it had to.
func Clean(s string) (string, bool) {
	if utf8.ValidString(s) {
		return s, false
	}
	return strings.ToValidUTF8(s, "\uFFFD"), true
}

// normText cleans a body of plain text: valid UTF-8, "\n" line ends, no
// surrounding blank space.
func normText(s string) (string, bool) {
	s, bad := Clean(s)
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return strings.TrimSpace(s), bad
}

// oneLine cleans a short field (title, id, source): valid UTF-8, white space
// collapsed to single spaces.
func oneLine(s string) string {
	s, _ = Clean(s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' || c == '\r' || c == '\t' || (c == ' ' && i+1 < len(s) && s[i+1] == ' ') || c >= utf8.RuneSelf {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return strings.TrimSpace(s)
}

// finish applies the rules every reader shares and checks the result.
func finish(d *parley.Document, item string, opt Options) error {
	if d.Published == "" && opt.Published != "" {
		if p := NormalizeDate(opt.Published); p != "" {
			d.Published = p
		} else {
			d.Published = opt.Published
		}
	}
	if d.Source == "" && d.URL != "" {
		d.Source = d.Host()
	}
	if d.Text == "" {
		return fmt.Errorf("%s: %w", item, ErrEmpty)
	}
	if int64(len(d.Text)) > opt.max() {
		return fmt.Errorf("%s: %w: %d bytes of text (limit %d)", item, ErrTooLarge, len(d.Text), opt.max())
	}
	return nil
}

// NormalizeDate turns a date or timestamp into YYYY-MM-DD, keeping the day
// as written (no conversion to another time zone). It returns "" when s does
// not parse. Accepted: 2006-01-02 optionally followed by a time ("T" or " "
// separated, any zone), RFC 3339, RFC 1123/1123Z/822/850, ANSIC, and a few
// spelled-out forms ("January 2, 2006", "2 Jan 2006").
func NormalizeDate(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		if len(s) == 10 || ((s[10] == 'T' || s[10] == 't' || s[10] == ' ') && len(s) > 11 && isDigit(s[11])) {
			if validYMD(s[:10]) {
				return s[:10]
			}
			return ""
		}
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02")
		}
	}
	return ""
}

var dateLayouts = []string{
	time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700", "Mon, 2 Jan 2006 15:04 MST", "2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST", time.RFC822Z, time.RFC822, time.RFC850, time.ANSIC, time.UnixDate,
	"January 2, 2006", "Jan 2, 2006", "2 January 2006", "2 Jan 2006", "Monday, January 2, 2006",
	"January 2, 2006 15:04", "January 2, 2006 3:04 PM", "Jan. 2, 2006", "2006/01/02", "20060102",
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func validYMD(s string) bool {
	for _, i := range [...]int{0, 1, 2, 3, 5, 6, 8, 9} {
		if !isDigit(s[i]) {
			return false
		}
	}
	y := int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
	m := int(s[5]-'0')*10 + int(s[6]-'0')
	d := int(s[8]-'0')*10 + int(s[9]-'0')
	if y == 0 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
