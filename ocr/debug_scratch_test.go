package ocr

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"testing"
)

func TestDebugCands(t *testing.T) {
	name := os.Getenv("DBG")
	if name == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(name)
	p, _ := Decode(data)
	g := fitWithin(p.Gray, maxBarcodeSide)
	for i, c := range candidates(g) {
		crop := g.SubImage(c.r).(*image.Gray)
		a := textAngle(crop)
		vs := map[string]*image.Gray{
			"plain": crop, "smooth": smooth(crop), "rot": rotate(crop, a), "rotsmooth": smooth(rotate(crop, a)),
			"up2": upscale(crop, 2), "rotup2": upscale(rotate(crop, a), 2), "rotup2smooth": smooth(upscale(rotate(crop, a), 2)),
			"stretch-rot-up": upscale(rotate(stretch(crop), a), 2), "up3rot": upscale(rotate(crop, a), 3), "rot-up15": upscale(rotate(crop, a), 1.5),
		}
		for n, v := range vs {
			var set symbolSet
			decodeRegion(v, &set)
			if len(set.list) > 0 {
				fmt.Println(i, c, n, "OK", len(set.list[0].Text))
			}
		}
		fmt.Println(i, c, a)
		f, _ := os.Create(fmt.Sprintf("/tmp/gen/cand%d.png", i))
		png.Encode(f, rotate(crop, a))
		f.Close()
	}
}

func TestDebugDense(t *testing.T) {
	name := os.Getenv("DBG")
	if name == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(name)
	p, _ := Decode(data)
	g := fitWithin(p.Gray, maxBarcodeSide)
	k := max(1, (max(g.Rect.Dx(), g.Rect.Dy())+candidateSide-1)/candidateSide)
	small := downscale(g, k)
	w, h := small.Rect.Dx(), small.Rect.Dy()
	dense := denseMask(small)
	out := image.NewGray(small.Rect)
	n := 0
	for i, d := range dense {
		if d {
			out.Pix[i] = 255
			n++
		}
	}
	seen := make([]bool, w*h)
	for i := range dense {
		if dense[i] && !seen[i] {
			box, c := component(dense, seen, w, h, i)
			if c > 20 {
				fmt.Println(box, c, box.Dx()*box.Dy())
			}
		}
	}
	fmt.Println("k", k, "dense", n, w*h)
	f, _ := os.Create("/tmp/gen/dense.png")
	png.Encode(f, out)
	f.Close()
}

func TestDebugStages(t *testing.T) {
	name := os.Getenv("DBG")
	if name == "" {
		t.Skip()
	}
	s, _ := New(Options{Workers: 1})
	defer s.Close()
	data, _ := os.ReadFile(name)
	p, _ := Decode(data)
	pg, err := s.readText(context.Background(), p, isPinkForm(p))
	res := &Result{}
	s.interpret(context.Background(), res, pg, true)
	fmt.Println(err, len(pg.lines), res.PZNs, res.MaybePZNs, isPinkForm(p))
	for _, l := range pg.lines {
		fmt.Printf("  %.0f %q\n", l.Conf, l.Text)
	}
	f, _ := os.Create("/tmp/gen/page.png")
	png.Encode(f, pg.img)
	f.Close()
}
