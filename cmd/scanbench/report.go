package main

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"

	"github.com/apobot/apobot/ocr/photogen"
)

// tally counts expected items and what a pipeline made of them.
type tally struct {
	photos, want, certain, any, wrongCertain, wrongMaybe, errors int
}

func (t *tally) add(tr truth, o outcome) {
	t.photos++
	if o.Err != "" {
		t.errors++
	}
	for _, p := range tr.PZNs {
		t.want++
		if contains(o.PZNs, p) {
			t.certain++
			t.any++
		} else if contains(o.Maybe, p) {
			t.any++
		}
	}
	for _, id := range tr.Tasks {
		t.want++
		for _, got := range o.Tasks {
			if got == id {
				t.certain++
				t.any++
				break
			}
		}
	}
	for _, p := range o.PZNs {
		if !contains(tr.PZNs, p) {
			t.wrongCertain++
		}
	}
	for _, p := range o.Maybe {
		if !contains(tr.PZNs, p) {
			t.wrongMaybe++
		}
	}
}

func pct(a, b int) string {
	if b == 0 {
		return "   -  "
	}
	return fmt.Sprintf("%5.1f%%", 100*float64(a)/float64(b))
}

// results is everything one bench run measured.
type results struct {
	ts      []truth
	ours    []outcome
	stock   []peerOutcome // nil: not run
	wasm    []outcome     // nil: not run
	rss     int
	workers int
}

// report prints recall and wrong numbers per kind and difficulty, then times.
func report(w io.Writer, r results) {
	fmt.Fprintf(w, "\n%-13s %-7s %6s %6s | %-8s %-8s %-7s %-7s | %-8s %-7s | %-8s %-7s\n", "kind", "diff", "photos", "items",
		"certain", "any", "wrong", "wrong?", "stock", "s.wrong", "wasm", "w.wrong")
	rows := map[string]*[3]tally{}
	key := func(k photogen.Kind, d photogen.Difficulty) string { return string(k) + "/" + string(d) }
	for i, tr := range r.ts {
		for _, k := range []string{key(tr.Kind, tr.Difficulty), key(tr.Kind, "all"), key("all", tr.Difficulty), key("all", "all")} {
			if rows[k] == nil {
				rows[k] = &[3]tally{}
			}
			rows[k][0].add(tr, r.ours[i])
			if r.stock != nil {
				rows[k][1].add(tr, r.stock[i].outcome)
			}
			if r.wasm != nil {
				rows[k][2].add(tr, r.wasm[i])
			}
		}
	}
	for _, k := range append(append([]photogen.Kind{}, photogen.Kinds...), "all") {
		for _, d := range append(append([]photogen.Difficulty{}, photogen.Difficulties...), "all") {
			row := rows[key(k, d)]
			if row == nil {
				continue
			}
			a, p, z := row[0], row[1], row[2]
			fmt.Fprintf(w, "%-13s %-7s %6d %6d | %-8s %-8s %-7d %-7d | %-8s %-7d | %-8s %-7d\n", k, d, a.photos, a.want,
				pct(a.certain, a.want), pct(a.any, a.want), a.wrongCertain, a.wrongMaybe, pct(p.any, p.want), p.wrongCertain,
				pct(z.any, z.want), z.wrongCertain)
		}
	}
	fmt.Fprintln(w, "\ncertain = in pzns (or tasks); any = in pzns or maybe_pzns; wrong = a PZN not on the photo in pzns; wrong? = in maybe_pzns")
	fmt.Fprintln(w, "stock = ZXingReader 1.4, then the tesseract CLI (labelled text PZNs as read); wasm = zxing-cpp's newest reader (zxing-wasm), barcodes only")
	misses(w, r.ts, r.ours)
	times(w, r)
	stages(w, r.ts, r.ours)
}

// times prints median and p95 milliseconds per photo and kind, for apobot
// and the peers, and the ratios of apobot's total time to theirs.
func times(w io.Writer, r results) {
	fmt.Fprintf(w, "\nms per photo (%d at once)      apobot          stock (tess. always)   stock (tess. if no code)   wasm\n", r.workers)
	fmt.Fprintf(w, "%-13s %8s %8s | %8s %8s | %8s %8s | %8s %8s\n", "kind", "median", "p95", "median", "p95", "median", "p95", "median", "p95")
	for _, k := range append(append([]photogen.Kind{}, photogen.Kinds...), "all") {
		fmt.Fprintf(w, "%-13s", k)
		for _, c := range r.columns(k) {
			fmt.Fprintf(w, " %8.0f %8.0f |", quantile(c, 0.5), quantile(c, 0.95))
		}
		fmt.Fprintln(w)
	}
	all := r.columns("all")
	errs := 0
	for _, o := range r.ours {
		if o.Err != "" {
			errs++
		}
	}
	fmt.Fprintf(w, "apobot: %d scan errors; peak RSS %.0f MB (child process, %d photos at once)\n", errs, float64(r.rss)/1024, r.workers)
	if r.stock != nil {
		fmt.Fprintf(w, "whole mix, apobot's total time / stock's: %.2f (tesseract always), %.2f (tesseract if no code)\n", sum(all[0])/sum(all[1]), sum(all[0])/sum(all[2]))
	}
	if r.wasm != nil {
		fmt.Fprintf(w, "whole mix, apobot's total time / wasm's (barcodes only): %.2f\n", sum(all[0])/sum(all[3]))
	}
}

// columns lists the milliseconds per photo of kind k ("all": every photo):
// apobot's, the stock pipeline's with tesseract always and only when no
// code was valid, and zxing-wasm's; a peer not run has none.
func (r results) columns(k photogen.Kind) (cols [4][]float64) {
	for i, tr := range r.ts {
		if k != "all" && tr.Kind != k {
			continue
		}
		cols[0] = append(cols[0], r.ours[i].MS)
		if r.stock != nil {
			p := r.stock[i]
			skip := p.zxingMS
			if !p.hadCode {
				skip += p.tessMS
			}
			cols[1], cols[2] = append(cols[1], p.MS), append(cols[2], skip)
		}
		if r.wasm != nil {
			cols[3] = append(cols[3], r.wasm[i].MS)
		}
	}
	return cols
}

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[min(len(s)-1, int(q*float64(len(s))))]
}

// misses lists the photos where apobot missed something or was wrong.
func misses(w io.Writer, ts []truth, ours []outcome) {
	fmt.Fprintln(w, "\nphotos with a miss or a wrong number:")
	for i, tr := range ts {
		var t tally
		t.add(tr, ours[i])
		if t.certain < t.want || t.wrongCertain > 0 {
			fmt.Fprintf(w, "  %s: %d/%d certain, %d maybe, %d wrong %s\n", filepath.Base(tr.File), t.certain, t.want, t.any-t.certain, t.wrongCertain, ours[i].Err)
		}
	}
}
