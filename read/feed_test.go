package read

import (
	"errors"
	"strings"
	"testing"
)

const rssFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Example Wire</title>
  <link>https://wire.example.com/</link>
  <description>World news</description>
  <item>
    <title>Talks resume in Doha</title>
    <link>https://wire.example.com/doha</link>
    <guid isPermaLink="false">wire-1001</guid>
    <pubDate>Fri, 14 Mar 2025 23:30:00 -0500</pubDate>
    <description>Short summary.</description>
    <content:encoded><![CDATA[<p>Negotiators returned to Doha on Friday.</p><script>track()</script><p>Mediators said talks would &amp; could continue.</p>]]></content:encoded>
  </item>
  <item>
    <title>Aid convoy reaches town</title>
    <link>https://wire.example.com/aid</link>
    <pubDate>Sat, 15 Mar 2025 08:00:00 GMT</pubDate>
    <description>A United Nations aid convoy reached the town on Saturday.</description>
  </item>
  <item>
    <title>Photo only</title>
    <link>https://wire.example.com/photo</link>
  </item>
</channel>
</rss>`

const atomFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Desk</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2025-03-16T18:30:02Z</updated>
  <entry>
    <title>Ministers meet in Brussels</title>
    <link href="https://atom.example.org/brussels"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <published>2025-03-16T23:00:00-04:00</published>
    <updated>2025-03-17T10:00:00Z</updated>
    <content type="html">&lt;p&gt;Foreign ministers met in Brussels on Sunday.&lt;/p&gt;&lt;p&gt;They agreed to meet again.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Strike ends</title>
    <link href="https://atom.example.org/strike"/>
    <id>urn:uuid:2225c695-cfb8-4ebb-aaaa-80da344efa6b</id>
    <updated>2025-03-12T09:00:00Z</updated>
    <summary>Dock workers ended their strike on Wednesday.</summary>
  </entry>
</feed>`

func TestFeedRSS(t *testing.T) {
	docs, err := Feed("wire.xml", strings.NewReader(rssFeed), Options{})
	if len(docs) != 2 {
		t.Fatalf("got %d documents, want 2 (%v)", len(docs), err)
	}
	if !errors.Is(err, ErrEmpty) || !strings.Contains(err.Error(), "item 3") {
		t.Errorf("err = %v, want the empty third item reported", err)
	}
	d := docs[0]
	if d.ID != "wire-1001" || d.URL != "https://wire.example.com/doha" || d.Title != "Talks resume in Doha" ||
		d.Source != "Example Wire" || d.Published != "2025-03-14" {
		t.Errorf("item 1 = %+v", d)
	}
	if d.Text != "Negotiators returned to Doha on Friday.\n\nMediators said talks would & could continue." {
		t.Errorf("item 1 text = %q", d.Text)
	}
	d = docs[1]
	if d.ID != "https://wire.example.com/aid" || d.Published != "2025-03-15" ||
		d.Text != "A United Nations aid convoy reached the town on Saturday." {
		t.Errorf("item 2 = %+v", d)
	}
}

func TestFeedAtom(t *testing.T) {
	docs, err := Feed("atom.xml", strings.NewReader(atomFeed), Options{})
	if err != nil || len(docs) != 2 {
		t.Fatalf("got %d documents, err %v", len(docs), err)
	}
	d := docs[0]
	if d.ID != "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a" || d.URL != "https://atom.example.org/brussels" ||
		d.Source != "Atom Desk" || d.Published != "2025-03-16" ||
		d.Text != "Foreign ministers met in Brussels on Sunday.\n\nThey agreed to meet again." {
		t.Errorf("entry 1 = %+v", d)
	}
	if d := docs[1]; d.Published != "2025-03-12" || d.Text != "Dock workers ended their strike on Wednesday." {
		t.Errorf("entry 2 = %+v", d)
	}
}

func TestFeedBroken(t *testing.T) {
	for _, in := range []string{
		rssFeed[:len(rssFeed)/2],
		`<?xml version="1.0"?><rss><channel><item><title>x</ti`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="xhtml"><div><p>`,
		"",
		"\x00\x01 not a feed",
		`{"version": "https://jsonfeed.org/version/1", "items": [{"id": 1`,
	} {
		docs, err := Feed("broken.xml", strings.NewReader(in), Options{})
		if err == nil || len(docs) != 0 {
			t.Errorf("%.40q: %d documents, err %v; want an error", in, len(docs), err)
		} else if !strings.Contains(err.Error(), "broken.xml") {
			t.Errorf("error does not name the file: %v", err)
		}
	}
}

func TestFeedJSON(t *testing.T) {
	in := `{"version": "https://jsonfeed.org/version/1.1", "title": "JSON Desk", "items": [
		{"id": "j1", "url": "https://json.example.net/1", "title": "One", "date_published": "2025-01-02T03:04:05+09:00",
		 "content_html": "<p>First.</p><p>Second.</p>"}]}`
	if f := Sniff([]byte(in)); f != FormatFeed {
		t.Fatalf("Sniff = %v", f)
	}
	docs, err := Feed("feed.json", strings.NewReader(in), Options{})
	if err != nil || len(docs) != 1 || docs[0].Text != "First.\n\nSecond." || docs[0].Published != "2025-01-02" || docs[0].Source != "JSON Desk" {
		t.Errorf("docs = %+v, err = %v", docs, err)
	}
}
