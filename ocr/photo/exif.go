package photo

import "encoding/binary"

// Orientation returns the EXIF orientation (1..8) of an image file, 1 when it
// has none or it cannot be read. Only the orientation is read; every other
// metadata field is ignored and dropped with the file.
func Orientation(format string, data []byte) int {
	var tiff []byte
	switch format {
	case "jpeg":
		tiff = jpegExif(data)
	case "webp":
		tiff = riffChunk(data, "EXIF")
	case "png":
		tiff = pngChunk(data, "eXIf")
	}
	if len(tiff) >= 6 && string(tiff[:6]) == "Exif\x00\x00" {
		tiff = tiff[6:]
	}
	if o := tiffOrientation(tiff); o >= 1 && o <= 8 {
		return o
	}
	return 1
}

// jpegExif finds the APP1 "Exif" segment before the image data.
func jpegExif(b []byte) []byte {
	for i := 2; i+4 <= len(b); {
		if b[i] != 0xff {
			return nil
		}
		marker := b[i+1]
		if marker == 0xda || marker == 0xd9 { // start of scan, end of image
			return nil
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		if n < 2 || i+2+n > len(b) {
			return nil
		}
		seg := b[i+4 : i+2+n]
		if marker == 0xe1 && len(seg) >= 6 && string(seg[:6]) == "Exif\x00\x00" {
			return seg
		}
		i += 2 + n
	}
	return nil
}

// riffChunk finds a top-level chunk of a RIFF (WebP) file.
func riffChunk(b []byte, id string) []byte {
	for i := 12; i+8 <= len(b); {
		n := int(binary.LittleEndian.Uint32(b[i+4:]))
		if n < 0 || n > len(b)-i-8 {
			return nil
		}
		if string(b[i:i+4]) == id {
			return b[i+8 : i+8+n]
		}
		i += 8 + n + n%2
	}
	return nil
}

// pngChunk finds a chunk of a PNG file.
func pngChunk(b []byte, id string) []byte {
	for i := 8; i+12 <= len(b); {
		n := int(binary.BigEndian.Uint32(b[i:]))
		if n < 0 || n > len(b)-i-12 {
			return nil
		}
		if string(b[i+4:i+8]) == id {
			return b[i+8 : i+8+n]
		}
		i += 12 + n
	}
	return nil
}

// tiffOrientation reads tag 0x0112 from the first IFD of a TIFF structure.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 0
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 0
	}
	ifd := int(bo.Uint32(t[4:]))
	if ifd < 8 || ifd > len(t)-2 {
		return 0
	}
	count := int(bo.Uint16(t[ifd:]))
	for k := 0; k < count; k++ {
		e := ifd + 2 + 12*k
		if e+12 > len(t) {
			return 0
		}
		if bo.Uint16(t[e:]) == 0x0112 && bo.Uint16(t[e+2:]) == 3 { // SHORT
			return int(bo.Uint16(t[e+8:]))
		}
	}
	return 0
}
