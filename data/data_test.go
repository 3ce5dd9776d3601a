package data

import (
	"os"
	"strings"
	"testing"
)

// TestEveryFileDocumented keeps README.md the index of the knowledge: every
// embedded file is described there, and every file it names exists.
func TestEveryFileDocumented(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range Names() {
		if !strings.Contains(string(readme), "`"+name+"`") {
			t.Errorf("%s is not described in data/README.md", name)
		}
		rows, err := Rows(name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if len(rows) == 0 {
			t.Errorf("%s has no rows", name)
		}
	}
}
