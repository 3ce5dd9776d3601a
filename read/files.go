package read

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/parley-events/parley"
)

// Files reads every source: a file, a folder (recursively, in lexical
// order, skipping hidden entries), a glob pattern, or "-" for standard input.
// Each file's format is told by Sniff; gzipped files are decompressed.
// fn gets each document with its origin, or an error for a file or item
// that could not be read; the walk goes on after errors. The origin is the
// path ("-" for standard input), "path:N" for line N of a JSONL file, and
// "path#N" for the Nth item of a feed or the Nth HTML page of a WARC (a
// WARC's own read error comes with the bare path). A text or HTML file's
// document has the path as its ID. Files returns only the first error fn
// returns.
func Files(sources []string, opt Options, fn func(origin string, d parley.Document, err error) error) error {
	for _, src := range sources {
		if err := source(src, opt, fn); err != nil {
			return err
		}
	}
	return nil
}

type stopError struct{ err error }

func (s stopError) Error() string { return s.err.Error() }

func source(src string, opt Options, fn func(string, parley.Document, error) error) error {
	if src == "-" {
		return stream("-", os.Stdin, -1, opt, fn)
	}
	info, err := os.Stat(src)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && strings.ContainsAny(src, "*?[") {
			matches, gerr := filepath.Glob(src)
			if gerr != nil {
				return fn(src, parley.Document{}, fmt.Errorf("%s: %w", src, gerr))
			}
			if len(matches) == 0 {
				return fn(src, parley.Document{}, fmt.Errorf("%s: no file matches", src))
			}
			for _, m := range matches {
				if err := source(m, opt, fn); err != nil {
					return err
				}
			}
			return nil
		}
		return fn(src, parley.Document{}, err)
	}
	if !info.IsDir() {
		return file(src, opt, fn)
	}
	err = filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if ferr := fn(path, parley.Document{}, err); ferr != nil {
				return stopError{ferr}
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if path != src && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			// Follow symbolic links to files; skip devices, sockets, pipes.
			if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() {
				return nil
			}
		}
		if ferr := file(path, opt, fn); ferr != nil {
			return stopError{ferr}
		}
		return nil
	})
	var stop stopError
	if errors.As(err, &stop) {
		return stop.err
	}
	return err
}

func file(path string, opt Options, fn func(string, parley.Document, error) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fn(path, parley.Document{}, err)
	}
	defer f.Close()
	size := int64(-1)
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	return stream(path, f, size, opt, fn)
}

// stream reads one input of any format; size is -1 when unknown.
func stream(origin string, r io.Reader, size int64, opt Options, fn func(string, parley.Document, error) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(SniffLen)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return fn(origin, parley.Document{}, fmt.Errorf("%s: %w", origin, err))
	}
	format := Sniff(head)
	if isGzip(head) && format != FormatWARC {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fn(origin, parley.Document{}, fmt.Errorf("%s: gzip: %w", origin, err))
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 64<<10)
		head, _ = br.Peek(SniffLen)
		format, size = Sniff(head), -1
		if isGzip(head) {
			format = FormatUnknown
		}
	}
	switch format {
	case FormatText, FormatHTML:
		limit := opt.max()
		if size > limit {
			return fn(origin, parley.Document{ID: origin}, fmt.Errorf("%s: %w: %d bytes (limit %d)", origin, ErrTooLarge, size, limit))
		}
		b, err := io.ReadAll(io.LimitReader(br, limit+1))
		if err != nil {
			return fn(origin, parley.Document{ID: origin}, fmt.Errorf("%s: %w", origin, err))
		}
		if int64(len(b)) > limit {
			n, _ := io.Copy(io.Discard, br)
			return fn(origin, parley.Document{ID: origin}, fmt.Errorf("%s: %w: %d bytes (limit %d)", origin, ErrTooLarge, int64(len(b))+n, limit))
		}
		d, err := Article(origin, b, opt)
		return fn(origin, d, err)
	case FormatJSONL:
		err := JSONL(br, opt, func(line int, d parley.Document, err error) error {
			if ferr := fn(origin+":"+strconv.Itoa(line), d, prefix(origin, err)); ferr != nil {
				return stopError{ferr}
			}
			return nil
		})
		return afterItems(origin, err, fn)
	case FormatFeed:
		err := feedItems(origin, br, opt, func(i int, d parley.Document, err error) error {
			if ferr := fn(origin+"#"+strconv.Itoa(i), d, err); ferr != nil {
				return stopError{ferr}
			}
			return nil
		})
		return afterItems(origin, err, fn)
	case FormatWARC:
		n := 0
		err := WARC(origin, br, opt, func(d parley.Document, err error) error {
			n++
			if ferr := fn(origin+"#"+strconv.Itoa(n), d, err); ferr != nil {
				return stopError{ferr}
			}
			return nil
		})
		return afterItems(origin, err, fn)
	}
	return fn(origin, parley.Document{}, fmt.Errorf("%s: %w (binary?)", origin, ErrUnknownFormat))
}

// afterItems passes a reader's own error to fn and unwraps fn's stop.
func afterItems(origin string, err error, fn func(string, parley.Document, error) error) error {
	var stop stopError
	if errors.As(err, &stop) {
		return stop.err
	}
	if err != nil {
		if !strings.HasPrefix(err.Error(), origin) {
			err = fmt.Errorf("%s: %w", origin, err)
		}
		return fn(origin, parley.Document{}, err)
	}
	return nil
}

func prefix(origin string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", origin, err)
}
