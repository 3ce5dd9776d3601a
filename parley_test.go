package parley

import "testing"

func TestDocumentHost(t *testing.T) {
	cases := map[string]string{
		"https://www.VOANews.com/a/story.html?x=1": "voanews.com",
		"http://user@example.org:8080/path":        "example.org",
		"https://[::1]/":                           "[::1]",
		"example.org/no-scheme":                    "",
		"":                                         "",
	}
	for url, want := range cases {
		if got := (Document{URL: url}).Host(); got != want {
			t.Errorf("Host(%q) = %q, want %q", url, got, want)
		}
	}
}
