package engine_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/engine"
	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/bot/plan"
	"github.com/apobot/apobot/internal/testsupport/testwait"
	"github.com/apobot/apobot/store"
	"github.com/apobot/apobot/store/seal"
	"github.com/apobot/apobot/store/storetest"
)

// chat drives an engine over a real database, as one web chat customer.
type chat struct {
	t    *testing.T
	db   *store.DB
	e    *engine.Engine
	key  string
	seq  atomic.Int64
	said chan turnDone // what each turn answered, when its work is done
	ids  []msg.ID      // the IDs of the last say's replies
}

// monday is a Monday morning in Magdeburg: the pharmacy is open.
var monday = time.Date(2026, 11, 30, 9, 0, 0, 0, berlin)

var berlin, _ = time.LoadLocation("Europe/Berlin")

func newEngine(t *testing.T, msgr map[bot.Channel]bot.Messenger, opts ...func(*engine.Config)) (*store.DB, *engine.Engine) {
	t.Helper()
	db := newDB(t)
	if _, err := db.LoadDemoInventory(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db, engineOn(t, db, msgr, opts...)
}

// newDB opens a fresh database without products.
func newDB(t *testing.T) *store.DB {
	t.Helper()
	k, _ := seal.NewKey()
	db, _ := storetest.Open(t, store.Options{MasterKey: &k})
	return db
}

func TestMain(m *testing.M) { storetest.Main(m) }

// engineOn makes an engine over db on the demo pharmacy's plan, on a Monday.
func engineOn(t *testing.T, db *store.DB, msgr map[bot.Channel]bot.Messenger, opts ...func(*engine.Config)) *engine.Engine {
	t.Helper()
	p, err := plan.New(plan.Demo(berlin))
	if err != nil {
		t.Fatal(err)
	}
	cfg := engine.Config{Conversations: db, PreOrders: db, Inventory: db, Planner: p, Messengers: msgr,
		Claims: db.Claims(), Now: func() time.Time { return monday }}
	for _, o := range opts {
		o(&cfg)
	}
	return engine.New(cfg)
}

func newChat(t *testing.T) *chat {
	db := newDB(t)
	if _, err := db.LoadDemoInventory(context.Background()); err != nil {
		t.Fatal(err)
	}
	return chatOn(t, db)
}

// chatOn is a web chat with an engine over db, configured further by opts.
func chatOn(t *testing.T, db *store.DB, opts ...func(*engine.Config)) *chat {
	said := make(chan turnDone, 100)
	e := engineOn(t, db, nil, append(opts, func(cfg *engine.Config) {
		cfg.Said = func(msg int64, rs []bot.Reply) { said <- turnDone{msg, rs} }
	})...)
	ctx, cancel := context.WithCancel(context.Background())
	if err := e.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); e.Stop() })
	c := &chat{t: t, db: db, e: e, key: "web-" + t.Name(), said: said}
	if _, err := e.StartWebAt(ctx, c.key, "de", ""); err != nil {
		t.Fatal(err)
	}
	return c
}

// say sends text and returns the bot's replies to it, once the engine
// says the turn's work is done (Config.Said); c.ids holds their message
// IDs.
func (c *chat) say(text string) []string {
	c.t.Helper()
	return c.send(text, nil)
}

// send is say with a photo.
func (c *chat) send(text string, photo []byte) []string {
	c.t.Helper()
	n := c.seq.Add(1)
	rc, err := c.e.Receive(context.Background(), bot.Inbound{Channel: bot.ChannelWeb, ChatKey: c.key,
		MessageID: fmt.Sprint("m", n), Text: text, Photo: photo, ReceivedAt: monday})
	if err != nil {
		c.t.Fatalf("receive %q: %v", text, err)
	}
	ctx := c.t.Context()
	if deadline, ok := c.t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline.Add(-5*time.Second))
		defer cancel()
	}
	for {
		select {
		case done := <-c.said:
			if done.message != rc.MessageID {
				continue // an earlier message's turn
			}
			c.ids = c.ids[:0]
			var texts []string
			for _, r := range done.replies {
				c.ids = append(c.ids, r.IDs...)
				texts = append(texts, r.Text)
			}
			return texts
		case <-ctx.Done():
			c.t.Fatalf("no answer to %q", text)
			return nil
		}
	}
}

// turnDone is what Config.Said tells.
type turnDone struct {
	message int64
	replies []bot.Reply
}

