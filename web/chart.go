package web

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/parley-events/parley/store"
)

// The charts are drawn on the server: Go computes every coordinate and
// the templates write them as SVG elements, so a page needs no script to
// show them.

// barChart is a timeline: events per period stacked by QuadClass, with the
// mean Goldstein value of each period as a line on its own axis.
type barChart struct {
	W, H          int
	Left, Right   float64 // the plot area
	Top, Bottom   float64
	Bars          []bar
	Line          string // the Goldstein line's path
	Dots          []dot
	YTicks        []tick // events
	GTicks        []tick // Goldstein, right axis
	XTicks        []tick
	ZeroY         float64 // Goldstein 0
	Periods       int
	MaxEvents     int
	Total         int
	Quad          [4]int
	MeanGoldstein float64
}

type bar struct {
	X, W  float64
	Segs  []barSeg
	Title string
}

type barSeg struct {
	Y, H  float64
	Class string
}

type dot struct {
	X, Y  float64
	Title string
}

type tick struct {
	X, Y  float64
	Label string
}

// newBarChart draws rows (one per period, in order) with the periods
// between them that have no events filled in as empty.
func newBarChart(rows []store.TimelineRow, by string) *barChart {
	c := &barChart{W: 960, H: 300, Left: 52, Right: 960 - 52, Top: 16, Bottom: 300 - 44}
	rows = fillPeriods(rows, by)
	c.Periods = len(rows)
	if len(rows) == 0 {
		return c
	}
	weighted := 0.0
	for _, r := range rows {
		c.MaxEvents = max(c.MaxEvents, r.Events)
		c.Total += r.Events
		for q := range c.Quad {
			c.Quad[q] += r.Quad[q]
		}
		weighted += r.MeanGoldstein * float64(r.Events)
	}
	if c.Total > 0 {
		c.MeanGoldstein = weighted / float64(c.Total)
	}
	top := niceCeil(c.MaxEvents)
	plotH := c.Bottom - c.Top
	band := (c.Right - c.Left) / float64(len(rows))
	w := math.Min(math.Max(band*0.78, 1), 56) // a few periods: bars, not slabs
	yOf := func(n float64) float64 { return c.Bottom - n/float64(top)*plotH }
	gOf := func(g float64) float64 { return c.Bottom - (g+10)/20*plotH }
	c.ZeroY = round1(gOf(0))
	for i := 0; i <= 4; i++ {
		n := float64(top) * float64(i) / 4
		c.YTicks = append(c.YTicks, tick{X: c.Left - 8, Y: round1(yOf(n)), Label: trimFloat(n)})
	}
	for _, g := range []float64{-10, -5, 0, 5, 10} {
		c.GTicks = append(c.GTicks, tick{X: c.Right + 8, Y: round1(gOf(g)), Label: strconv.Itoa(int(g))})
	}
	every := max(1, int(math.Ceil(float64(len(rows))/12)))
	var path strings.Builder
	pen := false
	for i, r := range rows {
		x := c.Left + float64(i)*band + (band-w)/2
		b := bar{X: round1(x), W: round1(w), Title: fmt.Sprintf("%s: %d events (verbal cooperation %d, material cooperation %d, verbal conflict %d, material conflict %d); mean Goldstein %.1f",
			r.Period, r.Events, r.Quad[0], r.Quad[1], r.Quad[2], r.Quad[3], r.MeanGoldstein)}
		if r.Events == 0 {
			b.Title = r.Period + ": no events"
		}
		y := c.Bottom
		for q := 0; q < 4; q++ {
			if r.Quad[q] == 0 {
				continue
			}
			h := float64(r.Quad[q]) / float64(top) * plotH
			y -= h
			b.Segs = append(b.Segs, barSeg{Y: round1(y), H: round1(math.Max(h, 0.5)), Class: "q" + strconv.Itoa(q+1)})
		}
		c.Bars = append(c.Bars, b)
		cx := round1(c.Left + float64(i)*band + band/2)
		if r.Events > 0 {
			gy := round1(gOf(r.MeanGoldstein))
			if pen {
				fmt.Fprintf(&path, " L%s %s", trimFloat(cx), trimFloat(gy))
			} else {
				fmt.Fprintf(&path, "M%s %s", trimFloat(cx), trimFloat(gy))
				pen = true
			}
			c.Dots = append(c.Dots, dot{X: cx, Y: gy, Title: fmt.Sprintf("%s: mean Goldstein %.2f", r.Period, r.MeanGoldstein)})
		} else {
			pen = false // a period without events breaks the line
		}
		if i%every == 0 {
			c.XTicks = append(c.XTicks, tick{X: cx, Y: c.Bottom + 18, Label: r.Period})
		}
	}
	c.Line = path.String()
	return c
}

