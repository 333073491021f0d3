package main

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/acme"
	"golang.org/x/crypto/acme/autocert"
)

// Names of the HTTPS settings.
const (
	envTLSCert   = "APOBOT_TLS_CERT"   // certificate chain file (PEM)
	envTLSKey    = "APOBOT_TLS_KEY"    // its private key file (PEM)
	envTLSDomain = "APOBOT_TLS_DOMAIN" // automatic certificates for this name (ACME)
	envACMEURL   = "APOBOT_ACME_URL"   // the ACME directory; default Let's Encrypt
	envACMEEmail = "APOBOT_ACME_EMAIL" // optional contact for the ACME account
	envHTTPAddr  = "APOBOT_HTTP_ADDR"  // plain HTTP beside HTTPS: the ACME challenge and a redirect
)

// tlsSettings is how apobot serves HTTPS: from certificate files, from
// certificates it obtains itself for Domain, or not at all (plain HTTP,
// such as behind a reverse proxy that terminates TLS).
type tlsSettings struct {
	Cert, Key string
	Domain    string
	ACMEURL   string
	Email     string
	HTTPAddr  string // "": no plain HTTP listener
}

// on reports whether apobot serves HTTPS itself.
func (t tlsSettings) on() bool { return t.Cert != "" || t.Domain != "" }

// loadTLS reads and checks the HTTPS settings: certificate and key together
// or a domain, not both; with a domain, plain HTTP on :80 by default.
func loadTLS(getenv func(string) string) (tlsSettings, error) {
	t := tlsSettings{Cert: strings.TrimSpace(getenv(envTLSCert)), Key: strings.TrimSpace(getenv(envTLSKey)),
		Domain: strings.ToLower(strings.TrimSpace(getenv(envTLSDomain))), ACMEURL: valueOr(getenv(envACMEURL), acme.LetsEncryptURL),
		Email: strings.TrimSpace(getenv(envACMEEmail)), HTTPAddr: strings.TrimSpace(getenv(envHTTPAddr))}
	var errs []error
	if (t.Cert == "") != (t.Key == "") {
		errs = append(errs, fmt.Errorf("%s and %s: set both, or neither", envTLSCert, envTLSKey))
	}
	if t.Domain != "" && t.Cert != "" {
		errs = append(errs, fmt.Errorf("%s and %s are both set: certificate files or automatic certificates, not both", envTLSDomain, envTLSCert))
	}
	if t.Domain != "" && (strings.Trim(t.Domain, ".") != t.Domain || !strings.Contains(t.Domain, ".") || strings.ContainsAny(t.Domain, "/:* ")) {
		errs = append(errs, fmt.Errorf("%s: want the name customers reach the pharmacy under, such as chat.loewen-apotheke.de, got %q", envTLSDomain, t.Domain))
	}
	if t.Domain != "" && t.HTTPAddr == "" {
		t.HTTPAddr = ":80" // where the ACME server checks the challenge
	}
	if _, port, err := net.SplitHostPort(t.HTTPAddr); t.HTTPAddr != "" && (err != nil || port == "") {
		errs = append(errs, fmt.Errorf("%s: want host:port such as :80, got %q", envHTTPAddr, t.HTTPAddr))
	}
	if t.HTTPAddr != "" && !t.on() {
		errs = append(errs, fmt.Errorf("%s is only for HTTPS: set %s and %s, or %s", envHTTPAddr, envTLSCert, envTLSKey, envTLSDomain))
	}
	return t, errors.Join(errs...)
}

// server returns the TLS configuration and, when plain HTTP is on, its
// handler: the ACME challenge (automatic certificates) and a redirect of
// everything else to HTTPS on httpsAddr's port.
func (t tlsSettings) server(dataDir, httpsAddr string) (*tls.Config, http.Handler, error) {
	redirect := redirectToHTTPS(httpsAddr)
	if t.Domain == "" {
		files := &certFiles{cert: t.Cert, key: t.Key}
		if _, err := files.load(); err != nil {
			return nil, nil, err
		}
		return &tls.Config{MinVersion: tls.VersionTLS12, GetCertificate: files.get}, redirect, nil
	}
	m := &autocert.Manager{
		Prompt:     autocert.AcceptTOS,
		Cache:      autocert.DirCache(filepath.Join(dataDir, "acme")), // the account and certificate keys, 0700
		HostPolicy: autocert.HostWhitelist(t.Domain),
		Client:     &acme.Client{DirectoryURL: t.ACMEURL},
		Email:      t.Email,
	}
	cfg := m.TLSConfig()
	cfg.MinVersion = tls.VersionTLS12
	return cfg, m.HTTPHandler(redirect), nil
}

// redirectToHTTPS sends a plain HTTP request to the same host and path over
// HTTPS, on httpsAddr's port unless that is 443.
func redirectToHTTPS(httpsAddr string) http.Handler {
	_, port, _ := net.SplitHostPort(httpsAddr)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		if port != "443" && port != "" {
			host = net.JoinHostPort(host, port)
		}
		http.Redirect(w, r, "https://"+host+r.URL.RequestURI(), http.StatusPermanentRedirect)
	})
}

// certFiles serves a certificate from files and reads them again when they
// change, so a renewed certificate is used without a restart.
type certFiles struct {
	cert, key string
	mu        sync.Mutex
	loaded    *tls.Certificate
	modTime   time.Time
}

func (f *certFiles) get(*tls.ClientHelloInfo) (*tls.Certificate, error) { return f.load() }

// load returns the certificate, read again when either file is newer.
func (f *certFiles) load() (*tls.Certificate, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	newest := time.Time{}
	for _, p := range []string{f.cert, f.key} {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("%s/%s: %w", envTLSCert, envTLSKey, err)
		}
		if fi.ModTime().After(newest) {
			newest = fi.ModTime()
		}
	}
	if f.loaded != nil && !newest.After(f.modTime) {
		return f.loaded, nil
	}
	c, err := tls.LoadX509KeyPair(f.cert, f.key)
	if err != nil {
		return nil, fmt.Errorf("%s/%s: %w", envTLSCert, envTLSKey, err)
	}
	f.loaded, f.modTime = &c, newest
	return f.loaded, nil
}
