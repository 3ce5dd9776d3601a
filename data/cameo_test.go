package data

import (
	"strconv"
	"testing"
)

// TestCameoCodebook checks the shape of cameo.tsv: one row per code, codes
// that nest under an existing root and base code, quad classes that follow the
// root ranges, and Goldstein values on the scale.
func TestCameoCodebook(t *testing.T) {
	rows, err := Rows("cameo.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 300 {
		t.Fatalf("cameo.tsv has %d rows, want the full codebook (>= 300)", len(rows))
	}
	seen := map[string]int{}
	for _, r := range rows {
		if len(r.Fields) != 4 {
			t.Errorf("line %d: %d fields, want 4 (code name quad_class goldstein)", r.Line, len(r.Fields))
			continue
		}
		code := r.Field(0)
		if prev, ok := seen[code]; ok {
			t.Errorf("line %d: code %q already on line %d", r.Line, code, prev)
		}
		seen[code] = r.Line
		if n := len(code); n < 2 || n > 4 {
			t.Errorf("line %d: code %q has %d digits, want 2-4", r.Line, code, n)
			continue
		}
		root, err := strconv.Atoi(code[:2])
		if err != nil || root < 1 || root > 20 {
			t.Errorf("line %d: code %q: root not in 01-20", r.Line, code)
			continue
		}
		if _, err := strconv.Atoi(code); err != nil {
			t.Errorf("line %d: code %q is not all digits", r.Line, code)
		}
		if r.Field(1) == "" {
			t.Errorf("line %d: code %q has no name", r.Line, code)
		}
		want := 4
		switch {
		case root <= 5:
			want = 1
		case root <= 8:
			want = 2
		case root <= 13:
			want = 3
		}
		if q, err := strconv.Atoi(r.Field(2)); err != nil || q != want {
			t.Errorf("line %d: code %q quad_class %q, want %d", r.Line, code, r.Field(2), want)
		}
		g, err := strconv.ParseFloat(r.Field(3), 64)
		if err != nil || g < -10 || g > 10 {
			t.Errorf("line %d: code %q goldstein %q not a number in [-10, 10]", r.Line, code, r.Field(3))
		}
	}
	for code, line := range seen {
		if len(code) >= 3 {
			if _, ok := seen[code[:2]]; !ok {
				t.Errorf("line %d: code %q has no root %q", line, code, code[:2])
			}
		}
		if len(code) == 4 {
			if _, ok := seen[code[:3]]; !ok {
				t.Errorf("line %d: code %q has no base code %q", line, code, code[:3])
			}
		}
	}
	for root := 1; root <= 20; root++ {
		c := strconv.Itoa(root)
		if root < 10 {
			c = "0" + c
		}
		if _, ok := seen[c]; !ok {
			t.Errorf("root %s missing", c)
		}
	}
}

// TestCameoKnownValues pins a few codes to GDELT's published values.
func TestCameoKnownValues(t *testing.T) {
	want := map[string]string{
		"01": "0.0", "011": "-0.1", "012": "-0.4", "013": "0.4", "018": "3.4",
		"02": "3.0", "04": "1.0", "042": "1.9", "043": "2.8", "045": "5.0", "046": "7.0",
		"05": "3.5", "051": "3.4", "057": "8.0", "06": "6.0", "07": "7.0", "0874": "10.0",
		"10": "-5.0", "11": "-2.0", "12": "-4.0", "13": "-6.0", "14": "-6.5", "15": "-7.2",
		"16": "-4.0", "163": "-8.0", "17": "-7.0", "173": "-5.0", "18": "-9.0",
		"19": "-10.0", "190": "-10.0", "20": "-10.0",
	}
	got := map[string]string{}
	for _, r := range MustRows("cameo.tsv") {
		got[r.Field(0)] = r.Field(3)
	}
	for code, g := range want {
		if got[code] != g {
			t.Errorf("goldstein(%s) = %q, want %q", code, got[code], g)
		}
	}
}
