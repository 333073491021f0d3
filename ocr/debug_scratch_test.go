package ocr

import (
	"context"
	"fmt"
	"image/png"
	"os"
	"testing"
	"time"
)

func TestDebugPage(t *testing.T) {
	name := os.Getenv("DBG")
	if name == "" {
		t.Skip()
	}
	data, _ := os.ReadFile("/tmp/gen/" + name + ".jpg")
	p, _ := Decode(data)
	img := isolatePaper(stretch(fitWithin(p.Red, 2400)))
	img = rotate(img, textAngle(img))
	img = scaleTo(img, paperLong)
	f, _ := os.Create("/tmp/gen/page.png")
	png.Encode(f, img)
	f.Close()
}

func TestDebugStages(t *testing.T) {
	name := os.Getenv("DBG")
	if name == "" {
		t.Skip()
	}
	s, _ := New(Options{Workers: 1})
	defer s.Close()
	data, _ := os.ReadFile("/tmp/gen/" + name + ".jpg")
	p, _ := Decode(data)
	w0 := time.Now()
	s.readText(context.Background(), p, true)
	fmt.Println("warm-up", time.Since(w0), os.Getenv("OMP_THREAD_LIMIT"))
	t0 := time.Now()
	pg, err := s.readText(context.Background(), p, true)
	t1 := time.Now()
	res := &Result{}
	s.interpret(context.Background(), res, pg, true)
	fmt.Println("readText", t1.Sub(t0), err, "interpret", time.Since(t1), len(pg.lines), res.PZNs, res.MaybePZNs)
	for _, l := range pg.lines {
		fmt.Printf("  %.0f %q\n", l.Conf, l.Text)
	}
}