func (c *chat) botMessages() []string {
	conv, err := c.db.ConversationByKey(context.Background(), c.key)
	if err != nil {
		return nil
	}
	msgs, _ := c.db.Messages(context.Background(), conv.ID, 0)
	var out []string
	for _, m := range msgs {
		if m.FromBot {
			out = append(out, m.Text)
		}
	}
	return out
}

func (c *chat) preOrder() bot.PreOrder {
	c.t.Helper()
	conv, err := c.db.ConversationByKey(context.Background(), c.key)
	if err != nil || conv.PreOrderID == 0 {
		c.t.Fatalf("no pre-order: %+v %v", conv, err)
	}
	po, err := c.db.PreOrder(context.Background(), conv.PreOrderID)
	if err != nil {
		c.t.Fatal(err)
	}
	return po
}

func wantReply(t *testing.T, got []string, parts ...string) {
	t.Helper()
	all := strings.Join(got, "\n")
	for _, p := range parts {
		if !strings.Contains(all, p) {
			t.Fatalf("replies %q do not say %q", got, p)
		}
	}
}

func TestTypedRequestBecomesAProposal(t *testing.T) {
	c := newChat(t)
	if got := c.botMessages(); len(got) != 1 || !strings.Contains(got[0], "Datenschutz") {
		t.Fatalf("web chat greeting %q, want the privacy notice", got)
	}
	wantReply(t, c.say("Wie ist der Stand?"), "keine Vorbestellung offen")
	got := c.say("Ich brauche Ibuprofen AL 400 20 Stück")
	wantReply(t, got, "1× Ibuprofen AL 400 mg, 20 St. – vorrätig", "Abholung möglich ab Montag, 30.11., 09:30 Uhr")
	po := c.preOrder()
	if po.Status != bot.StatusProposed || len(po.Items) != 1 || po.Items[0].PZN != "74372349" || po.Items[0].Reserved != 1 {
		t.Fatalf("pre-order %+v", po)
	}
	wantReply(t, c.say("2x"), "2× Ibuprofen AL 400 mg")
	if po := c.preOrder(); po.Items[0].Quantity != 2 || po.Items[0].Reserved != 2 {
		t.Fatalf("after 2x: %+v", po.Items)
	}
	wantReply(t, c.say("PZN 74372349"), "schon auf Ihrer Vorbestellung") // named again: no silence
	if po := c.preOrder(); po.Items[0].Quantity != 2 {
		t.Fatalf("named again: %+v, want the quantity kept", po.Items)
	}
	wantReply(t, c.say("und PZN 87519624"), "1× Paracetamol AbZ 1000 mg, 10 St. – wird bestellt")
	if po := c.preOrder(); len(po.Items) != 2 || !po.PickupAt.After(monday.Add(3*time.Hour)) {
		t.Fatalf("with an item to order: %+v", po)
	}
	wantReply(t, c.say("Bitte stornieren"), "storniert")
	if po, _ := c.db.PreOrder(context.Background(), po.ID); po.Status != bot.StatusCancelled {
		t.Fatalf("status %s, want cancelled", po.Status)
	}
	if p, _ := c.db.Product(context.Background(), "74372349"); p.Stock != 7 {
		t.Fatalf("stock %d after cancelling, want 7 again", p.Stock)
	}
}

func TestAmbiguousRequestIsAskedBack(t *testing.T) {
	c := newChat(t)
	got := c.say("Ibuprofen 400")
	wantReply(t, got, "Welches meinen Sie?", "1) Ibuprofen")
	var line string
	for _, l := range strings.Split(strings.Join(got, "\n"), "\n") {
		if strings.HasPrefix(l, "2) ") {
			line = strings.TrimPrefix(l, "2) ")
		}
	}
	if line == "" {
		t.Fatalf("no second candidate in %q", got)
	}
	wantReply(t, c.say("2"), "1× "+line)
	wantReply(t, c.say("Ibuprofen 400"), "Welches meinen Sie?")
	wantReply(t, c.say("nein"), "dann nicht")
	if po := c.preOrder(); len(po.Items) != 1 {
		t.Fatalf("items %+v, want the one chosen", po.Items)
	}
	wantReply(t, c.say("3x Ibuprofen 400"), "Welches meinen Sie?")
	wantReply(t, c.say("1"), "3× ") // the quantity waited with the question
}

func TestUnknownProductAndSmallTalk(t *testing.T) {
	c := newChat(t)
	wantReply(t, c.say("Hallo"), "Schicken Sie mir ein Foto")
	wantReply(t, c.say("Zauberpilze extra stark"), "nicht gefunden", "PZN")
	wantReply(t, c.say("3x"), "Wovon?")
}

