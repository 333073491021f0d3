package threema

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/nacl/box"
)

// The message types apobot reads (the first byte of an opened box).
const (
	typeText    = 0x01
	typeFile    = 0x17
	typeReceipt = 0x80
)

// Kind is what a message is to apobot.
type Kind int

const (
	// Text is a text message.
	Text Kind = iota + 1
	// File is a file message; an image is read, anything else is answered
	// with a request for a photo.
	File
	// Media is another message a customer sent (a legacy image, audio,
	// video, a location, a poll): answered with a request for a photo.
	Media
	// Control is a delivery receipt, a typing indicator or another message
	// that is not the customer's: dropped.
	Control
)

// Message is an opened box.
type Message struct {
	Kind Kind
	Text string // a text, or a file's caption
	File FileRef
}

// FileRef is what a file message says about its blob.
type FileRef struct {
	BlobID    string   // 32 hex digits
	Key       [32]byte // the blob's secretbox key
	MediaType string
	Size      int64
}

// Image reports whether the file is a photo apobot reads.
func (f FileRef) Image() bool { return f.MediaType == "image/jpeg" || f.MediaType == "image/png" }

// Ref is the file as a media reference for Client.Fetch: blob id and key.
// It is a secret (it opens the photo): stored sealed, like every media
// reference.
func (f FileRef) Ref() string { return f.BlobID + ":" + hex.EncodeToString(f.Key[:]) }

// ErrBox is a box that does not open with the sender's public key and the
// pharmacy's private key, or whose content is not a valid message.
var ErrBox = errors.New("threema: the box does not open")

// Open decrypts a callback's box from sender (their public key) to the
// pharmacy (its private key), removes the padding and reads the message.
func Open(c Callback, senderPub, ownPriv *[32]byte) (Message, error) {
	plain, ok := box.Open(nil, c.Box, &c.Nonce, senderPub, ownPriv)
	if !ok {
		return Message{}, ErrBox
	}
	body, err := unpad(plain)
	if err != nil {
		return Message{}, err
	}
	return read(body)
}

// unpad removes PKCS#7-style padding: the last byte gives its length.
func unpad(p []byte) ([]byte, error) {
	if len(p) < 2 {
		return nil, fmt.Errorf("%w: too short", ErrBox)
	}
	n := int(p[len(p)-1])
	if n == 0 || n >= len(p) {
		return nil, fmt.Errorf("%w: padding", ErrBox)
	}
	return p[:len(p)-n], nil
}

// read turns type byte and body into a Message.
func read(body []byte) (Message, error) {
	switch t := body[0]; {
	case t == typeText:
		if !utf8.Valid(body[1:]) {
			return Message{}, fmt.Errorf("%w: text is not UTF-8", ErrBox)
		}
		return Message{Kind: Text, Text: string(body[1:])}, nil
	case t == typeFile:
		return readFile(body[1:])
	case t >= typeReceipt:
		return Message{Kind: Control}, nil
	default:
		return Message{Kind: Media}, nil
	}
}

// fileJSON is the documented file message: blob id, key, media type, size,
// caption ("d").
type fileJSON struct {
	Blob    string `json:"b"`
	Key     string `json:"k"`
	Media   string `json:"m"`
	Size    int64  `json:"s"`
	Caption string `json:"d"`
}

func readFile(body []byte) (Message, error) {
	var f fileJSON
	if err := json.Unmarshal(body, &f); err != nil {
		return Message{}, fmt.Errorf("%w: file message", ErrBox)
	}
	blob, err1 := hex.DecodeString(f.Blob)
	key, err2 := hex.DecodeString(f.Key)
	if err1 != nil || err2 != nil || len(blob) != 16 || len(key) != 32 {
		return Message{}, fmt.Errorf("%w: file message blob or key", ErrBox)
	}
	m := Message{Kind: File, Text: f.Caption, File: FileRef{BlobID: strings.ToLower(f.Blob), MediaType: f.Media, Size: f.Size}}
	copy(m.File.Key[:], key)
	return m, nil
}

// minPadded is the least length of type, body and padding together, so
// that short replies do not give away their length.
const minPadded = 32

// seal encrypts a text reply for the recipient with random padding.
func seal(text string, recipientPub, ownPriv *[32]byte) (nonce [24]byte, boxed []byte, err error) {
	if _, err = rand.Read(nonce[:]); err != nil {
		return nonce, nil, err
	}
	plain := append([]byte{typeText}, text...)
	var b [1]byte
	if _, err = rand.Read(b[:]); err != nil {
		return nonce, nil, err
	}
	pad := 1 + int(b[0])%255
	if len(plain)+pad < minPadded {
		pad = minPadded - len(plain)
	}
	for range pad {
		plain = append(plain, byte(pad))
	}
	return nonce, box.Seal(nil, plain, &nonce, recipientPub, ownPriv), nil
}

// ParseKey reads a 32-byte key written as 64 hex digits.
func ParseKey(s string) (*[32]byte, error) {
	b, err := hex.DecodeString(strings.TrimSpace(s))
	if err != nil || len(b) != 32 {
		return nil, errors.New("threema: a key is 64 hex digits")
	}
	var k [32]byte
	copy(k[:], b)
	return &k, nil
}
