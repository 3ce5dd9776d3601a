package main

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// buildParley builds the command into a temporary folder.
func buildParley(t *testing.T) string {
	t.Helper()
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goTool); err != nil {
		if goTool, err = exec.LookPath("go"); err != nil {
			t.Skip("no go command to build parley with")
		}
	}
	bin := filepath.Join(t.TempDir(), "parley")
	args := []string{"build", "-o", bin}
	if raceEnabled {
		args = append(args, "-race")
	}
	cmd := exec.Command(goTool, append(args, ".")...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestIngestSurvivesKill kills `parley ingest` with SIGKILL at random
// moments, runs the same command again, and checks that the store holds
// every document exactly once, each with all its records: the same as a
// clean run's store.
func TestIngestSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := buildParley(t)
	dir := t.TempDir()
	corpus := genCorpus(t, dir, 300, 5)
	ingestCmd := func(db string) *exec.Cmd {
		c := exec.Command(bin, "ingest", "--db", db, "--batch", "8", "--workers", "2", corpus)
		c.Stderr = &bytes.Buffer{}
		return c
	}

	clean := filepath.Join(dir, "clean.db")
	began := time.Now()
	if c := ingestCmd(clean); c.Run() != nil {
		t.Fatalf("clean ingest failed: %s", c.Stderr)
	}
	took := time.Since(began)
	want := dbCounts(t, clean)
	if len(want) != 300 {
		t.Fatalf("clean ingest stored %d documents, want 300", len(want))
	}

	crashed := filepath.Join(dir, "crashed.db")
	r := rand.New(rand.NewSource(time.Now().UnixNano()))
	kills := 0
	stored := 0
	for i := 0; i < 4 && stored < len(want); i++ {
		c := ingestCmd(crashed)
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		// A random moment within the time the rest of the run would take.
		rest := took * time.Duration(len(want)-stored) / time.Duration(len(want))
		time.Sleep(time.Duration(r.Int63n(int64(rest + 10*time.Millisecond))))
		if c.Process.Signal(syscall.SIGKILL) == nil {
			kills++
		}
		c.Wait()
		got := dbCounts(t, crashed) // whatever a kill left is whole
		stored = len(got)
		for k, c := range got {
			if w, ok := want[k]; ok && w != c {
				t.Errorf("after kill %d: document %s has %v records, want %v", i+1, k, c, w)
			}
		}
		t.Logf("kill %d: %d of 300 documents stored", i+1, len(got))
	}
	c := ingestCmd(crashed)
	if err := c.Run(); err != nil {
		t.Fatalf("ingest after %d kills: %v\n%s", kills, err, c.Stderr)
	}
	got := dbCounts(t, crashed)
	if len(got) != len(want) {
		t.Errorf("%d documents after the kills, want %d", len(got), len(want))
	}
	for k, w := range want {
		if g, ok := got[k]; !ok {
			t.Errorf("document %s lost", k)
		} else if g != w {
			t.Errorf("document %s: %v event mentions, quotes, actors; a clean ingest has %v", k, g, w)
		}
	}
	if fmt.Sprint(eventCounts(t, clean)) != fmt.Sprint(eventCounts(t, crashed)) {
		t.Error("the events across articles differ from a clean ingest's")
	}
}