// TestEmptyInventory: a pharmacy that has not imported its stock yet does
// not tell customers "nicht gefunden"; it says why it cannot look, and a
// PZN still reaches the pharmacist as a request to answer.
func TestEmptyInventory(t *testing.T) {
	c := chatOn(t, newDB(t))
	got := c.say("Ibuprofen 400 20 Stück")
	wantReply(t, got, "noch nicht hinterlegt", "persönlich")
	if strings.Contains(strings.Join(got, "\n"), "nicht gefunden") {
		t.Fatalf("replies %q say 'nicht gefunden' with no inventory to search", got)
	}
	wantReply(t, c.say("Hallo"), "Schicken Sie mir ein Foto") // small talk is not a product search
	wantReply(t, c.say("PZN 01234562"), "Verstanden")
	if po := c.preOrder(); len(po.Items) != 1 || po.Items[0].PZN != "01234562" || po.Items[0].Reserved != 0 {
		t.Fatalf("items %+v, want the PZN to order", po.Items)
	}
}

func TestQuestionsForThePharmacy(t *testing.T) {
	c := newChat(t)
	wantReply(t, c.say("Wann habt ihr heute offen?"), "Heute haben wir 08:00–13:00 und 14:00–18:30 Uhr geöffnet")
	wantReply(t, c.say("Gibt es einen Notdienst?"), "Notdienst", "2,50 €")
	c.say("Ibuprofen AL 400 20 Stück")
	wantReply(t, c.say("Darf ich das in der Schwangerschaft nehmen?"), "Apothekerinnen und Apotheker")
	if po := c.preOrder(); !po.Flags.Medical {
		t.Fatal("a medical question is not flagged for staff")
	}
	got := c.say("Do you have paracetamol 500 please? I need 10 tablets")
	wantReply(t, got, "Paracetamol AbZ 500 mg, 10 pcs")
}

func TestPersonalDataIsRedactedBeforeStorage(t *testing.T) {
	c := newChat(t)
	c.say("Ich bin Erika, KVNR A000500015, Tel. 0391 1234567")
	conv, _ := c.db.ConversationByKey(context.Background(), c.key)
	msgs, _ := c.db.Messages(context.Background(), conv.ID, 0)
	for _, m := range msgs {
		if strings.Contains(m.Text, "A000500015") || strings.Contains(m.Text, "1234567") {
			t.Fatalf("stored %q", m.Text)
		}
	}
}

func TestDeleteErasesTheChat(t *testing.T) {
	c := newChat(t)
	c.say("Ibuprofen AL 400 20 Stück")
	po := c.preOrder()
	old, _ := c.db.ConversationByKey(context.Background(), c.key)
	got := c.say("Bitte alles löschen")
	wantReply(t, got, "Alles aus diesem Chat ist gelöscht")
	if _, err := c.db.Messages(context.Background(), old.ID, 0); bot.ErrorCode(err) != bot.ENOTFOUND {
		t.Fatalf("old conversation still there: %v", err)
	}
	if len(c.botMessages()) != 1 {
		t.Fatalf("the fresh chat holds %q, want only the confirmation", c.botMessages())
	}
	if po, _ := c.db.PreOrder(context.Background(), po.ID); po.Status != bot.StatusCancelled {
		t.Fatalf("the erased chat's unapproved pre-order is %s, want cancelled", po.Status)
	}
}

func TestRedeliveredMessageIsAnsweredOnce(t *testing.T) {
	c := newChat(t)
	in := bot.Inbound{Channel: bot.ChannelWeb, ChatKey: c.key, MessageID: "same", Text: "Ibuprofen AL 400 20 Stück"}
	r1, err1 := c.e.Receive(context.Background(), in)
	r2, err2 := c.e.Receive(context.Background(), in)
	if err1 != nil || err2 != nil || r1.Duplicate || !r2.Duplicate {
		t.Fatalf("receipts %+v %+v, errors %v %v", r1, r2, err1, err2)
	}
	c.say("Danke")
	if n := strings.Count(strings.Join(c.botMessages(), "\n"), "Verstanden:"); n != 1 {
		t.Fatalf("%d summaries, want 1", n)
	}
}

