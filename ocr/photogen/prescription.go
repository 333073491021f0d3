package photogen

import (
	"fmt"
	"image"
	"image/color"
	"math/rand/v2"
	"strings"
)

var (
	formPink = color.RGBA{250, 214, 226, 255} // the Muster 16 paper
	formRed  = color.RGBA{214, 60, 110, 255}  // its printed labels and lines
	ink      = color.RGBA{20, 20, 30, 255}    // the practice printer
)

// prescription draws a paper prescription in the style of Muster 16: the
// patient block top left (personal data), and one to three medication lines,
// each with its PZN, in the prescription field.
func (s *Sample) prescription(r *rand.Rand) (*document, error) {
	d, err := newDocument(1480, 1050, formPink)
	if err != nil {
		return nil, err
	}
	drawFormPrint(d)
	s.drawPatient(d, r)
	n := 1 + r.IntN(3)
	for i := 0; i < n; i++ {
		p, z := pick(r, products), randomPZN(r)
		s.PZNs, s.Products = append(s.PZNs, z), append(s.Products, p)
		y := 560 + i*95
		d.frame(image.Rect(40, y-30, 70, y), 2, formRed) // aut idem box
		d.text(100, y, 34, false, ink, productLine(p))
		d.text(100, y+40, 30, false, ink, z.Label())
	}
	d.text(900, 990, 26, false, ink, "Dr. med. "+pick(r, lastNames))
	return d, nil
}

// drawFormPrint draws the form's own red print.
func drawFormPrint(d *document) {
	d.text(40, 50, 22, false, formRed, "Krankenkasse bzw. Kostenträger")
	d.text(40, 150, 22, false, formRed, "Name, Vorname des Versicherten")
	d.text(560, 150, 22, false, formRed, "geb. am")
	d.text(40, 330, 22, false, formRed, "Kostenträgerkennung    Versicherten-Nr.    Status")
	d.text(40, 420, 22, false, formRed, "Betriebsstätten-Nr.    Arzt-Nr.    Datum")
	d.text(40, 500, 30, true, formRed, "Rp. (Bitte Leerräume durchstreichen)")
	d.frame(image.Rect(20, 20, 760, 460), 3, formRed)
	d.frame(image.Rect(20, 470, 1460, 880), 3, formRed)
	d.text(1000, 60, 40, true, formRed, "Muster 16")
	d.text(40, 920, 22, false, formRed, "Apotheken-Nummer / IK    Gesamt-Brutto    Arzneimittel-/Hilfsmittel-Nr.")
}

// drawPatient fills the patient block: health data that must never be returned.
func (s *Sample) drawPatient(d *document, r *rand.Rand) {
	name := pick(r, lastNames) + ", " + pick(r, firstNames)
	birth := fmt.Sprintf("%02d.%02d.%d", 1+r.IntN(28), 1+r.IntN(12), 1940+r.IntN(60))
	street := fmt.Sprintf("%s %d", pick(r, streets), 1+r.IntN(120))
	id := kvnr(r)
	d.text(40, 100, 30, false, ink, pick(r, insurers))
	d.text(40, 195, 32, false, ink, name)
	d.text(560, 195, 32, false, ink, birth)
	d.text(40, 240, 30, false, ink, street)
	d.text(40, 280, 30, false, ink, fmt.Sprintf("%05d Magdeburg", 39104+r.IntN(30)))
	d.text(40, 375, 30, false, ink, fmt.Sprintf("10%07d    %s    1000000", r.IntN(1e7), id))
	s.Personal = append(s.Personal, name, birth, street, id)
}

// erxPrintout draws the patient printout of e-prescriptions: one Data Matrix
// per prescription and a collective one with all of them, the medication names
// beside, and the patient's name at the top.
func (s *Sample) erxPrintout(r *rand.Rand) (*document, error) {
	d, err := newDocument(1240, 1750, color.White)
	if err != nil {
		return nil, err
	}
	name := pick(r, firstNames) + " " + pick(r, lastNames)
	s.Personal = append(s.Personal, name)
	d.text(60, 90, 44, true, ink, "Ausdruck zur Einlösung Ihres E-Rezeptes")
	d.text(60, 160, 30, false, ink, "für "+name)
	n := 1 + r.IntN(3)
	var urls []string
	for i := 0; i < n; i++ {
		id, code := randomTaskID(r), randomHex(r, 64)
		s.Tasks = append(s.Tasks, id)
		s.Codes = append(s.Codes, code)
		url := fmt.Sprintf("%q", "Task/"+id+"/$accept?ac="+code)
		urls = append(urls, url)
		p := pick(r, products)
		s.Products = append(s.Products, p)
		y := 620 + i*360
		if _, err := d.dataMatrix(`{"urls":[`+url+`]}`, 60, y, 6); err != nil {
			return nil, err
		}
		d.text(380, y+60, 32, false, ink, productLine(p))
	}
	if _, err := d.dataMatrix(`{"urls":[`+strings.Join(urls, ",")+`]}`, 800, 180, 6); err != nil {
		return nil, err
	}
	d.text(60, 300, 28, false, ink, "Sammelcode für alle Verordnungen")
	return d, nil
}
