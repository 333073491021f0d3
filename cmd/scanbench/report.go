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

// report prints recall and wrong numbers per kind and difficulty, then times.
func report(w io.Writer, ts []truth, ours []outcome, peers []peerOutcome, rss, workers int) {
	fmt.Fprintf(w, "\n%-13s %-7s %6s %6s | %-8s %-8s %-7s %-7s | %-8s %-7s\n", "kind", "diff", "photos", "items",
		"certain", "any", "wrong", "wrong?", "peer any", "p.wrong")
	rows := map[string]*[2]tally{}
	key := func(k photogen.Kind, d photogen.Difficulty) string { return string(k) + "/" + string(d) }
	for i, tr := range ts {
		for _, k := range []string{key(tr.Kind, tr.Difficulty), key(tr.Kind, "all"), key("all", tr.Difficulty), key("all", "all")} {
			if rows[k] == nil {
				rows[k] = &[2]tally{}
			}
			rows[k][0].add(tr, ours[i])
			if peers != nil {
				rows[k][1].add(tr, peers[i].outcome)
			}
		}
	}
	for _, k := range append(append([]photogen.Kind{}, photogen.Kinds...), "all") {
		for _, d := range append(append([]photogen.Difficulty{}, photogen.Difficulties...), "all") {
			r := rows[key(k, d)]
			if r == nil {
				continue
			}
			a, p := r[0], r[1]
			fmt.Fprintf(w, "%-13s %-7s %6d %6d | %-8s %-8s %-7d %-7d | %-8s %-7d\n", k, d, a.photos, a.want,
				pct(a.certain, a.want), pct(a.any, a.want), a.wrongCertain, a.wrongMaybe, pct(p.any, p.want), p.wrongCertain)
		}
	}
	fmt.Fprintln(w, "\ncertain = in pzns (or tasks); any = in pzns or maybe_pzns; wrong = a PZN not on the photo in pzns; wrong? = in maybe_pzns")
	misses(w, ts, ours)
	times(w, ours, peers, rss, workers)
	stages(w, ts, ours)
}

// times prints median and p95 per photo and the ratio against the peer.
func times(w io.Writer, ours []outcome, peers []peerOutcome, rss, workers int) {
	var a, full, skip []float64
	errs := 0
	for i, o := range ours {
		a = append(a, o.MS)
		if o.Err != "" {
			errs++
		}
		if peers != nil {
			p := peers[i]
			full = append(full, p.MS)
			s := p.zxingMS
			if !p.hadCode {
				s += p.tessMS
			}
			skip = append(skip, s)
		}
	}
	fmt.Fprintf(w, "\nms per photo (%d at once)   median      p95\n", workers)
	fmt.Fprintf(w, "apobot                      %7.0f  %7.0f   (%d scan errors)\n", quantile(a, 0.5), quantile(a, 0.95), errs)
	if peers != nil {
		fmt.Fprintf(w, "peer, tesseract always     %7.0f  %7.0f   ratio apobot/peer median %.2f\n", quantile(full, 0.5), quantile(full, 0.95), quantile(a, 0.5)/quantile(full, 0.5))
		fmt.Fprintf(w, "peer, tesseract if no code %7.0f  %7.0f   ratio apobot/peer median %.2f\n", quantile(skip, 0.5), quantile(skip, 0.95), quantile(a, 0.5)/quantile(skip, 0.5))
	}
	fmt.Fprintf(w, "apobot peak RSS: %.0f MB (child process, %d photos at once)\n", float64(rss)/1024, workers)
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
