package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apobot/apobot/internal/testsupport/testwait"
)

func TestLoadTLS(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if c, err := loadTLS(env(nil)); err != nil || c.on() || c.HTTPAddr != "" {
		t.Fatalf("default %+v %v: want plain HTTP only", c, err)
	}
	c, err := loadTLS(env(map[string]string{envTLSDomain: "Chat.Loewen-Apotheke.de"}))
	if err != nil || !c.on() || c.Domain != "chat.loewen-apotheke.de" || c.HTTPAddr != ":80" || !strings.Contains(c.ACMEURL, "letsencrypt") {
		t.Fatalf("domain: %+v %v; want HTTPS with the challenge on :80 and Let's Encrypt", c, err)
	}
	for name, m := range map[string]map[string]string{
		"cert without key": {envTLSCert: "c.pem"},
		"key without cert": {envTLSKey: "k.pem"},
		"files and domain": {envTLSCert: "c.pem", envTLSKey: "k.pem", envTLSDomain: "a.example"},
		"no dot":           {envTLSDomain: "localhost"},
		"with port":        {envTLSDomain: "a.example:443"},
		"http without tls": {envHTTPAddr: ":80"},
		"http address":     {envTLSDomain: "a.example", envHTTPAddr: "80"},
	} {
		if _, err := loadTLS(env(m)); err == nil || !strings.Contains(err.Error(), "APOBOT_") {
			t.Errorf("%s: err %v, want one naming the setting", name, err)
		}
	}
}

// TestServeHTTPSFromFiles serves the web chat over HTTPS from certificate
// files: HSTS and secure cookies follow, plain HTTP redirects, and a
// renewed certificate is served without a restart.
func TestServeHTTPSFromFiles(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	first := writeCert(t, certFile, keyFile, "localhost")
	addr, plain := freeAddr(t), freeAddr(t)
	setUpData(t, filepath.Join(dir, "data"))
	for k, v := range map[string]string{envAddr: addr, envTLSCert: certFile, envTLSKey: keyFile, envHTTPAddr: plain} {
		t.Setenv(k, v)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"serve"}, &out, &errb) }()
	defer func() {
		cancel()
		testwait.Receive(t, "serve to stop", done)
	}()
	client := httpsClient(first)
	testwait.Until(t, "HTTPS up on "+addr, func() bool {
		res, err := client.Get("https://" + addr + "/healthz")
		if err == nil {
			res.Body.Close()
		}
		return err == nil && res.StatusCode == http.StatusOK
	})
	res, err := client.Post("https://"+addr+"/chat/session", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusCreated || res.Header.Get("Strict-Transport-Security") == "" {
		t.Fatalf("chat session over HTTPS: %d, HSTS %q", res.StatusCode, res.Header.Get("Strict-Transport-Security"))
	}
	for _, ck := range res.Cookies() {
		if !ck.Secure {
			t.Fatalf("cookie %s over HTTPS is not Secure", ck.Name)
		}
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	_, port, _ := net.SplitHostPort(addr)
	res, err = noFollow.Get("http://" + plain + "/staff?x=1")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if want := "https://127.0.0.1:" + port + "/staff?x=1"; res.StatusCode != http.StatusPermanentRedirect || res.Header.Get("Location") != want {
		t.Fatalf("plain HTTP: %d to %q, want 308 to %q", res.StatusCode, res.Header.Get("Location"), want)
	}
	// A renewed certificate (written by certbot, say) is used at the next
	// handshake; the old one is no longer trusted by this client.
	renewed := writeCert(t, certFile, keyFile, "localhost")
	os.Chtimes(certFile, time.Now().Add(time.Minute), time.Now().Add(time.Minute))
	if res, err := httpsClient(renewed).Get("https://" + addr + "/healthz"); err != nil {
		t.Fatalf("the renewed certificate is not served: %v", err)
	} else {
		res.Body.Close()
	}
}

// writeCert writes a new self-signed certificate for name and 127.0.0.1 and
// its key, and returns the certificate.
func writeCert(t *testing.T, certFile, keyFile, name string) *x509.Certificate {
	t.Helper()
	return writeCertUntil(t, certFile, keyFile, name, time.Now().Add(24*time.Hour))
}

// writeCertUntil is writeCert with the certificate's end.
func writeCertUntil(t *testing.T, certFile, keyFile, name string, notAfter time.Time) *x509.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	tmpl := &x509.Certificate{SerialNumber: serial, Subject: pkix.Name{CommonName: name}, DNSNames: []string{name},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, NotBefore: notAfter.Add(-90 * 24 * time.Hour), NotAfter: notAfter,
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true, IsCA: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, _ := x509.MarshalECPrivateKey(key)
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600)
	c, _ := x509.ParseCertificate(der)
	return c
}

// httpsClient trusts only root.
func httpsClient(root *x509.Certificate) *http.Client {
	pool := x509.NewCertPool()
	pool.AddCert(root)
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
}

// TestCertCheck: apobot check reads a certificate's end: ok well ahead,
// a warning within 14 days, a failure once it has passed.
func TestCertCheck(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		left  time.Duration
		level string
	}{{60 * 24 * time.Hour, "ok"}, {3 * 24 * time.Hour, "warn"}, {-time.Hour, "FAIL"}} {
		cert := filepath.Join(dir, "cert.pem")
		writeCertUntil(t, cert, filepath.Join(dir, "key.pem"), "chat.apotheke.test", time.Now().Add(c.left))
		if f := certCheck(cert); f.level != c.level || !strings.Contains(f.says, "chat.apotheke.test") {
			t.Errorf("%s left: %+v, want %s naming the certificate", c.left, f, c.level)
		}
	}
	os.WriteFile(filepath.Join(dir, "none.pem"), []byte("no PEM here"), 0o600)
	if f := certCheck(filepath.Join(dir, "none.pem")); f.level != "FAIL" {
		t.Errorf("a file without a certificate: %+v, want FAIL", f)
	}
}
