package ocr

import (
	"context"
	"errors"
	"image"
	"sort"
	"strings"

	"github.com/otiai10/gosseract/v2"

	"github.com/apobot/apobot/pzn"
)

// ReadProduct reads the printed name, strength, form and pack size of the
// pack on a photo, even when its barcode alone would answer Scan: for a
// PZN the pharmacy's inventory does not know. It costs a page reading and
// one more of the whole photo in negative (a pack's name is often printed
// light on a dark band, which the page reading cuts off or whitens away): at most three
// tesseract recognitions, so the bot asks for it only then. A photo
// without readable product text gives a zero Product.
func (s *Scanner) ReadProduct(ctx context.Context, data []byte) (pzn.Product, error) {
	var p pzn.Product
	_, err := s.work(ctx, "read product", data, &Result{}, func(ctx context.Context, j *job, photo *Photo) error {
		pg, err := j.readText(ctx, photo, false)
		if pg == nil {
			return err
		}
		// The whole photo, not the page: the cut-out of the pack's white
		// paper leaves a dark title band outside.
		whole := stretch(fitWithin(photo.Gray, paperLong))
		light, lerr := j.readLines(ctx, negative(rotate(whole, textAngle(whole))), gosseract.PSM_AUTO)
		p = packProduct(append(pg.lines, light...))
		if name := titleName(append(light, pg.lines...)); name != "" {
			p.Name = name
		}
		return errors.Join(err, lerr)
	})
	if err != nil {
		return pzn.Product{}, err
	}
	return p, nil
}

// titleName is the product name in the tallest line of print that reads as
// a name: letters, at most four words, no slashes or colons (the labels
// beside a Data Matrix, "PC/SN/LOT/EXP"). "" when none does.
func titleName(lines []textLine) string {
	sort.SliceStable(lines, func(a, b int) bool { return lines[a].Box.Dy() > lines[b].Box.Dy() })
	for _, l := range lines {
		if l.Conf < 60 || strings.ContainsAny(l.Text, "/:") {
			continue
		}
		name := pzn.ParseProduct(l.Text).Name
		if letters(name) >= 4 && len(strings.Fields(name)) <= 4 && letters(name)*10 >= len(name)*7 {
			return name
		}
	}
	return ""
}

// negative turns light print on dark into dark print on light.
func negative(g *image.Gray) *image.Gray {
	out := image.NewGray(g.Rect)
	for i, v := range g.Pix {
		out.Pix[i] = 255 - v
	}
	return out
}
