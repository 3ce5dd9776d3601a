package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExtractJSONLKeepsOrderAndNamesBadLines(t *testing.T) {
	var in strings.Builder
	for i := 0; i < 50; i++ {
		in.WriteString(`{"id":"d` + string(rune('A'+i%26)) + `","published":"2025-05-12","text":"Russia and Mali signed an agreement on Friday."}` + "\n")
	}
	in.WriteString("not json\n")
	in.WriteString(`{"id":"last","text":"Japan condemned North Korea."}` + "\n")
	var out, errb bytes.Buffer
	code := runExtract([]string{"--jsonl", "--workers", "4"}, strings.NewReader(in.String()), &out, &errb)
	if code != 1 {
		t.Errorf("exit status %d, want 1 (one bad line)", code)
	}
	if !strings.Contains(errb.String(), "line 51") {
		t.Errorf("stderr does not name the bad line: %q", errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 52 {
		t.Fatalf("%d output lines, want 52 (one per input line)", len(lines))
	}
	var last struct {
		ID     string `json:"id"`
		Events []struct {
			CAMEO string `json:"cameo"`
		} `json:"events"`
	}
	if err := json.Unmarshal([]byte(lines[51]), &last); err != nil {
		t.Fatal(err)
	}
	if last.ID != "last" || len(last.Events) != 1 || last.Events[0].CAMEO != "111" {
		t.Errorf("last line out of order or wrong: %s", lines[51])
	}
	if !strings.Contains(lines[50], `"error"`) {
		t.Errorf("bad line has no error record: %s", lines[50])
	}
}

func TestExtractFiles(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(good, []byte("«We agree,» said Russian Foreign Minister Sergei Lavrov."), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := runExtract([]string{good, filepath.Join(dir, "missing.txt"), "--format", "jsonl"}, strings.NewReader(""), &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "missing.txt") {
		t.Errorf("exit %d, stderr %q: want 1 and the missing file named", code, errb.String())
	}
	if !strings.Contains(out.String(), "Sergei Lavrov") {
		t.Errorf("good file not read: %s", out.String())
	}
}
