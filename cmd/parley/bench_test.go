package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkIngest measures `parley ingest` end to end: the VOA corpus
// (../shared/corpus/voa beside the repository) repeated ten times under
// distinct URLs, read, extracted in parallel and written into a new store.
func BenchmarkIngest(b *testing.B) {
	shared := os.Getenv("PARLEY_SHARED")
	if shared == "" {
		shared = filepath.Join("..", "..", "..", "shared")
	}
	f, err := os.Open(filepath.Join(shared, "corpus", "voa", "voa_stories.jsonl"))
	if err != nil {
		b.Skipf("no VOA corpus: %v", err)
	}
	var lines []map[string]any
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var m map[string]any
		if json.Unmarshal(sc.Bytes(), &m) == nil {
			lines = append(lines, m)
		}
	}
	f.Close()
	const copies = 10
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for c := 0; c < copies; c++ {
		for _, m := range lines {
			m2 := map[string]any{}
			for k, v := range m {
				m2[k] = v
			}
			if u, ok := m["url"].(string); ok {
				m2["url"] = fmt.Sprintf("%s?copy=%d", u, c)
			}
			m2["id"] = fmt.Sprintf("%v-%d", m["id"], c)
			enc.Encode(m2)
		}
	}
	dir := b.TempDir()
	corpus := filepath.Join(dir, "voa10.jsonl")
	if err := os.WriteFile(corpus, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	docs := len(lines) * copies
	b.SetBytes(int64(buf.Len()))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var stderr bytes.Buffer
		db := filepath.Join(dir, fmt.Sprintf("bench%d.db", i))
		if code := runIngest([]string{"--db", db, "--quiet", corpus}, io.Discard, &stderr); code != 0 {
			b.Fatalf("exit %d: %s", code, stderr.String())
		}
		b.StopTimer()
		os.Remove(db)
		os.Remove(db + "-wal")
		os.Remove(db + "-shm")
		b.StartTimer()
	}
	b.ReportMetric(float64(docs*b.N)/b.Elapsed().Seconds(), "docs/s")
}
