package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "serve.db")
	var out bytes.Buffer
	if code := runIngest([]string{"--db", db, "--quiet", "../../examples/belousov.jsonl"}, &out, &out); code != 0 {
		t.Fatalf("ingest: %d %s", code, out.String())
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr syncBuffer
	addrc := make(chan string, 1)
	done := make(chan int, 1)
	go func() {
		done <- serve(ctx, []string{"--db", db, "--addr", "127.0.0.1:0"}, &stderr, func(a string) { addrc <- a })
	}()
	var addr string
	select {
	case addr = <-addrc:
	case code := <-done:
		t.Fatalf("serve ended: %d %s", code, stderr.String())
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	if !strings.HasPrefix(addr, "127.0.0.1:") {
		t.Errorf("listens on %s", addr)
	}
	resp, err := http.Get("http://" + addr + "/api/events?limit=1")
	if err != nil {
		t.Fatal(err)
	}
	var page struct {
		Items []map[string]any `json:"items"`
	}
	err = json.NewDecoder(resp.Body).Decode(&page)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || len(page.Items) != 1 {
		t.Errorf("GET /api/events: %d %v %v", resp.StatusCode, err, page)
	}
	if !strings.Contains(stderr.String(), "ingest off") || !strings.Contains(stderr.String(), "1 documents") {
		t.Errorf("start message: %s", stderr.String())
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d: %s", code, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func TestServeRefuses(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--db", filepath.Join(dir, "none.db")}, 1, "run parley ingest first"},
		{[]string{"--db", filepath.Join(dir, "x.db"), "--max-body", "0"}, 2, "--max-body"},
		{[]string{"--db", filepath.Join(dir, "x.db"), "extra"}, 2, "unexpected argument"},
		{[]string{"--bogus"}, 2, "flag provided but not defined"},
	} {
		var stderr syncBuffer
		if code := serve(context.Background(), c.args, &stderr, nil); code != c.code || !strings.Contains(stderr.String(), c.msg) {
			t.Errorf("%v: exit %d (%s), want %d and %q", c.args, code, stderr.String(), c.code, c.msg)
		}
	}
	// With a write token a new store may be made; a port in use is refused.
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	addrc := make(chan string, 1)
	var stderr syncBuffer
	go func() {
		done <- serve(ctx, []string{"--db", filepath.Join(dir, "new.db"), "--addr", "127.0.0.1:0", "--write-token", "a-long-enough-token"}, &stderr, func(a string) { addrc <- a })
	}()
	addr := <-addrc
	var stderr2 syncBuffer
	if code := serve(context.Background(), []string{"--db", filepath.Join(dir, "new.db"), "--addr", addr, "--write-token", "x"}, &stderr2, nil); code != 1 {
		t.Errorf("a port in use: exit %d (%s)", code, stderr2.String())
	}
	cancel()
	if code := <-done; code != 0 || !strings.Contains(stderr.String(), "ingest on") {
		t.Errorf("exit %d: %s", code, stderr.String())
	}
}
