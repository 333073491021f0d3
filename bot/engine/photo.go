package engine

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/match"
	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/pzn"
)

// intake takes customers' photos in: it counts them per chat, holds their
// pixels within the budget, fetches them from the platforms, cleans the
// copy that is stored and scans them; what a scan found goes to the
// dialog.
type intake struct {
	cfg    Config
	log    *slog.Logger
	now    func() time.Time
	photos *pending
	talk   *dialog
}

// photo answers a message with a photo (or a document): fetch it from the
// platform, scan it, and take what it says into the draft.
func (e *intake) photo(ctx context.Context, t *turn, m bot.Message) error {
	if m.Document {
		t.say("photo.not_a_photo", nil)
		return nil
	}
	data, release, err := e.fetch(ctx, t, m)
	if err != nil || data == nil {
		return err
	}
	defer release()
	if e.cfg.Scanner == nil {
		t.say("photo.no_reader", nil)
		return nil
	}
	start := time.Now()
	f, err := e.cfg.Scanner.Scan(ctx, data)
	switch {
	case ctx.Err() != nil:
		return ctx.Err() // interrupted: the message stays unprocessed
	case bot.ErrorCode(err) == bot.EINVALID:
		e.cfg.Observer.Scanned("invalid", time.Since(start))
		t.photo = nil // not an image: nothing of it is kept
		t.say("photo.cannot_open", nil)
		return nil
	case err != nil:
		e.cfg.Observer.Scanned("error", time.Since(start))
		e.log.Error("scan photo", "conversation", t.conv.ID, "err", err)
		f = bot.Findings{}
	default:
		e.cfg.Observer.Scanned(f.Outcome(), time.Since(start))
	}
	return e.talk.at(t.conv.Branch).takePhoto(ctx, t, m, data, f)
}

// takePhoto takes what a photo's scan found into the draft: a prescription
// this channel does not take is withheld, a pack's printed name read, and a
// caption read as a request.
func (e *dialog) takePhoto(ctx context.Context, t *turn, m bot.Message, data []byte, f bot.Findings) error {
	if refused, err := e.withhold(ctx, t, f); refused || err != nil {
		return err // a prescription this channel does not take: nothing of it is kept
	}
	if err := e.readPrinted(ctx, data, &f); err != nil {
		return err
	}
	t.findings = f.Record()
	d, err := e.loadDraft(ctx, t.conv)
	if err != nil {
		return err
	}
	e.takeFindings(t, d, f)
	if m.Text != "" {
		e.request(t, d, m.Text, false) // a caption: "2x" or a product
	}
	if f.Empty() {
		d.flags.Unreadable, d.marked = true, true
		t.say("photo.nothing_read", nil)
	}
	sayAlready(t, d)
	return e.save(ctx, t, d)
}

// fetch returns the photo's bytes with its pixels reserved until release:
// sent with the message (the web chat, counted and cleaned when it came),
// or downloaded from the platform, counted against the chat's photos and
// cleaned now. What is not taken is told to the customer; data is nil.
func (e *intake) fetch(ctx context.Context, t *turn, m bot.Message) (data []byte, release func(), err error) {
	if len(m.Photo) > 0 || m.MediaRef == "" {
		return e.reservePixels(ctx, t, m.Photo)
	}
	if !e.photoAllowed(t) {
		return nil, nil, nil
	}
	if data, err = e.download(ctx, t, m); err != nil || data == nil {
		return nil, nil, err
	}
	data, held, err := e.reservePixels(ctx, t, data)
	if err != nil || data == nil {
		return nil, nil, err
	}
	kept := false
	defer func() {
		if !kept {
			held()
		}
	}()
	// Staff see the clean copy; the scanner reads the file as sent, in
	// memory only, which loses nothing to a second encoding.
	if t.photo, err = e.clean(data); err != nil {
		e.cfg.Observer.Scanned("invalid", 0)
		t.say("photo.cannot_open", nil)
		return nil, nil, nil
	}
	kept = true
	return data, held, nil
}

// download fetches a photo from its platform. A failed download is told to
// the customer.
func (e *intake) download(ctx context.Context, t *turn, m bot.Message) ([]byte, error) {
	ms := e.cfg.Messengers[t.conv.Channel]
	if ms == nil {
		return nil, errors.New("a media reference on a channel without messenger")
	}
	data, err := ms.Fetch(ctx, m.MediaRef)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		e.log.Warn("fetch photo", "conversation", t.conv.ID, "channel", string(t.conv.Channel), "err", err)
		t.say("photo.not_loaded", nil)
		return nil, nil
	}
	return data, nil
}

// photoAllowed counts a messenger's photo against its chat's PhotosPerChat
// before it is downloaded; beyond, the customer is told once a window and
// the photo is neither fetched nor read.
func (e *intake) photoAllowed(t *turn) bool {
	_, tell, ok := e.photos.rate.allow(t.conv.ChatKey, e.now())
	if !ok && tell {
		t.say("photo.too_many", msg.Args{"Max": PhotosPerChat})
	}
	return ok
}

