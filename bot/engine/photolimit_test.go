package engine_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/engine"
	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/internal/testsupport/testwait"
	"github.com/apobot/apobot/ocr/photo"
)

// mediaMessenger serves photos by reference and counts the downloads.
type mediaMessenger struct {
	media   map[string][]byte
	fetched atomic.Int32
}

func (m *mediaMessenger) Send(context.Context, string, string, time.Time) (string, error) {
	return "sent", nil
}

func (m *mediaMessenger) Fetch(_ context.Context, ref string) ([]byte, error) {
	m.fetched.Add(1)
	return m.media[ref], nil
}

// pixelScanner reads nothing; it notes whether the photo's pixels were held
// while it read, and fails for the broken photo.
type pixelScanner struct {
	e        *engine.Engine
	broken   []byte
	mu       sync.Mutex
	scans    int
	unbudget int // scans while no pixels were held
}

func (s *pixelScanner) Scan(_ context.Context, data []byte) (bot.Findings, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.scans++
	if s.e.PixelsAllFree() {
		s.unbudget++
	}
	if bytes.Equal(data, s.broken) {
		return bot.Findings{}, bot.Errorf(bot.EINVALID, "photo.cannot_open", nil)
	}
	return bot.Findings{}, nil
}

func encodePNG(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestPhotosAreBudgeted: a WhatsApp chat's photos (and a web chat's) are
// downloaded and read while their pixels are held, six a minute (the seventh is told
// once, the eighth not at all, neither is downloaded); a photo whose header
// claims more than 50 megapixels is told and never read; pixels are given
// back after a failed reading and a download that does not decode too.
func TestPhotosAreBudgeted(t *testing.T) {
	var clock atomic.Int64
	clock.Store(monday.UnixNano())
	bomb := encodePNG(t, 1, 1)
	copy(bomb[16:24], []byte{0, 0, 0x27, 0x10, 0, 0, 0x27, 0x10}) // IHDR: 10000×10000
	m := &mediaMessenger{media: map[string][]byte{"pic": encodePNG(t, 40, 30), "bomb": fixCRC(bomb), "broken": encodePNG(t, 3, 3),
		"page": []byte("<html>not a photo</html>")}}
	sc := &pixelScanner{broken: m.media["broken"]}
	said := make(chan turnDone, 20)
	db := newDB(t)
	e := engineOn(t, db, map[bot.Channel]bot.Messenger{bot.ChannelWhatsApp: m}, func(c *engine.Config) {
		c.Scanner, c.Clean = sc, photo.Clean
		c.Now = func() time.Time { return time.Unix(0, clock.Load()) }
		c.Said = func(id int64, rs []bot.Reply) { said <- turnDone{id, rs} }
	})
	sc.e = e
	ctx, cancel := context.WithCancel(context.Background())
	if err := e.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); e.Stop() })
	wait := testwait.Context(t)
	n := 0
	send := func(chat, ref string) []msg.ID {
		t.Helper()
		n++
		in := bot.Inbound{Channel: bot.ChannelWhatsApp, ChatKey: chat, ReplyTo: "49151" + chat,
			MessageID: fmt.Sprint("wamid.", n), MediaRef: ref, ReceivedAt: time.Unix(0, clock.Load())}
		if chat == "web" { // sent with the message, cleaned as it comes
			in.Channel, in.ReplyTo, in.MediaRef, in.Photo = bot.ChannelWeb, "", "", m.media[ref]
		}
		rc, err := e.Receive(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		for {
			select {
			case done := <-said:
				if done.message != rc.MessageID {
					continue
				}
				var ids []msg.ID
				for _, r := range done.replies {
					ids = append(ids, r.IDs...)
				}
				return ids
			case <-wait.Done():
				t.Fatalf("no answer to photo %d", n)
			}
		}
	}
	for i := range engine.PhotosPerChat {
		if ids := send("wa-a", "pic"); !slices.Contains(ids, "photo.nothing_read") {
			t.Fatalf("photo %d said %v, want it read", i+1, ids)
		}
	}
	if ids := send("wa-a", "pic"); !slices.Contains(ids, "photo.too_many") {
		t.Fatalf("photo 7 within the minute said %v, want photo.too_many", ids)
	}
	if ids := send("wa-a", "pic"); len(ids) != 0 {
		t.Fatalf("photo 8 within the minute said %v, want nothing more", ids)
	}
	if got := m.fetched.Load(); got != engine.PhotosPerChat {
		t.Fatalf("%d downloads, want %d: photos beyond the limit are not downloaded", got, engine.PhotosPerChat)
	}
	clock.Add(int64(engine.PhotoWindow))
	if ids := send("wa-a", "pic"); !slices.Contains(ids, "photo.nothing_read") {
		t.Fatalf("a minute later said %v, want the photo read", ids)
	}
	if ids := send("wa-b", "bomb"); !slices.Contains(ids, "photo.too_many_pixels") {
		t.Fatalf("a 100-megapixel header said %v, want photo.too_many_pixels", ids)
	}
	if ids := send("wa-c", "broken"); !slices.Contains(ids, "photo.cannot_open") {
		t.Fatalf("a failed reading said %v, want photo.cannot_open", ids)
	}
	if ids := send("wa-d", "page"); !slices.Contains(ids, "photo.cannot_open") {
		t.Fatalf("a download that is no image said %v, want photo.cannot_open", ids)
	}
	if ids := send("web", "pic"); !slices.Contains(ids, "photo.nothing_read") {
		t.Fatalf("a web chat photo said %v, want it read", ids)
	}
	if sc.scans != engine.PhotosPerChat+3 || sc.unbudget != 0 || !e.PixelsAllFree() {
		t.Fatalf("%d scans, %d without their pixels held, all free after: %v; want %d, 0, true",
			sc.scans, sc.unbudget, e.PixelsAllFree(), engine.PhotosPerChat+3)
	}
}

// fixCRC sets the CRC of a PNG's IHDR chunk after its sizes were changed.
func fixCRC(b []byte) []byte {
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}
