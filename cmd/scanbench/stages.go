package main

import (
	"fmt"
	"io"

	"github.com/apobot/apobot/ocr"
	"github.com/apobot/apobot/ocr/photogen"
)

// stageOrder is the pipeline's order of stages.
var stageOrder = []string{ocr.StageDecode, ocr.StageBarcodes, ocr.StagePage, ocr.StageText, ocr.StageBands, ocr.StageRereads}

// stages prints, per kind, apobot's mean milliseconds per stage and its mean
// and largest number of tesseract recognitions per photo: where the time went.
func stages(w io.Writer, ts []truth, ours []outcome) {
	fmt.Fprintf(w, "\napobot mean ms per stage\n%-13s", "kind")
	for _, s := range stageOrder {
		fmt.Fprintf(w, " %9s", s)
	}
	fmt.Fprintf(w, " %9s %9s\n", "reads", "max reads")
	for _, k := range photogen.Kinds {
		sum, n, reads, most := map[string]float64{}, 0, 0, 0
		for i, tr := range ts {
			if tr.Kind != k || ours[i].Err != "" {
				continue
			}
			n++
			for s, ms := range ours[i].Stages {
				sum[s] += ms
			}
			reads += ours[i].Reads
			most = max(most, ours[i].Reads)
		}
		if n == 0 {
			continue
		}
		fmt.Fprintf(w, "%-13s", k)
		for _, s := range stageOrder {
			fmt.Fprintf(w, " %9.0f", sum[s]/float64(n))
		}
		fmt.Fprintf(w, " %9.1f %9d\n", float64(reads)/float64(n), most)
	}
}