// fillPeriods adds the empty periods between the first and the last.
func fillPeriods(rows []store.TimelineRow, by string) []store.TimelineRow {
	if len(rows) < 2 {
		return rows
	}
	layout, step := "2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }
	switch by {
	case "day":
		layout, step = "2006-01-02", func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }
	case "week":
		layout, step = "2006-01-02", func(t time.Time) time.Time { return t.AddDate(0, 0, 7) }
	case "year":
		layout, step = "2006", func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }
	}
	first, err1 := time.Parse(layout, rows[0].Period)
	last, err2 := time.Parse(layout, rows[len(rows)-1].Period)
	if err1 != nil || err2 != nil || last.Sub(first) > 20*366*24*time.Hour {
		return rows
	}
	have := map[string]store.TimelineRow{}
	for _, r := range rows {
		have[r.Period] = r
	}
	var out []store.TimelineRow
	for t := first; !t.After(last) && len(out) < 5000; t = step(t) {
		p := t.Format(layout)
		if r, ok := have[p]; ok {
			out = append(out, r)
		} else {
			out = append(out, store.TimelineRow{Period: p})
		}
	}
	if len(out) < len(rows) { // periods the steps do not meet: keep the rows as they are
		return rows
	}
	return out
}

// niceCeil is the top of an axis of four steps at or above n, each step
// a round number (1, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten, whole).
func niceCeil(n int) int {
	if n <= 4 {
		return 4
	}
	raw := float64(n) / 4
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 3, 4, 5, 6, 8, 10} {
		step := m * p
		if step == math.Trunc(step) && step >= raw {
			return int(step * 4)
		}
	}
	return int(40 * p)
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

func trimFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// netView is the network of countries laid out on a circle, in
// alphabetical order so that a country keeps its place from one period
// to the next.
type netView struct {
	W, H        int
	Nodes       []netNode
	Edges       []netEdge
	MaxCount    int
	Omitted     int // countries left out (beyond the most active N)
	HiddenEdges int // the weakest pairs, not drawn
}

// maxEdges is the most pairs the network draws.
const maxEdges = 150

type netNode struct {
	Code     string
	X, Y, R  float64
	LX, LY   float64
	Anchor   string
	Events   int
	Partners int
	Title    string
}

type netEdge struct {
	A, B           string
	X1, Y1, X2, Y2 float64
	Width          float64
	Color          string
	Events         int
	AB, BA         int // per direction
	Mean           float64
	Title          string
	Href           string
}

