package photogen

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"

	"github.com/apobot/apobot/ocr/internal/geom"
)

// Size of the generated photos: a phone photo scaled to what apobot keeps.
const photoW, photoH = 1600, 1200

// params describe how a photo was taken.
type params struct {
	quarter        int     // quarter turns, 0..3
	tilt           float64 // extra rotation in degrees
	perspective    float64 // corner displacement, fraction of the frame
	fill           float64 // share of the frame the document spans
	blur           float64 // Gaussian sigma in pixels
	noise          float64 // sensor noise sigma in grey levels
	light, shadow  float64 // exposure, and a darker side's depth
	jpegQuality    int
	backgroundTint uint8
}

func paramsFor(d Difficulty, r *rand.Rand) params {
	u := func(a, b float64) float64 { return a + (b-a)*r.Float64() }
	p := params{quarter: r.IntN(4), backgroundTint: uint8(90 + r.IntN(80))}
	switch d {
	case Easy:
		p.quarter = 2 * r.IntN(2) * r.IntN(2) // mostly upright, sometimes upside down
		p.tilt, p.perspective, p.fill = u(-4, 4), u(0, 0.02), u(0.8, 0.92)
		p.noise, p.light, p.jpegQuality = 2, u(0.95, 1), 85+r.IntN(6)
	case Medium:
		p.tilt, p.perspective, p.fill = u(-10, 10), u(0.02, 0.05), u(0.72, 0.88)
		p.blur, p.noise, p.light, p.shadow, p.jpegQuality = u(0.3, 0.8), 5, u(0.75, 0.95), u(0, 0.2), 70+r.IntN(15)
	default:
		p.tilt, p.perspective, p.fill = u(-20, 20), u(0.04, 0.08), u(0.65, 0.85)
		p.blur, p.noise, p.light, p.shadow, p.jpegQuality = u(0.8, 1.3), 8, u(0.5, 0.7), u(0.15, 0.35), 50+r.IntN(15)
	}
	return p
}

// photograph places doc in a scene as p says and returns the JPEG.
func photograph(doc *image.RGBA, p params, r *rand.Rand) ([]byte, error) {
	h := placement(doc.Rect.Dx(), doc.Rect.Dy(), p, r)
	inv, ok := h.Inverse()
	if !ok {
		return nil, fmt.Errorf("photogen: degenerate placement")
	}
	scene := warp(doc, inv, p.backgroundTint)
	var img image.Image = scene
	if p.blur > 0 {
		img = blur(scene, p.blur)
	}
	out := expose(img, p, r)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, out, &jpeg.Options{Quality: p.jpegQuality}); err != nil {
		return nil, fmt.Errorf("photogen: jpeg: %w", err)
	}
	return buf.Bytes(), nil
}

// placement maps the document's corners into the photo: scaled to fill the
// frame, turned, moved a little off centre, each corner pushed for perspective.
func placement(w, h int, p params, r *rand.Rand) geom.Homography {
	theta := (float64(p.quarter)*90 + p.tilt) * math.Pi / 180
	cos, sin := math.Cos(theta), math.Sin(theta)
	bw := math.Abs(float64(w)*cos) + math.Abs(float64(h)*sin)
	bh := math.Abs(float64(w)*sin) + math.Abs(float64(h)*cos)
	scale := p.fill * math.Min(photoW/bw, photoH/bh)
	cx := photoW/2 + (r.Float64()-0.5)*photoW*(1-p.fill)*0.8
	cy := photoH/2 + (r.Float64()-0.5)*photoH*(1-p.fill)*0.8
	src := [4][2]float64{{0, 0}, {float64(w), 0}, {float64(w), float64(h)}, {0, float64(h)}}
	var dst [4][2]float64
	for i, c := range src {
		x, y := (c[0]-float64(w)/2)*scale, (c[1]-float64(h)/2)*scale
		jx, jy := (r.Float64()*2-1)*p.perspective*photoH, (r.Float64()*2-1)*p.perspective*photoH
		dst[i] = [2]float64{cx + x*cos - y*sin + jx, cy + x*sin + y*cos + jy}
	}
	return geom.FromCorners(src, dst)
}

// warp renders the scene: for every photo pixel, the document pixel it shows
// (bilinear), or the table it lies on.
func warp(doc *image.RGBA, inv geom.Homography, tint uint8) *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, photoW, photoH))
	w, h := float64(doc.Rect.Dx()), float64(doc.Rect.Dy())
	for y := 0; y < photoH; y++ {
		for x := 0; x < photoW; x++ {
			sx, sy := inv.Apply(float64(x)+0.5, float64(y)+0.5)
			var c color.RGBA
			if sx >= 0 && sy >= 0 && sx < w && sy < h {
				c = bilinearRGBA(doc, sx-0.5, sy-0.5)
			} else {
				c = table(x, y, tint)
			}
			out.SetRGBA(x, y, c)
		}
	}
	return out
}

// table is a wooden-looking background with a faint grain.
func table(x, y int, tint uint8) color.RGBA {
	grain := int(12 * (1 + math.Sin(float64(y)/7+math.Sin(float64(x)/90)*3)) / 2)
	t := int(tint)
	return color.RGBA{uint8(t + grain), uint8(t*3/4 + grain), uint8(t / 2), 255}
}

func bilinearRGBA(m *image.RGBA, x, y float64) color.RGBA {
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	ax, ay := x-float64(x0), y-float64(y0)
	get := func(x, y int) color.RGBA {
		x = min(max(x, 0), m.Rect.Dx()-1)
		y = min(max(y, 0), m.Rect.Dy()-1)
		return m.RGBAAt(x, y)
	}
	c00, c10, c01, c11 := get(x0, y0), get(x0+1, y0), get(x0, y0+1), get(x0+1, y0+1)
	mix := func(a, b, c, d uint8) uint8 {
		v := (float64(a)*(1-ax)+float64(b)*ax)*(1-ay) + (float64(c)*(1-ax)+float64(d)*ax)*ay
		return uint8(v + 0.5)
	}
	return color.RGBA{mix(c00.R, c10.R, c01.R, c11.R), mix(c00.G, c10.G, c01.G, c11.G), mix(c00.B, c10.B, c01.B, c11.B), 255}
}

// expose applies exposure, a shadow across the frame and sensor noise.
func expose(img image.Image, p params, r *rand.Rand) *image.RGBA {
	b := img.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	angle := r.Float64() * 2 * math.Pi
	dx, dy := math.Cos(angle), math.Sin(angle)
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			t := ((float64(x)/photoW-0.5)*dx + (float64(y)/photoH-0.5)*dy + 0.71) / 1.42
			gain := p.light * (1 - p.shadow*t)
			cr, cg, cb, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
			n := r.NormFloat64() * p.noise
			out.SetRGBA(x, y, color.RGBA{level(cr, gain, n), level(cg, gain, n), level(cb, gain, n), 255})
		}
	}
	return out
}

func level(c uint32, gain, noise float64) uint8 {
	v := float64(c>>8)*gain + noise
	return uint8(math.Max(0, math.Min(255, v+0.5)))
}
