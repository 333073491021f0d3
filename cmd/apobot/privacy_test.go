package main

import (
	"bytes"
	"database/sql"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/apobot/apobot/internal/testsupport/fakes"
	"github.com/apobot/apobot/ocr/photogen"
)

// planted is personal data a customer should not send, and sends anyway.
var planted = []string{"Erika Mustermann", "Mustermann", "12.08.1961", "A000500015", "0391 5551234", "5551234",
	"DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "Breiter Weg 12", "39104 Magdeburg"}

const plantedText = "Ich bin Erika Mustermann, geboren 12.08.1961, KVNR A000500015, Tel. 0391 5551234, " +
	"IBAN DE89 3704 0044 0532 0130 00, Breiter Weg 12, 39104 Magdeburg. Ich brauche Ibuprofen AL 400 20 Stück"

// TestPlantedPersonalDataLeavesNoTrace sends personal data through the web
// chat (text and a prescription photo with a patient's name) and WhatsApp
// (text, an e-prescription token it refuses, the sender's number), then reads the
// raw bytes of the database, its -wal and -shm files and the log: nothing
// planted is there in clear while the requests are open; after they are
// handled and the purge ran, not even the sealed bytes are left.
func TestPlantedPersonalDataLeavesNoTrace(t *testing.T) {
	if testing.Short() {
		t.Skip("runs tesseract")
	}
	dir := t.TempDir()
	rx, token := sample(t, photogen.Prescription, 3), sample(t, photogen.ErxToken, 4)
	secrets := append(append([]string{}, planted...), rx.Personal...)
	secrets = append(secrets, token.Tasks...)
	secrets = append(secrets, token.Codes...)
	const sender = "4915799990001"
	secrets = append(secrets, sender)
	wa := fakes.NewWhatsApp("wa-access", "55501")
	defer wa.Close()
	svc := startService(t, map[string]string{envDataDir: dir, envWAToken: "wa-access", envWASecret: "wa-app-secret",
		envWAVerify: "v", envWAPhone: "55501", envWAURL: wa.BaseURL()})
	base, logs, out, stop := svc.base, &svc.logs, &svc.out, svc.stop

	tok := webSession(t, base)
	postForm(t, base, tok, plantedText, rx.JPEG)
	waitWeb(t, base, tok, "Verstanden")
	body := fakes.WhatsAppWebhook("55501", sender, "wamid.P1", plantedText, "", time.Now())
	post(t, base+"/webhooks/whatsapp", body, "X-Hub-Signature-256", fakes.Sign(body, "wa-app-secret"))
	wa.AddMedia("tok-1", token.JPEG)
	body = fakes.WhatsAppWebhook("55501", sender, "wamid.P2", "", "tok-1", time.Now())
	post(t, base+"/webhooks/whatsapp", body, "X-Hub-Signature-256", fakes.Sign(body, "wa-app-secret"))
	// The default channel_policy refuses the token on WhatsApp; nothing of it is kept.
	waitFor(t, "the e-prescription refused on WhatsApp", func() string { return joinWA(wa.Sent()) }, "E-Rezept-Codes nehme ich über WhatsApp")

	db := dbPath(dir)
	sealed := sealedBlobs(t, db)
	if len(sealed) < 6 {
		t.Fatalf("%d sealed values in the database, want the messages, photos, findings and keys", len(sealed))
	}
	open := fileBytes(t, db)
	noneInClear(t, "while open", open, secrets)
	for i, b := range sealed { // the check below can see sealed bytes: they are there now
		if !bytes.Contains(open, b) {
			t.Fatalf("sealed value %d not found in the files while open", i)
		}
	}

	staff := staffLogin(t, base, out.String())
	for _, id := range openRequestIDs(t, staff, base) {
		staff.approve(t, base, id)
	}
	waitWeb(t, base, tok, "bestätigt")
	stop()
	if code, o, e := runArgs(t, "purge"); code != exitOK {
		t.Fatalf("purge: %d %s %s", code, o, e)
	}
	raw := fileBytes(t, db)
	noneInClear(t, "after handling and the purge", raw, secrets)
	for i, b := range sealed {
		if bytes.Contains(raw, b) {
			t.Fatalf("sealed value %d (%d bytes) is still on disk after the purge", i, len(b))
		}
	}
	if fi, err := os.Stat(db + "-wal"); err == nil && fi.Size() != 0 {
		t.Fatalf("WAL of %d bytes after the purge", fi.Size())
	}
	noneInClear(t, "in the log", []byte(logs.String()), append(secrets, tok))
}

func dbPath(dir string) string { return filepath.Join(dir, "apobot.db") }

func fileBytes(t *testing.T, db string) []byte {
	t.Helper()
	var all []byte
	for _, p := range []string{db, db + "-wal", db + "-shm"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	return all
}

func noneInClear(t *testing.T, when string, raw []byte, secrets []string) {
	t.Helper()
	for _, s := range secrets {
		if s != "" && bytes.Contains(raw, []byte(s)) {
			t.Errorf("%s: %q is there in clear", when, s)
		}
	}
}

// sealedBlobs reads every sealed value (message texts, photos, findings,
// wrapped keys, reply addresses) through a read-only connection.
func sealedBlobs(t *testing.T, db string) [][]byte {
	t.Helper()
	conn, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var out [][]byte
	for _, q := range []string{"SELECT text FROM messages", "SELECT photo FROM messages", "SELECT scan_text FROM messages",
		"SELECT sealed_key FROM conversations", "SELECT reply_to FROM conversations"} {
		rows, err := conn.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var b []byte
			rows.Scan(&b)
			if len(b) >= 32 {
				out = append(out, b[len(b)-32:]) // the tail: ciphertext and tag
			}
		}
		rows.Close()
	}
	return out
}

func postForm(t *testing.T, base, token, text string, jpeg []byte) {
	t.Helper()
	if status := do(http.DefaultClient, chatPost(base, token, text, jpeg)); status != http.StatusAccepted {
		t.Fatalf("post: %d", status)
	}
}

// staff is a logged-in tablet without JavaScript.
type staff struct {
	c    *http.Client
	csrf string
}

var csrfRe = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

func (s *staff) get(t *testing.T, u string) string {
	t.Helper()
	res, err := s.c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if m := csrfRe.FindSubmatch(b); m != nil {
		s.csrf = string(m[1])
	}
	return string(b)
}

// staffLogin logs in with the first account serve printed.
func staffLogin(t *testing.T, base, printed string) *staff {
	t.Helper()
	m := regexp.MustCompile(`password: (\S+)`).FindStringSubmatch(printed)
	if m == nil {
		t.Fatalf("no first account printed:\n%s", printed)
	}
	jar, _ := cookiejar.New(nil)
	s := &staff{c: &http.Client{Jar: jar}}
	s.get(t, base+"/staff/login")
	res, err := s.c.PostForm(base+"/staff/login", url.Values{"username": {"apotheke"}, "password": {m[1]}, "_csrf": {s.csrf}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return s
}

func openRequestIDs(t *testing.T, s *staff, base string) []string {
	t.Helper()
	page := s.get(t, base+"/staff")
	var ids []string
	for _, m := range regexp.MustCompile(`href="/staff/requests/(\d+)"`).FindAllStringSubmatch(page, -1) {
		ids = append(ids, m[1])
	}
	if len(ids) < 2 {
		t.Fatalf("%d open requests on the tablet, want the web chat's and WhatsApp's", len(ids))
	}
	return ids
}

func (s *staff) approve(t *testing.T, base, id string) {
	t.Helper()
	res, err := s.c.PostForm(base+"/staff/requests/"+id+"/approve", url.Values{"_csrf": {s.csrf}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("approve %s: %d", id, res.StatusCode)
	}
}
