package main

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"testing"
)

// inProcess is `apobot serve` running in the test's process.
type inProcess struct {
	base      string
	out, logs syncBuffer // standard output (the first account) and the log
	stop      func()     // stops it and waits; also at the test's end
}

// startService sets env (plus APOBOT_ADDR on a free port) and starts serve.
func startService(t *testing.T, env map[string]string) *inProcess {
	t.Helper()
	addr := freeAddr(t)
	t.Setenv(envAddr, addr)
	for k, v := range env {
		t.Setenv(k, v)
	}
	s := &inProcess{base: "http://" + addr}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"serve"}, &s.out, &s.logs) }()
	stopped := false
	s.stop = func() {
		if !stopped {
			cancel()
			<-done
			stopped = true
		}
	}
	t.Cleanup(s.stop)
	waitHealthy(t, addr)
	return s
}

// chatPost builds a web chat message: text and/or a photo, as the page
// sends it.
func chatPost(base, token, text string, photo []byte) *http.Request {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if text != "" {
		mw.WriteField("text", text)
	}
	if photo != nil {
		fw, _ := mw.CreateFormFile("photo", "photo.jpg")
		fw.Write(photo)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, base+"/chat/messages", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	return req
}