// newNetView keeps the n countries in most events, merges each pair's two
// directions into one edge, and places the countries on a circle.
func newNetView(edges []store.NetworkEdge, n int) *netView {
	nv := &netView{W: 720, H: 720}
	total := map[string]int{}
	for _, e := range edges {
		total[e.Source] += e.Events
		total[e.Target] += e.Events
	}
	codes := make([]string, 0, len(total))
	for c := range total {
		codes = append(codes, c)
	}
	sort.Slice(codes, func(i, j int) bool {
		if total[codes[i]] != total[codes[j]] {
			return total[codes[i]] > total[codes[j]]
		}
		return codes[i] < codes[j]
	})
	if len(codes) > n {
		nv.Omitted = len(codes) - n
		codes = codes[:n]
	}
	keep := map[string]bool{}
	for _, c := range codes {
		keep[c] = true
	}
	sort.Strings(codes)
	type pair struct{ a, b string }
	merged := map[pair]*netEdge{}
	var order []pair
	partners := map[string]int{}
	for _, e := range edges {
		if !keep[e.Source] || !keep[e.Target] {
			continue
		}
		p := pair{e.Source, e.Target}
		if p.b < p.a {
			p = pair{p.b, p.a}
		}
		m := merged[p]
		if m == nil {
			m = &netEdge{A: p.a, B: p.b}
			merged[p] = m
			order = append(order, p)
			partners[p.a]++
			partners[p.b]++
		}
		m.Mean = (m.Mean*float64(m.Events) + e.MeanGoldstein*float64(e.Events)) / float64(m.Events+e.Events)
		m.Events += e.Events
		if e.Source == p.a {
			m.AB += e.Events
		} else {
			m.BA += e.Events
		}
	}
	maxNode := 1
	for _, c := range codes {
		maxNode = max(maxNode, total[c])
	}
	cx, cy, radius := float64(nv.W)/2, float64(nv.H)/2, float64(nv.W)/2-90
	pos := map[string][2]float64{}
	for i, c := range codes {
		angle := 2*math.Pi*float64(i)/float64(len(codes)) - math.Pi/2
		x, y := cx+radius*math.Cos(angle), cy+radius*math.Sin(angle)
		pos[c] = [2]float64{x, y}
		lx, ly := cx+(radius+16)*math.Cos(angle), cy+(radius+16)*math.Sin(angle)
		anchor := "start"
		if math.Cos(angle) < -0.2 {
			anchor = "end"
		} else if math.Abs(math.Cos(angle)) <= 0.2 {
			anchor = "middle"
			if math.Sin(angle) > 0 {
				ly += 8
			}
		}
		nv.Nodes = append(nv.Nodes, netNode{Code: c, X: round1(x), Y: round1(y), R: round1(4 + 14*math.Sqrt(float64(total[c])/float64(maxNode))),
			LX: round1(lx), LY: round1(ly + 4), Anchor: anchor, Events: total[c], Partners: partners[c],
			Title: fmt.Sprintf("%s: %d events with %d of the countries shown", c, total[c], partners[c])})
	}
	for _, p := range order {
		nv.MaxCount = max(nv.MaxCount, merged[p].Events)
	}
	// The busiest edges last, drawn on top; beyond maxEdges, the weakest
	// are left out (a tangle shows nothing).
	sort.Slice(order, func(i, j int) bool {
		a, b := merged[order[i]], merged[order[j]]
		if a.Events != b.Events {
			return a.Events < b.Events
		}
		return a.A+a.B < b.A+b.B
	})
	if len(order) > maxEdges {
		nv.HiddenEdges = len(order) - maxEdges
		order = order[len(order)-maxEdges:]
	}
	for _, p := range order {
		e := merged[p]
		a, b := pos[e.A], pos[e.B]
		e.X1, e.Y1, e.X2, e.Y2 = round1(a[0]), round1(a[1]), round1(b[0]), round1(b[1])
		e.Width = round1(0.8 + 7*math.Sqrt(float64(e.Events)/float64(max(nv.MaxCount, 1))))
		e.Color = goldsteinColor(e.Mean)
		e.Title = fmt.Sprintf("%s → %s: %d events; %s → %s: %d; mean Goldstein %.2f", e.A, e.B, e.AB, e.B, e.A, e.BA, e.Mean)
		nv.Edges = append(nv.Edges, *e)
	}
	return nv
}

// goldsteinColor maps a Goldstein value to a diverging colour: red for
// conflict (-10), grey for neutral (0), green for cooperation (+10).
func goldsteinColor(g float64) string {
	g = math.Max(-10, math.Min(10, g))
	grey := [3]float64{150, 156, 163}
	end := [3]float64{26, 140, 90} // cooperation
	if g < 0 {
		end = [3]float64{200, 50, 40} // conflict
	}
	t := math.Abs(g) / 10
	t = math.Sqrt(t) // small values already show a hue
	var c [3]int
	for i := range c {
		c[i] = int(math.Round(grey[i] + (end[i]-grey[i])*t))
	}
	return fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2])
}

// quadBar is a small stacked bar of the four QuadClasses (dyad tables).
type quadBar struct {
	Segs  []barSeg // X in Y, width in H
	Title string
}

func newQuadBar(q [4]int, width float64) quadBar {
	total := q[0] + q[1] + q[2] + q[3]
	qb := quadBar{Title: fmt.Sprintf("verbal cooperation %d, material cooperation %d, verbal conflict %d, material conflict %d", q[0], q[1], q[2], q[3])}
	if total == 0 {
		return qb
	}
	x := 0.0
	for i, n := range q {
		if n == 0 {
			continue
		}
		w := float64(n) / float64(total) * width
		qb.Segs = append(qb.Segs, barSeg{Y: round1(x), H: round1(w), Class: "q" + strconv.Itoa(i+1)})
		x += w
	}
	return qb
}