// reservePixels waits until the photo's pixels fit the budget (or ctx
// ends). A photo above MaxPhotoPixels is told and not read: data is nil.
func (e *intake) reservePixels(ctx context.Context, t *turn, data []byte) ([]byte, func(), error) {
	if len(data) == 0 {
		return nil, nil, nil
	}
	release, err := e.photos.pixels.reserve(ctx, data)
	switch {
	case bot.ErrorCode(err) == bot.EINVALID:
		t.say(errPhotoTooLarge.ID, errPhotoTooLarge.Args)
		return nil, nil, nil
	case err != nil:
		return nil, nil, err
	}
	return data, release, nil
}

// takeIn checks and cleans a photo sent with its message (the web chat)
// before it is stored: the chat's PhotosPerChat (TooManyPhotos), its
// pixels (EINVALID above MaxPhotoPixels; ErrPhotosBehind when they do not
// fit the budget within PhotoWait), and a decodable image (EINVALID).
func (e *intake) takeIn(ctx context.Context, in *bot.Inbound) error {
	if len(in.Photo) == 0 {
		return nil
	}
	if wait, _, ok := e.photos.rate.allow(in.ChatKey, e.now()); !ok {
		return &TooManyPhotos{RetryAfter: wait}
	}
	if e.cfg.Clean == nil {
		return nil // stored as sent: nothing is decoded here
	}
	wctx, cancel := context.WithTimeout(ctx, e.photos.wait)
	defer cancel()
	release, err := e.photos.pixels.reserve(wctx, in.Photo)
	switch {
	case bot.ErrorCode(err) == bot.EINVALID:
		return err
	case err != nil && ctx.Err() == nil:
		return ErrPhotosBehind
	case err != nil:
		return err
	}
	defer release()
	clean, err := e.clean(in.Photo)
	if err != nil {
		return err
	}
	in.Photo = clean
	return nil
}

// errNoImage refuses a photo that does not decode: nothing of it is stored.
var errNoImage = bot.Errorf(bot.EINVALID, "photo.cannot_open", nil)

// clean returns the copy of a photo to store (Config.Clean); its caller
// holds the photo's pixels.
func (e *intake) clean(data []byte) ([]byte, error) {
	if e.cfg.Clean == nil {
		return data, nil
	}
	clean, err := e.cfg.Clean(data)
	if err != nil {
		return nil, errNoImage
	}
	return clean, nil
}

// readPrinted reads the printed name of a pack whose one certain PZN the
// inventory does not know and whose barcode alone answered the scan, so the
// pharmacist and the customer see "Amoxicillin AbZ 1000 mg" rather than a
// bare number. Known packs are not read again: they stay fast. Only an
// interruption is an error; a failed reading leaves the number bare.
func (e *dialog) readPrinted(ctx context.Context, data []byte, f *bot.Findings) error {
	reader, ok := e.cfg.Scanner.(bot.ProductReader)
	if !ok || f.Kind != "pack" || len(f.PZNs) != 1 || f.Printed[f.PZNs[0]].Name != "" {
		return nil
	}
	if _, known := e.catalogNow().ByPZN(f.PZNs[0]); known {
		return nil
	}
	p, err := reader.ReadProduct(ctx, data)
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case err != nil:
		e.log.Warn("read a pack's printed name", "err", err)
		return nil
	}
	if f.Printed == nil {
		f.Printed = map[pzn.PZN]pzn.Product{}
	}
	f.Printed[f.PZNs[0]] = p
	return nil
}

// takeFindings adds what a photo says to the draft: certain PZNs (to order
// when the pharmacy does not carry them), e-prescription tasks, and a
// question for PZNs read once or product text that fits several products.
func (e *dialog) takeFindings(t *turn, d *draft, f bot.Findings) {
	cat := e.catalogNow()
	rx := f.Kind == "prescription"
	for _, z := range f.PZNs {
		if p, ok := cat.ByPZN(z); ok {
			d.add(itemOf(p), 0)
			continue
		}
		it := bot.Item{PZN: z, Rx: rx}
		if p, ok := f.Printed[z]; ok && p.Name != "" { // what the photo prints, for the pharmacist and the customer
			it.Name, it.Strength, it.Form, it.Count, it.Printed = p.Name, p.Strength, p.Form, p.Count, true
		}
		d.add(it, 0)
	}
	// A task's id and access code stay sealed with the findings, for staff;
	// the pre-order only counts the prescriptions.
	n := 0
	for _, it := range d.items {
		if it.ERx() {
			n++
		}
	}
	for range f.Tasks {
		n++
		d.add(bot.Item{Name: bot.ErxItem + strconv.Itoa(n), Rx: true}, 0)
	}
	var maybe []match.Match
	for _, z := range f.MaybePZNs {
		if p, ok := cat.ByPZN(z); ok {
			maybe = append(maybe, match.Match{Product: p, Score: 0.5})
		}
	}
	if len(f.PZNs) == 0 && len(f.Tasks) == 0 {
		for _, p := range f.Products {
			if p.Name == "" {
				continue
			}
			res := cat.Match(bot.ProductQuery(p))
			switch {
			case res.Product != nil && len(maybe) == 0:
				d.add(itemOf(*res.Product), 0)
			case res.Product != nil:
				maybe = append(maybe, match.Match{Product: *res.Product})
			default:
				maybe = append(maybe, res.Candidates...)
			}
		}
	}
	if len(maybe) > 0 {
		e.ask(t, productsOf(maybe[:min(len(maybe), 5)]), 0)
	}
}
