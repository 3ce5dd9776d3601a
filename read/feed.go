package read

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"

	"github.com/parley-events/parley"
)

// Feed reads an RSS, Atom, RDF or JSON feed: one document per item, with
// ID from the guid (else the link, else "name#N"), URL from the link, Title,
// Published from the item's published (else updated) date, Text from its
// content (else description), converted from HTML when it is HTML, and
// Source the feed's title. Items that fail (no text, too large) are left
// out and reported in the returned error, together with any parse error.
func Feed(name string, r io.Reader, opt Options) ([]parley.Document, error) {
	var docs []parley.Document
	var errs []error
	err := feedItems(name, r, opt, func(_ int, d parley.Document, err error) error {
		if err != nil {
			errs = append(errs, err)
		} else {
			docs = append(docs, d)
		}
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	return docs, errors.Join(errs...)
}

// feedItems calls fn for each item (1-based index); it returns a parse
// error of the whole feed, or the first error fn returns.
func feedItems(name string, r io.Reader, opt Options, fn func(i int, d parley.Document, err error) error) (err error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if !utf8.Valid(b) && !declaresCharset(b) {
		opt.warn(name, "invalid UTF-8 replaced by U+FFFD")
		b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	var f *gofeed.Feed
	func() {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("%s: feed parser failed: %v", name, p)
			}
		}()
		f, err = gofeed.NewParser().Parse(bytes.NewReader(b))
	}()
	if err != nil {
		return fmt.Errorf("%s: not a readable feed: %w", name, err)
	}
	if f == nil {
		return fmt.Errorf("%s: not a readable feed", name)
	}
	source := oneLine(f.Title)
	for i, it := range f.Items {
		if it == nil {
			continue
		}
		d := feedDoc(name, i+1, source, it)
		item := fmt.Sprintf("%s item %d", name, i+1)
		if ferr := fn(i+1, d, finish(&d, item, opt)); ferr != nil {
			return ferr
		}
	}
	return nil
}

func feedDoc(name string, i int, source string, it *gofeed.Item) parley.Document {
	d := parley.Document{
		ID:     oneLine(it.GUID),
		URL:    oneLine(it.Link),
		Source: source,
		Title:  oneLine(it.Title),
	}
	if d.URL == "" && len(it.Links) > 0 {
		d.URL = oneLine(it.Links[0])
	}
	if d.ID == "" {
		d.ID = d.URL
	}
	if d.ID == "" {
		d.ID = fmt.Sprintf("%s#%d", name, i)
	}
	if strings.ContainsAny(d.Title, "<&") {
		d.Title = oneLine(htmlToText(d.Title))
	}
	d.Published = NormalizeDate(it.Published)
	if d.Published == "" && it.PublishedParsed != nil {
		d.Published = it.PublishedParsed.Format("2006-01-02")
	}
	if d.Published == "" {
		d.Published = NormalizeDate(it.Updated)
	}
	if d.Published == "" && it.UpdatedParsed != nil {
		d.Published = it.UpdatedParsed.Format("2006-01-02")
	}
	body := it.Content
	if strings.TrimSpace(body) == "" {
		body = it.Description
	}
	if looksHTML(body) {
		d.Text = htmlToText(body)
	} else {
		d.Text, _ = normText(body)
	}
	return d
}

// looksHTML reports markup or character references in a feed's text.
func looksHTML(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '<':
			if i+1 < len(s) && (isLetter(s[i+1]) || s[i+1] == '/' || s[i+1] == '!') {
				return true
			}
		case '&':
			if j := strings.IndexByte(s[i:], ';'); j > 1 && j < 10 {
				return true
			}
		}
	}
	return false
}

func isLetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

// declaresCharset reports an XML declaration naming an encoding other than UTF-8.
func declaresCharset(b []byte) bool {
	head := bytes.ToLower(b[:min(len(b), 256)])
	i := bytes.Index(head, []byte("encoding="))
	if i < 0 || !bytes.HasPrefix(bytes.TrimLeft(head, " \t\r\n\xef\xbb\xbf"), []byte("<?xml")) {
		return false
	}
	v := bytes.Trim(head[i+len("encoding="):min(len(head), i+len("encoding=")+12)], "\"' ")
	return !bytes.HasPrefix(v, []byte("utf-8")) && !bytes.HasPrefix(v, []byte("utf8"))
}
