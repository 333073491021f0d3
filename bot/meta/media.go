package meta

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// MaxRedirects is how many redirects a media download follows, each to
// https on Meta's media hosts only: the lookaside host sends one to the CDN.
const MaxRedirects = 3

// mediaDomains are where Meta serves media (its CDN and the lookaside
// host); a URL elsewhere is not fetched.
var mediaDomains = []string{"fbcdn.net", "fbsbx.com", "facebook.com"}

// errRedirect is a media download redirected off Meta's media hosts, to
// plain http or too many times; it names no address.
var errRedirect = fmt.Errorf("redirected off Meta's media hosts, to plain http or more than %d times", MaxRedirects)

// MediaHost reports whether u may be fetched: https on Meta's media
// domains, or the scheme and host of api, the configured Graph API (a
// local one in tests).
func MediaHost(u *url.URL, api string) bool {
	if a, err := url.Parse(api); err == nil && u.Scheme == a.Scheme && u.Host == a.Host {
		return true
	}
	host := strings.ToLower(u.Hostname())
	for _, d := range mediaDomains {
		if u.Scheme == "https" && (host == d || strings.HasSuffix(host, "."+d)) {
			return true
		}
	}
	return false
}

// MediaClient is a copy of c that checks every redirect: https on a host
// MediaHost allows, at most MaxRedirects of them.
func MediaClient(c *http.Client, api string) *http.Client {
	hc := *c
	hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) > MaxRedirects || req.URL.Scheme != "https" || !MediaHost(req.URL, api) {
			return errRedirect
		}
		return nil
	}
	return &hc
}