func TestMessagesAreAnsweredInOrder(t *testing.T) {
	c := newChat(t)
	for i, text := range []string{"Ibuprofen AL 400 20 Stück", "2x", "3x", "4x"} {
		if _, err := c.e.Receive(context.Background(), bot.Inbound{Channel: bot.ChannelWeb, ChatKey: c.key,
			MessageID: fmt.Sprint("burst", i), Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	c.say("Danke")
	if po := c.preOrder(); po.Items[0].Quantity != 4 {
		t.Fatalf("quantity %d, want the last one (4)", po.Items[0].Quantity)
	}
}

func TestStoredWorkResumesAtStart(t *testing.T) {
	db, e := newEngine(t, nil)
	ctx := context.Background()
	if _, err := e.Receive(ctx, bot.Inbound{Channel: bot.ChannelWeb, ChatKey: "resume", MessageID: "1", Text: "PZN 74372349"}); err != nil {
		t.Fatal(err)
	}
	if err := e.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer e.Stop()
	testwait.Until(t, "the stored work", func() bool { ids, _ := db.Backlog(ctx); return len(ids) == 0 })
	if conv, _ := db.ConversationByKey(ctx, "resume"); conv.PreOrderID == 0 {
		t.Fatal("resumed without a pre-order")
	}
}

func TestApprovalTellsCodeAndTime(t *testing.T) {
	c := newChat(t)
	c.say("Ibuprofen AL 400 20 Stück")
	po := c.preOrder()
	at := time.Date(2026, 12, 1, 15, 0, 0, 0, berlin)
	got, err := c.e.Desk().Approve(context.Background(), po.ID, at)
	if err != nil || got.Status != bot.StatusApproved {
		t.Fatalf("approve: %+v %v", got, err)
	}
	msgs := c.botMessages()
	wantReply(t, msgs[len(msgs)-1:], "bestätigt", "Dienstag, 01.12., 15:00 Uhr", string(got.Code))
	wantReply(t, c.say("Ist meine Bestellung schon fertig?"), "bestätigt", string(got.Code))
	if _, err := c.e.Desk().Reject(context.Background(), po.ID, "nicht lieferbar"); bot.ErrorCode(err) != bot.ECONFLICT {
		t.Fatalf("rejecting an approved pre-order: %v", err)
	}
}

func TestOverlongAndEmptyMessagesAreRefused(t *testing.T) {
	_, e := newEngine(t, nil)
	for _, in := range []bot.Inbound{
		{ChatKey: "k", MessageID: "1", Text: strings.Repeat("a", bot.MaxText+1)},
		{ChatKey: "k", MessageID: "1"},
		{ChatKey: "k", MessageID: "1", Text: "\xff\xfe"},
		{ChatKey: "", MessageID: "1", Text: "x"},
	} {
		if _, err := e.Receive(context.Background(), in); bot.ErrorCode(err) != bot.EINVALID {
			t.Errorf("receive %.20q: %v, want %s", in.Text, err, bot.EINVALID)
		}
	}
}

// Customers do not write like a form: filler words, a price question in
// the middle of a question back, a form without a product, questions the
// bot cannot answer. Each gets a fitting reply, never silence.
func TestLooseWordingIsUnderstood(t *testing.T) {
	c := newChat(t)
	wantReply(t, c.say("ich brauche 2 Packungen Ibuprofen AL 400 20 Stück"), "2× Ibuprofen AL 400 mg, 20 St.")
	wantReply(t, c.say("doch lieber 3 Packungen"), "3× Ibuprofen AL 400 mg, 20 St.")
	wantReply(t, c.say("Ibuprofen 600"), "Welches meinen Sie?", "5)")
	wantReply(t, c.say("Was kostet das?"), "Preise")
	wantReply(t, c.say("die ganz normale"), "Bitte antworten Sie mit der Nummer", "1 bis 5")
	wantReply(t, c.say("2"), "1× Ibuprofen", "600 mg")                                          // the question stood through both
	wantReply(t, c.say("und Nasenspray"), "Welches meinen Sie?", "1) Xylometazolin ratiopharm") // in stock first
	wantReply(t, c.say("nein"), "dann nicht")
	wantReply(t, c.say("Wo seid ihr eigentlich?"), "Darauf kann ich leider nicht antworten")
	wantReply(t, c.say("Habt ihr Quarkwickel?"), "nicht gefunden", "Quarkwickel")
	got := c.say("Kann ich das mit Alkohol nehmen?")
	wantReply(t, got, "Apothekerinnen und Apotheker")
	if po := c.preOrder(); !po.Flags.Medical || len(po.Items) != 2 || po.Items[0].Quantity != 3 {
		t.Fatalf("pre-order %+v, want two items, 3 of the first, flagged for a pharmacist", po)
	}
}

// candidate returns the text of line "n) ..." of a question back.
func candidate(t *testing.T, got []string, n int) string {
	t.Helper()
	prefix := fmt.Sprintf("%d) ", n)
	for _, l := range strings.Split(strings.Join(got, "\n"), "\n") {
		if s, ok := strings.CutPrefix(l, prefix); ok {
			return s
		}
	}
	t.Fatalf("no candidate %d in %q", n, got)
	return ""
}

func TestChoicesAndQuantitiesInWords(t *testing.T) {
	c := newChat(t)
	asked := c.say("Hi, do you have paracetamol 500?")
	wantReply(t, asked, "Which one do you mean?")
	wantReply(t, c.say("the second one"), "1× "+candidate(t, asked, 2))
	wantReply(t, c.say("I need 2 packs of it"), "2× "+candidate(t, asked, 2))
	wantReply(t, c.say("is it ready?"), "being checked")
	asked = c.say("Ibuprofen 600")
	wantReply(t, c.say("Nr. 4"), "1× "+candidate(t, asked, 4))
	wantReply(t, c.say("3 of those please"), "3× "+candidate(t, asked, 4))
	asked = c.say("Ibuprofen 400")
	wantReply(t, c.say("the last one please"), candidate(t, asked, strings.Count(strings.Join(asked, "\n"), ") ")))
	wantReply(t, c.say("Xylometazolin"), "Which one do you mean?")
	wantReply(t, c.say("die erste oder zweite"), "Bitte antworten Sie mit der Nummer")      // two choices named: asked again
	wantReply(t, c.say("2 davon bitte"), "Gern, 2×.", "mit der Nummer", "1) Xylometazolin") // the quantity waits with the question, put again
	wantReply(t, c.say("1"), "2× Xylometazolin")
}

func TestConversationalMessages(t *testing.T) {
	c := newChat(t)
	got := c.say("Guten Tag, ich hätte gerne Zauberpilz Schmerzgel")
	wantReply(t, got, "nicht gefunden: „Zauberpilz Schmerzgel“")
	got = c.say("Ibu 400 und Paracetamol 500 bitte")
	wantReply(t, got, "Welches meinen Sie?", "Zu „Paracetamol 500 mg“ frage ich Sie gleich danach.")
	wantReply(t, c.say("Macht ihr auch Lieferung nach Hause?"), "Darauf kann ich leider nicht antworten", "mit der Nummer")
	wantReply(t, c.say("Hast du auch Wunderbalsam?"), "nicht gefunden: „Wunderbalsam“", "mit der Nummer")
	wantReply(t, c.say("Ich hab ein E-Rezept, geht das?"), "Foto des E-Rezept-Codes", "mit der Nummer")
	wantReply(t, c.say("1"), "1× Ibuprofen", "Welches meinen Sie?", "Paracetamol") // the queued choice follows
	wantReply(t, c.say("2"), "1× Ibuprofen", "1× Paracetamol")
	wantReply(t, c.say("Wie lange dauert es?"), "wird gerade in der Apotheke geprüft")
	wantReply(t, c.say("ok danke, bis morgen"), "Gern! Sie hören von uns")
}

func TestFirstPrescriptionItemAsksForThePrescription(t *testing.T) {
	c := newChat(t)
	wantReply(t, c.say("PZN 43830841"), "Diclofenac Zentiva", "Bitte bringen Sie das Rezept mit")
}

func TestApprovalRefusesAPickupTimeThatCannotBeKept(t *testing.T) {
	c := newChat(t)
	c.say("Ibuprofen AL 400 20 Stück")
	po := c.preOrder()
	for _, tc := range []struct {
		at   time.Time
		want string
	}{
		{monday.Add(-12 * time.Hour), "geschlossen"},                                                             // Sunday night, and past: closed decides
		{time.Date(2026, 12, 6, 10, 0, 0, 0, berlin), "geschlossen. Nächste Öffnung: Montag, 07.12., 08:00 Uhr"}, // a Sunday
		{time.Date(2026, 12, 1, 22, 0, 0, 0, berlin), "geschlossen"},
	} {
		_, err := c.e.Desk().Approve(context.Background(), po.ID, tc.at)
		var be *bot.Error
		if bot.ErrorCode(err) != bot.EINVALID || !errors.As(err, &be) || !strings.Contains(be.Text("de"), tc.want) {
			t.Errorf("approve for %s: %v, want %q", tc.at, err, tc.want)
		}
	}
	if got := c.preOrder(); got.Status != bot.StatusProposed {
		t.Fatalf("after refused approvals: %s, want still proposed", got.Status)
	}
	if got, err := c.e.Desk().Approve(context.Background(), po.ID, monday.Add(-30*time.Minute)); err != nil || got.Status != bot.StatusApproved {
		t.Fatalf("an open time half an hour ago (approved late): %+v, %v", got.Status, err)
	}
}

func TestEnglishCustomerWithDaysAndBoxes(t *testing.T) {
	c := newChat(t) // Monday 09:00
	asked := c.say("Hello, I would like 2 boxes of paracetamol 500mg please")
	wantReply(t, asked, "Which one do you mean?")
	wantReply(t, c.say("1"), "2× "+candidate(t, asked, 1))
	wantReply(t, c.say("my name is John Smith and my number is 0171 2345678"), "do not need personal data")
	wantReply(t, c.say("When are you open tomorrow?"), "On Tuesday, 1 Dec we are open 08:00–13:00 and 14:00–18:30.")
	wantReply(t, c.say("Habt ihr am Sonntag offen?"), "Am Sonntag, 06.12., haben wir geschlossen.")
	wantReply(t, c.say("Guten Morgen, wann habt ihr offen?"), "Heute haben wir") // a greeting, not tomorrow
	wantReply(t, c.say("that's all, thanks"), "You are welcome")
}

// TestOnlyTheBareCommandErases: a sentence that mentions deleting is asked
// back, one that says not to is told the chat stays, and the rest of it is
// read; the chat stays.
func TestOnlyTheBareCommandErases(t *testing.T) {
	c := newChat(t)
	got := c.say("Bitte nicht löschen, ich brauche Ibuprofen AL 400 20 Stück")
	wantReply(t, got, "Gut, ich lösche nichts.", "Ibuprofen AL 400 mg, 20 St.")
	if po := c.preOrder(); len(po.Items) != 1 {
		t.Fatalf("the order in the same message was lost: %+v", po.Items)
	}
	wantReply(t, c.say("Könnt ihr den Chat später löschen?"), "Soll ich den Chat löschen?")
	if _, err := c.db.ConversationByKey(context.Background(), c.key); err != nil {
		t.Fatalf("a mention of deleting erased the chat: %v", err)
	}
	wantReply(t, c.say("löschen"), "Alles aus diesem Chat ist gelöscht")
}

// TestProductNamesWithTriggerWords: products whose names contain a word of
// a question for the pharmacist are searched as products.
func TestProductNamesWithTriggerWords(t *testing.T) {
	c := newChat(t)
	for _, text := range []string{"Schwangerschaftstest", "Alkoholtupfer", "Allergie-Nasenspray"} {
		for _, reply := range c.say(text) {
			if strings.Contains(reply, "Apothekerinnen und Apotheker") {
				t.Errorf("%q was answered as a medical question: %q", text, reply)
			}
		}
	}
}

// TestOrderAndQuestionInOneMessage: the order is taken and the question
// flagged for the pharmacist, both answered.
func TestOrderAndQuestionInOneMessage(t *testing.T) {
	c := newChat(t)
	got := c.say("Ibuprofen AL 400 20 Stück, und darf ich das mit der Pille nehmen?")
	wantReply(t, got, "Apothekerinnen und Apotheker", "Ibuprofen AL 400 mg, 20 St.")
	if po := c.preOrder(); len(po.Items) != 1 || !po.Flags.Medical {
		t.Fatalf("pre-order %+v: want the item, flagged with a question", po)
	}
}

// TestQuantitiesInWordsAndSmallTalk: number words set quantities, and
// agreement or goodbye is answered kindly, not searched as a product.
func TestQuantitiesInWordsAndSmallTalk(t *testing.T) {
	c := newChat(t)
	c.say("Ibuprofen AL 400 20 Stück")
	for text, want := range map[string]int{"zwei Packungen": 2, "drei Stück davon": 3, "n Päckchen": 1, "doch lieber vier": 4} {
		c.say(text)
		if po := c.preOrder(); len(po.Items) != 1 || po.Items[0].Quantity != want {
			t.Fatalf("after %q: items %+v, want one with quantity %d", text, po.Items, want)
		}
	}
	for _, text := range []string{"so ist es gut", "passt so", "ja genau", "ok danke, ciao", "alles klar, tschüss"} {
		wantReply(t, c.say(text), "Gern!")
	}
	got := c.say("Ich brauche zwei Packungen Paracetamol AbZ 500 10 Stück")
	wantReply(t, got, "2× Paracetamol AbZ 500 mg, 10 St.")
	// A number word answers the question back as a digit does.
	wantReply(t, c.say("Ibuprofen 400 20 Stück"), "Welches meinen Sie?")
	wantReply(t, c.say("die zwei"), "Ibuprofen AbZ 400 mg, 20 St.")
}

// TestMistypedPZNIsSaidToBeWrong: a PZN whose check digit does not fit is
// named as mistyped, not "not found"; one written with spaces or dashes
// is read.
func TestMistypedPZNIsSaidToBeWrong(t *testing.T) {
	c := newChat(t)
	for _, text := range []string{"PZN 01234563", "01234563", "PZN 0123-4563"} {
		got := c.say(text)
		wantReply(t, got, "01234563", "Prüfziffer")
		for _, r := range got {
			if strings.Contains(r, "nicht gefunden") {
				t.Errorf("%q answered %q", text, r)
			}
		}
	}
	wantReply(t, c.say("PZN 7437-2349"), "Ibuprofen AL 400 mg, 20 St.")
}

// TestStrengthNotStockedSaysWhichAre: a strength the pharmacy does not
// carry is said so, with the ones it does.
func TestStrengthNotStockedSaysWhichAre(t *testing.T) {
	c := newChat(t)
	got := c.say("Ibuprofen 1000")
	wantReply(t, got, "Ibuprofen mit 1000 mg haben wir nicht; Ibuprofen gibt es bei uns mit", "400 mg")
	got = c.say("Ibuprofen 400 20 Stück")
	for _, r := range got {
		if strings.Contains(r, "600 mg") || strings.Contains(r, "50 St.") {
			t.Fatalf("asked back with another strength or size: %q", r)
		}
	}
}

// TestHoursForDatesAndHolidays: a date or a holiday by name, German or
// English, gets that day's hours, or that it is a public holiday.
func TestHoursForDatesAndHolidays(t *testing.T) {
	c := newChat(t) // Monday, 30 November 2026
	for text, want := range map[string]string{
		"Habt ihr am 24.12. offen?":          "Am Donnerstag, 24.12.,",
		"Habt ihr Heiligabend offen?":        "Am Donnerstag, 24.12.,",
		"Habt ihr am Reformationstag offen?": "Am Sonntag, 31.10., ist Feiertag (Reformationstag)",
		"Habt ihr Weihnachten geöffnet?":     "Am Freitag, 25.12., ist Feiertag (Weihnachtstag)",
		"Habt ihr am 1. Mai offen?":          "Am Samstag, 01.05., ist Feiertag (Tag der Arbeit)",
		"wann habt ihr am 2.12. offen":       "Am Mittwoch, 02.12., haben wir",
		"are you open on 24th December?":     "On Thursday, 24 Dec",
		"are you open on Boxing Day?":        "On Saturday, 26 Dec it is a public holiday (Zweiter Weihnachtsfeiertag)",
	} {
		wantReply(t, c.say(text), want)
	}
}

// TestUrgentHelpNamesWhereToTurn: a customer who needs help now is told
// 112, 116 117 and how to find the pharmacy on duty, and whether the
// pharmacy is open; an order in the same message is still taken.
func TestUrgentHelpNamesWhereToTurn(t *testing.T) {
	c := newChat(t) // Monday 09:00: open
	got := c.say("Mein Kind hat hohes Fieber")
	wantReply(t, got, "112", "116 117", "aponet.de", "Wir haben gerade geöffnet")
	got = c.say("Ich brauche dringend Ibuprofen AL 400 20 Stück")
	wantReply(t, got, "116 117", "Ibuprofen AL 400 mg, 20 St.")
	for _, r := range c.say("Fiebersaft für Kinder") {
		if strings.Contains(r, "112") {
			t.Fatalf("a fever product was answered as an emergency: %q", r)
		}
	}
}

// TestHowToChangeIsSaidOnce: the first proposal says how to change the
// request; revisions do not repeat it; "hilfe" says it again.
func TestHowToChangeIsSaidOnce(t *testing.T) {
	c := newChat(t)
	const how = "Ändern: „2x“ für die Anzahl"
	wantReply(t, c.say("Ibuprofen AL 400 20 Stück"), how)
	for _, r := range c.say("2x") {
		if strings.Contains(r, how) {
			t.Fatalf("a revision repeats the instructions: %q", r)
		}
	}
	wantReply(t, c.say("Hilfe"), how)
}

// TestBrandsFindTheirIngredient: a brand the pharmacy stocks under its
// active ingredient finds it, and the reply says so.
func TestBrandsFindTheirIngredient(t *testing.T) {
	// Each in a chat of its own: a second product while a choice is open
	// waits for that choice.
	wantReply(t, newChat(t).say("Dolormin 400"), "unter dem Wirkstoff", "Ibuprofen AL 400 mg")
	wantReply(t, newChat(t).say("ich brauche Imodium"), "Loperamid")
	wantReply(t, newChat(t).say("Zauberpilze extra stark"), "nicht gefunden")
	// The gel, not the prescription tablets of the same ingredient.
	wantReply(t, newChat(t).say("Voltaren Schmerzgel"), "Diclofenac-Natrium", "50 g")
}

// TestFormNotStockedSaysWhichAre: a form the pharmacy does not have for a
// product is said so, with the forms it has; nothing of another form is
// offered or filed.
func TestFormNotStockedSaysWhichAre(t *testing.T) {
	c := newChat(t)
	got := c.say("Ibuprofen Tropfen")
	wantReply(t, got, "Ibuprofen als Tropfen haben wir nicht; Ibuprofen gibt es bei uns als Filmtabletten.")
	for _, r := range got {
		if strings.Contains(r, "Welches meinen Sie") || strings.Contains(r, "Verstanden") {
			t.Fatalf("another form was offered or filed: %q", r)
		}
	}
}

// TestChoiceDescribedNotNumbered: the answer to "Which one do you mean?"
// may describe the product: the biggest pack, a maker, a pack size.
func TestChoiceDescribedNotNumbered(t *testing.T) {
	for _, tc := range []struct{ ask, answer, want string }{
		{"Ibuprofen 400", "die große Packung", "Ibuprofen STADA 400 mg, 50 St."},
		{"Ibuprofen 400", "die kleinste bitte", "Ibuprofen Zentiva 400 mg, 10 St."},
		{"Ibuprofen 400", "die von Zentiva", "Ibuprofen Zentiva 400 mg, 10 St."},
		{"Paracetamol 500", "die 20er", "Paracetamol Sandoz 500 mg, 20 St."},
		{"Paracetamol 500", "the big one", "Paracetamol Sandoz 500 mg, 20 pcs"},
	} {
		c := newChat(t)
		wantReply(t, c.say(tc.ask), "1)")
		wantReply(t, c.say(tc.answer), tc.want)
	}
}

// TestPersonalDataBesideAnOrderIsNoted: personal data sent with an order
// is removed with the usual short note, and never echoed back.
func TestPersonalDataBesideAnOrderIsNoted(t *testing.T) {
	c := newChat(t)
	got := c.say("Ich bin Erika Mustermann, meine KVNR ist A 000 500 015, ich brauche Ibuprofen AL 400 20 Stück")
	wantReply(t, got, "Ibuprofen AL 400 mg, 20 St.", "aus Ihrer Nachricht entfernt")
	for _, r := range append(got, c.say("geb. 4.7.85")...) {
		if strings.Contains(r, "Mustermann") || strings.Contains(r, "000 500") || strings.Contains(r, "4.7.85") {
			t.Fatalf("personal data echoed: %q", r)
		}
	}
}

// TestAnotherPackOfTheLastProduct: a follow-up that describes another
// pack of the product just named changes it, keeping what it does not
// mention; a message that names a product is a request of its own.
func TestAnotherPackOfTheLastProduct(t *testing.T) {
	c := newChat(t)
	c.say("Ibuprofen AL 400 20 Stück")
	for _, step := range []struct{ text, want string }{
		{"lieber die 50er", "Ibuprofen STADA 400 mg, 50 St."},
		{"die kleine Packung", "Ibuprofen AL 400 mg, 20 St."},
		{"die von AbZ", "Ibuprofen AbZ 400 mg, 20 St."},
		{"doch die stärkere", "Ibuprofen 1A Pharma 600 mg, 20 St."},
	} {
		got := c.say(step.text)
		wantReply(t, got, step.want)
		if po := c.preOrder(); len(po.Items) != 1 {
			t.Fatalf("after %q: %d items, want the one changed", step.text, len(po.Items))
		}
	}
	c.say("Paracetamol AbZ 500")
	if po := c.preOrder(); len(po.Items) != 2 {
		t.Fatalf("a named product replaced the last one: %+v", po.Items)
	}
}
