package ocr

import "time"

// Stage is the time one step of a scan took. Scans report their stages so
// that benchmarks can say where the time went; nothing in a stage is read
// from the photo.
type Stage struct {
	Name    string
	Elapsed time.Duration
}

// Stage names, in pipeline order.
const (
	StageDecode   = "decode"
	StageBarcodes = "barcodes"
	StagePage     = "page"    // the sheet found, straightened and scaled
	StageText     = "text"    // the field or page read by tesseract
	StageBands    = "bands"   // the print beside barcodes
	StageRereads  = "rereads" // PZN lines read again (a pack: the page too) and the lines interpreted
)

// timed adds a stage to the result that ran from start until now.
func (r *Result) timed(name string, start time.Time) {
	r.Stages = append(r.Stages, Stage{Name: name, Elapsed: time.Since(start)})
}

// stageNames lists the stages a scan went through, for a log line.
func stageNames(stages []Stage) []string {
	out := make([]string, len(stages))
	for i, s := range stages {
		out[i] = s.Name
	}
	return out
}
