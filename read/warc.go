package read

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http/httputil"
	"strings"

	"github.com/nlnwa/gowarc/v3"

	"github.com/parley-events/parley"
)

// WARC reads a WARC file, plain or gzipped (per record or as a whole). Each
// response record holding an HTML page (Content-Type text/html or
// application/xhtml+xml) with HTTP status 200 becomes a document via the
// HTML reader, with URL and ID the WARC-Target-URI; Published comes from the
// page only. Other records are skipped silently. fn gets each document, or
// an error naming the record. WARC returns an error when the file is
// truncated or corrupt (after the documents read so far), or the first
// error fn returns.
func WARC(name string, r io.Reader, opt Options, fn func(d parley.Document, err error) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var src io.Reader = br
	var zr *stickyReader
	if head, _ := br.Peek(2); isGzip(head) {
		z, err := gzip.NewReader(br) // multistream: per-record members are read in turn
		if err != nil {
			return fmt.Errorf("%s: gzip: %w", name, err)
		}
		zr = &stickyReader{r: z}
		src = zr
	}
	wr, err := gowarc.NewWarcFileReaderFromStream(src, 0, gowarc.WithBufferMaxMemBytes(4<<20))
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer wr.Close()
	where := func(n int, off int64) string {
		if zr != nil {
			return fmt.Sprintf("%s: record %d at uncompressed offset %d", name, n, off)
		}
		return fmt.Sprintf("%s: record %d at offset %d", name, n, off)
	}
	for n := 1; ; n++ {
		rec, err := wr.Next()
		// Records read ahead of a broken gzip stream are sound; blame the
		// gzip error only where a record comes out short.
		truncated := func(detail string) error {
			closeRecord(rec)
			if zr != nil && zr.err != nil && zr.err != io.EOF {
				detail = "gzip: " + zr.err.Error()
			}
			return fmt.Errorf("%s: %w: %s", where(n, rec.Offset), ErrTruncated, detail)
		}
		if err == io.EOF {
			if zr != nil && zr.err != nil && zr.err != io.EOF {
				return truncated("")
			}
			closeRecord(rec)
			return nil
		}
		if err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) || (zr != nil && zr.err != nil && zr.err != io.EOF) {
				return truncated(err.Error())
			}
			closeRecord(rec)
			return fmt.Errorf("%s: corrupt: %w", where(n, rec.Offset), err)
		}
		if h := rec.WarcRecord.WarcHeader(); !h.Has(gowarc.ContentLength) || !h.Has(gowarc.WarcType) {
			if zr != nil && zr.err != nil && zr.err != io.EOF {
				return truncated("")
			}
			closeRecord(rec)
			return fmt.Errorf("%s: corrupt or truncated record: no WARC-Type or Content-Length", where(n, rec.Offset))
		}
		for _, v := range rec.Validation {
			var cl *gowarc.ContentLengthError
			if errors.As(v, &cl) && cl.Actual < cl.Expected {
				return truncated(fmt.Sprintf("block has %d of %d bytes", cl.Actual, cl.Expected))
			}
		}
		d, derr, ok := warcDoc(rec.WarcRecord, where(n, rec.Offset), opt)
		closeRecord(rec)
		if ok {
			if ferr := fn(d, derr); ferr != nil {
				return ferr
			}
		}
	}
}

func closeRecord(rec gowarc.Record) {
	if rec.WarcRecord != nil {
		_ = rec.WarcRecord.Close()
	}
}

// stickyReader remembers the first error of its reader.
type stickyReader struct {
	r   io.Reader
	err error
}

func (s *stickyReader) Read(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.r.Read(p)
	if err != nil {
		s.err = err
	}
	return n, err
}

// warcDoc turns one record into a document; ok is false for records that
// are not HTML pages.
func warcDoc(rec gowarc.WarcRecord, where string, opt Options) (d parley.Document, err error, ok bool) {
	url := strings.Trim(rec.WarcHeader().Get(gowarc.WarcTargetURI), "<> ")
	item := where
	if url != "" {
		item = where + " (" + url + ")"
	}
	d = parley.Document{ID: url, URL: url}

	var body io.Reader
	var contentType, transfer, encoding string
	switch rec.Type() {
	case gowarc.Response:
		blk, isHTTP := rec.Block().(gowarc.HttpResponseBlock)
		if !isHTTP || blk.HttpHeader() == nil || blk.HttpStatusCode() != 200 {
			return d, nil, false
		}
		h := blk.HttpHeader()
		contentType = h.Get("Content-Type")
		// The parsed header drops Transfer-Encoding; look at the raw one.
		transfer = strings.ToLower(h.Get("Transfer-Encoding") + " " + headerValue(blk.ProtocolHeaderBytes(), "transfer-encoding"))
		encoding = strings.ToLower(strings.TrimSpace(h.Get("Content-Encoding")))
		if body, err = blk.PayloadBytes(); err != nil {
			return d, fmt.Errorf("%s: %w", item, err), true
		}
	case gowarc.Resource:
		contentType = rec.WarcHeader().Get(gowarc.ContentType)
		if body, err = rec.Block().RawBytes(); err != nil {
			return d, fmt.Errorf("%s: %w", item, err), true
		}
	default:
		return d, nil, false
	}
	if contentType != "" && !isHTMLType(contentType) {
		return d, nil, false
	}

	limit := opt.max()
	raw, err := io.ReadAll(io.LimitReader(body, limit*4+1))
	if err != nil {
		return d, fmt.Errorf("%s: %w", item, err), true
	}
	if strings.Contains(transfer, "chunked") {
		if un, err := io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(raw))); err == nil {
			raw = un
		}
	}
	if encoding != "" && encoding != "identity" {
		if raw, err = decodeBody(raw, encoding, limit); err != nil {
			return d, fmt.Errorf("%s: %w", item, err), true
		}
	}
	if contentType == "" && Sniff(raw[:min(len(raw), SniffLen)]) != FormatHTML {
		return d, nil, false
	}
	if int64(len(raw)) > limit {
		return d, fmt.Errorf("%s: %w: page over %d bytes", item, ErrTooLarge, limit), true
	}
	d, err = HTMLPage(item, url, contentType, raw, opt)
	return d, err, true
}

// headerValue finds a field in raw HTTP header bytes (lower-cased name).
func headerValue(raw []byte, name string) string {
	for _, line := range bytes.Split(raw, []byte("\n")) {
		k, v, ok := bytes.Cut(line, []byte(":"))
		if ok && strings.EqualFold(string(bytes.TrimSpace(k)), name) {
			return string(bytes.TrimSpace(v))
		}
	}
	return ""
}

func isHTMLType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// decodeBody undoes an HTTP Content-Encoding.
func decodeBody(b []byte, encoding string, limit int64) ([]byte, error) {
	var r io.Reader
	switch encoding {
	case "gzip", "x-gzip":
		z, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("content-encoding gzip: %w", err)
		}
		r = z
	case "deflate":
		if z, err := zlib.NewReader(bytes.NewReader(b)); err == nil {
			r = z
		} else {
			r = flate.NewReader(bytes.NewReader(b))
		}
	default:
		return nil, fmt.Errorf("unsupported content-encoding %q", encoding)
	}
	out, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil && len(out) == 0 {
		return nil, fmt.Errorf("content-encoding %s: %w", encoding, err)
	}
	return out, nil
}
