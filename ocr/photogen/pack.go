package photogen

import (
	"fmt"
	"image"
	"image/color"
	"math/rand/v2"

	"github.com/apobot/apobot/pzn"
)

// packColours are the accent colours of generic brands.
var packColours = []color.RGBA{{0, 86, 150, 255}, {200, 30, 45, 255}, {0, 130, 80, 255}, {230, 120, 0, 255}, {110, 40, 130, 255}}

// pack draws the side of a medicine box: brand band, product text, the PZN in
// text and as Code 39, and a securPharm Data Matrix (IFA or GS1) anywhere on it.
func (s *Sample) pack(r *rand.Rand) (*document, error) {
	p, z := pick(r, products), randomPZN(r)
	s.PZNs, s.Products = []pzn.PZN{z}, []pzn.Product{p}
	d, err := newDocument(1400, 900, color.RGBA{250, 250, 247, 255})
	if err != nil {
		return nil, err
	}
	accent := pick(r, packColours)
	d.rect(image.Rect(0, 0, 1400, 150), accent)
	d.text(50, 105, 72, true, color.White, p.Name)
	d.text(50, 260, 64, true, color.Black, p.Strength)
	d.text(50, 340, 44, false, color.Black, p.Form)
	d.text(50, 410, 44, false, color.Black, fmt.Sprintf("%d %s %s", p.Count, p.Unit, p.NSize))
	d.text(50, 860, 26, false, color.Gray{90}, "Packungsbeilage beachten. Arzneimittel für Kinder unzugänglich aufbewahren.")
	codes := r.IntN(10)
	if codes < 9 { // most packs carry the Code 39
		if err := s.drawCode39(d, r, z); err != nil {
			return nil, err
		}
	} else {
		d.text(50, 600, 40, false, color.Black, z.Label())
	}
	if codes >= 2 { // Rx packs carry the securPharm code, off centre
		if err := drawSecurPharm(d, r, z); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// drawCode39 places the PZN barcode with "PZN 12345678" printed above it.
func (s *Sample) drawCode39(d *document, r *rand.Rand, z pzn.PZN) error {
	x, y := 50+r.IntN(200), 520+r.IntN(60)
	d.text(x+20, y, 36, false, color.Black, z.Label())
	_, err := d.code39(z.Code39(), x, y+15, 3, 150)
	return err
}

// drawSecurPharm places an IFA or GS1 Data Matrix in the right half.
func drawSecurPharm(d *document, r *rand.Rand, z pzn.PZN) error {
	batch, serial := fmt.Sprintf("B%05d", r.IntN(100000)), fmt.Sprintf("%012d", r.Int64N(1e12))
	expiry := fmt.Sprintf("%02d%02d00", 27+r.IntN(4), 1+r.IntN(12))
	payload := "[)>\x1e06\x1d9N" + z.PPN() + "\x1d1T" + batch + "\x1dD" + expiry + "\x1dS" + serial + "\x1e\x04"
	if r.IntN(2) == 0 {
		payload = "01" + z.GTIN14() + "21" + serial + "\x1d17" + expiry[:4] + "28" + "10" + batch
	}
	x, y := 820+r.IntN(340), 200+r.IntN(440)
	_, err := d.dataMatrix(payload, x, y, 7)
	if err == nil {
		d.text(x, y-12, 22, false, color.Black, "PC/SN/LOT/EXP")
	}
	return err
}
