package photogen

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
)

// GPSPlace is the position WithEXIF writes into a photo's GPS block, so a
// test can look for it in whatever apobot stores or serves.
const GPSPlace = "GPS 52.1205N 11.6276E Magdeburg"

// WithEXIF returns a JPEG with an EXIF block as a phone writes it, put
// right after the start marker: orientation o (6: taken turned a quarter)
// and a GPS IFD with the latitude reference and GPSPlace as area text.
func WithEXIF(jpg []byte, o uint16) []byte {
	tiff := exifTIFF(o)
	seg := append([]byte("Exif\x00\x00"), tiff...)
	out := append([]byte{}, jpg[:2]...)
	out = append(out, 0xff, 0xe1, byte((len(seg)+2)>>8), byte(len(seg)+2))
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

// exifTIFF is a big-endian TIFF structure: IFD0 with the orientation and a
// pointer to the GPS IFD, which holds the reference "N" and the area text.
func exifTIFF(o uint16) []byte {
	be := binary.BigEndian
	var b bytes.Buffer
	entry := func(tag, typ uint16, count, value uint32) {
		binary.Write(&b, be, tag)
		binary.Write(&b, be, typ)
		binary.Write(&b, be, count)
		binary.Write(&b, be, value)
	}
	b.WriteString("MM\x00\x2a")
	binary.Write(&b, be, uint32(8))
	const gpsIFD = 8 + 2 + 2*12 + 4
	binary.Write(&b, be, uint16(2))
	entry(0x0112, 3, 1, uint32(o)<<16)
	entry(0x8825, 4, 1, gpsIFD)
	binary.Write(&b, be, uint32(0))
	const text = gpsIFD + 2 + 2*12 + 4
	binary.Write(&b, be, uint16(2))
	entry(0x0001, 2, 2, uint32('N')<<24)
	entry(0x001C, 7, uint32(len(GPSPlace)), text)
	binary.Write(&b, be, uint32(0))
	b.WriteString(GPSPlace)
	return b.Bytes()
}

// Marked is a w×h light picture whose top-left quarter is black, so a test
// can tell after decoding whether and how it was turned.
func Marked(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{240, 240, 240, 255}
			if x < w/2 && y < h/2 {
				c = color.RGBA{0, 0, 0, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}
