package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/parley-events/parley/store"
)

// gdeltColumns are the 61 columns of a GDELT 2.0 event file, in order.
var gdeltColumns = []string{
	"GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
	"Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
	"Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"NumMentions", "NumSources", "NumArticles", "AvgTone",
	"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
	"Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
	"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
	"Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
	"ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
	"DATEADDED", "SOURCEURL",
}

var gdeltIndex = func() map[string]int {
	m := map[string]int{}
	for i, c := range gdeltColumns {
		m[c] = i
	}
	return m
}()

// gdeltRow fills the GDELT columns Parley knows; the others stay empty
// (tone, geography other than the place's name, ethnic and religious codes).
func gdeltRow(e store.EventRow) []string {
	r := make([]string, len(gdeltColumns))
	set := func(col, v string) { r[gdeltIndex[col]] = v }
	set("GlobalEventID", strconv.FormatInt(e.ID, 10))
	if t, err := time.Parse("2006-01-02", e.Day); err == nil {
		set("Day", t.Format("20060102"))
		set("MonthYear", t.Format("200601"))
		set("Year", t.Format("2006"))
		set("FractionDate", strconv.FormatFloat(float64(t.Year())+float64(t.YearDay())/365, 'f', 4, 64))
	}
	actor := func(n, code, name, country string) {
		set("Actor"+n+"Code", code)
		set("Actor"+n+"Name", strings.ToUpper(name))
		set("Actor"+n+"CountryCode", country)
		switch {
		case country != "" && strings.HasPrefix(code, country) && len(code) >= len(country)+3:
			set("Actor"+n+"Type1Code", code[len(country):len(country)+3])
		case country == "" && code != "":
			set("Actor"+n+"KnownGroupCode", code)
		}
	}
	actor("1", e.SourceCode, e.SourceName, e.SourceCountry)
	actor("2", e.TargetCode, e.TargetName, e.TargetCountry)
	set("IsRootEvent", boolDigit(e.IsRoot))
	code := e.CAMEO
	if len(code) == 2 {
		code += "0" // a root-level code: "04" is written "040", as in the CAMEO codebook
	}
	set("EventCode", code)
	set("EventBaseCode", code[:min(3, len(code))])
	root := e.Root
	if root == "" && len(code) >= 2 {
		root = code[:2]
	}
	set("EventRootCode", root)
	set("QuadClass", strconv.Itoa(e.QuadClass))
	set("GoldsteinScale", strconv.FormatFloat(e.Goldstein, 'f', 1, 64))
	set("NumMentions", strconv.Itoa(e.NumMentions))
	set("NumSources", strconv.Itoa(e.NumSources))
	set("NumArticles", strconv.Itoa(e.NumArticles))
	set("ActionGeo_FullName", e.Place)
	if t, err := time.Parse(time.RFC3339, e.Added); err == nil {
		set("DATEADDED", t.UTC().Format("20060102150405"))
	}
	set("SOURCEURL", e.URL)
	for i, v := range r {
		r[i] = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(v)
	}
	return r
}

func boolDigit(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func runExport(args []string, stdout, stderr io.Writer) int {
	formats := []string{"gdelt", "csv", "jsonl"}
	q := newQueryCmd("export", `export [flags]   (every event, in id order:
  gdelt  GDELT 2.0 event columns, tab-separated, no header, empty where Parley knows nothing
  csv    the same columns, comma-separated, with a header
  jsonl  one event a line, with Parley's own fields)`, stderr, formats)
	var ef eventFlags
	ef.register(q.fs, true)
	if _, code := q.parse(args, 0, formats); code != 0 {
		return code
	}
	f, err := ef.filter()
	if err != nil {
		return q.fail(err)
	}
	st, code := q.open()
	if code != 0 {
		return code
	}
	defer st.Close()
	out := bufio.NewWriterSize(stdout, 256<<10)
	var write func(store.EventRow) error
	finish := func() error { return nil }
	switch q.format {
	case "gdelt":
		write = func(e store.EventRow) error {
			_, err := out.WriteString(strings.Join(gdeltRow(e), "\t") + "\n")
			return err
		}
	case "csv":
		cw := csv.NewWriter(out)
		cw.Write(gdeltColumns)
		write = func(e store.EventRow) error { return cw.Write(gdeltRow(e)) }
		finish = func() error { cw.Flush(); return cw.Error() }
	case "jsonl":
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		write = func(e store.EventRow) error { return enc.Encode(e) }
	}
	if err := st.EachEvent(context.Background(), f, write); err != nil {
		return q.fail(err)
	}
	if err := finish(); err != nil {
		return q.fail(err)
	}
	if err := out.Flush(); err != nil {
		return q.fail(err)
	}
	return 0
}
