package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/apobot/apobot/internal/testsupport/testwait"
)

// TestServeHTTPSWithACME obtains a certificate from Debian's pebble, a
// local ACME server, and serves the web chat over HTTPS with it. pebble
// resolves the pharmacy's name through pebble-challtestsrv's DNS (every
// name is 127.0.0.1) and checks the challenge on apobot's own ports; plain
// HTTP answers only the challenge and redirects.
func TestServeHTTPSWithACME(t *testing.T) {
	bin := builtBinary(t)
	for _, tool := range []string{"pebble", "pebble-challtestsrv"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found: make test installs the Debian package pebble", tool)
		}
	}
	dir := t.TempDir()
	listenerCert := writeCert(t, filepath.Join(dir, "pebble-cert.pem"), filepath.Join(dir, "pebble-key.pem"), "localhost")
	acmeAddr, mgmtAddr, dnsAddr, dnsMgmt := freeAddr(t), freeAddr(t), freeAddr(t), freeAddr(t)
	httpsAddr, plainAddr := freeAddr(t), freeAddr(t)
	_, httpsPort, _ := net.SplitHostPort(httpsAddr)
	_, plainPort, _ := net.SplitHostPort(plainAddr)

	daemon(t, nil, "pebble-challtestsrv", "-dns01", dnsAddr, "-http01", "", "-https01", "", "-tlsalpn01", "",
		"-management", dnsMgmt, "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "")
	config := filepath.Join(dir, "pebble.json")
	os.WriteFile(config, fmt.Appendf(nil, `{"pebble": {"listenAddress": %q, "managementListenAddress": %q,
		"certificate": %q, "privateKey": %q, "httpPort": %s, "tlsPort": %s, "ocspResponderURL": "",
		"externalAccountBindingRequired": false}}`, acmeAddr, mgmtAddr, filepath.Join(dir, "pebble-cert.pem"),
		filepath.Join(dir, "pebble-key.pem"), plainPort, httpsPort), 0o600)
	daemon(t, []string{"PEBBLE_VA_NOSLEEP=1", "PEBBLE_WFE_NONCEREJECT=0"}, "pebble", "-config", config, "-dnsserver", dnsAddr)
	toPebble := httpsClient(listenerCert)
	testwait.Until(t, "pebble's directory", func() bool {
		res, err := toPebble.Get("https://" + acmeAddr + "/dir")
		if err == nil {
			res.Body.Close()
		}
		return err == nil && res.StatusCode == http.StatusOK
	})

	const domain = "chat.apotheke.test"
	data := filepath.Join(dir, "data")
	var logs syncBuffer
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), envDataDir+"="+data, envAddr+"=:"+httpsPort, envHTTPAddr+"=:"+plainPort,
		envTLSDomain+"="+domain, envACMEURL+"=https://"+acmeAddr+"/dir",
		"SSL_CERT_FILE="+filepath.Join(dir, "pebble-cert.pem")) // apobot trusts the local ACME server
	cmd.Stdout, cmd.Stderr = io.Discard, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Signal(syscall.SIGTERM); cmd.Wait() })

	root := pebbleRoot(t, toPebble, mgmtAddr)
	pool := x509.NewCertPool()
	pool.AddCert(root)
	client := &http.Client{Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: pool, ServerName: domain},
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, httpsAddr) // the name is the pharmacy's, the address this machine
		},
	}}
	var page string
	testwait.Until(t, "the chat over HTTPS with pebble's certificate", func() bool {
		res, err := client.Get("https://" + domain + ":" + httpsPort + "/")
		if err != nil {
			return false
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		page = string(b)
		return res.StatusCode == http.StatusOK && res.Header.Get("Strict-Transport-Security") != "" && res.TLS != nil &&
			res.TLS.PeerCertificates[0].Issuer.CommonName != "" && strings.Contains(page, "chat.js")
	})
	if _, err := os.Stat(filepath.Join(data, "acme", domain)); err != nil {
		t.Fatalf("the certificate is not cached in the data folder: %v\n%s", err, logs.String())
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := noFollow.Get("http://" + plainAddr + "/staff")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusPermanentRedirect || !strings.HasPrefix(loc, "https://") || !strings.HasSuffix(loc, ":"+httpsPort+"/staff") {
		t.Fatalf("plain HTTP: %d to %q, want a redirect to HTTPS", res.StatusCode, loc)
	}
}

// daemon starts a helper program for the test's length.
func daemon(t *testing.T, env []string, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("%s said:\n%s", name, out.String())
		}
	})
}

// pebbleRoot fetches the root pebble signs its certificates with (made new
// at each start).
func pebbleRoot(t *testing.T, c *http.Client, mgmtAddr string) *x509.Certificate {
	t.Helper()
	res, err := c.Get("https://" + mgmtAddr + "/roots/0")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	block, _ := pem.Decode(b)
	if block == nil {
		t.Fatalf("pebble's root: %d %q", res.StatusCode, b)
	}
	root, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return root
}
