package photogen

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
)

// HugePNG returns a valid RGB PNG of w×h pixels that is small as a file and
// large once decoded: white with a grey band every hundred rows, which
// deflate packs a thousandfold (6000×6600 is about 120 KB and unpacks to
// 158 MB). It is built row by row, so making it costs no decoded image.
func HugePNG(w, h int) []byte {
	var idat bytes.Buffer
	z, _ := zlib.NewWriterLevel(&idat, zlib.BestCompression)
	white, grey := pngRow(w, 0xff), pngRow(w, 0x80)
	for y := range h {
		row := white
		if y%100 < 10 {
			row = grey
		}
		z.Write(row)
	}
	z.Close()
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	ihdr = append(ihdr, 8, 2, 0, 0, 0) // 8 bits, RGB, deflate, no filter set, not interlaced
	pngChunkTo(&out, "IHDR", ihdr)
	pngChunkTo(&out, "IDAT", idat.Bytes())
	pngChunkTo(&out, "IEND", nil)
	return out.Bytes()
}

// pngRow is one scanline of an RGB PNG: filter "none", then w pixels of v.
func pngRow(w int, v byte) []byte {
	row := bytes.Repeat([]byte{v}, 1+3*w)
	row[0] = 0
	return row
}

// pngChunkTo writes one PNG chunk: length, type, data, CRC of type and data.
func pngChunkTo(out *bytes.Buffer, kind string, data []byte) {
	out.Write(binary.BigEndian.AppendUint32(nil, uint32(len(data))))
	crc := crc32.NewIEEE()
	crc.Write([]byte(kind))
	crc.Write(data)
	out.WriteString(kind)
	out.Write(data)
	out.Write(binary.BigEndian.AppendUint32(nil, crc.Sum32()))
}
