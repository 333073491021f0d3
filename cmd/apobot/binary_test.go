package main

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/apobot/apobot/internal/testsupport/fakes"
)

// The end-to-end tests run the built binary, as a pharmacy does. It is
// built once per test run, into binaryDir (removed by TestMain).
var (
	binaryOnce sync.Once
	binaryDir  string
	binaryPath string
	binaryErr  error
)

func builtBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	binaryOnce.Do(func() {
		if binaryDir, binaryErr = os.MkdirTemp("", "apobot-bin-"); binaryErr != nil {
			return
		}
		binaryPath = filepath.Join(binaryDir, "apobot")
		if out, err := exec.Command("go", "build", "-o", binaryPath, ".").CombinedOutput(); err != nil {
			binaryErr = &buildError{err, string(out)}
		}
	})
	if binaryErr != nil {
		t.Fatalf("go build: %v", binaryErr)
	}
	return binaryPath
}

type buildError struct {
	err error
	out string
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.out }

// process is `apobot serve` running as its own process, with WhatsApp on
// (against a local fake) and loopback trusted as a reverse proxy, so tests
// can speak for many client addresses through X-Forwarded-For.
type process struct {
	base, dir string
	cmd       *exec.Cmd
	wa        *fakes.WhatsApp
	out, logs syncBuffer
}

const (
	waSecret = "e2e-app-secret"
	waPhone  = "55501"
)

func startBinary(t *testing.T, env ...string) *process {
	t.Helper()
	bin := builtBinary(t)
	p := &process{dir: t.TempDir(), wa: fakes.NewWhatsApp("wa-access", waPhone)}
	t.Cleanup(p.wa.Close)
	addr := freeAddr(t)
	p.base = "http://" + addr
	p.cmd = exec.Command(bin, "serve")
	p.cmd.Env = append(os.Environ(), append([]string{envAddr + "=" + addr, envDataDir + "=" + p.dir,
		envWAToken + "=wa-access", envWASecret + "=" + waSecret, envWAVerify + "=v", envWAPhone + "=" + waPhone,
		envWAURL + "=" + p.wa.BaseURL(), envTrustedProxies + "=127.0.0.1"}, env...)...)
	p.cmd.Stdout, p.cmd.Stderr = &p.out, &p.logs
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		p.cmd.Process.Signal(syscall.SIGTERM)
		p.cmd.Wait()
	})
	waitHealthy(t, addr)
	return p
}

// peakMemory is the process's peak resident memory so far, in MB
// (VmHWM in /proc).
func (p *process) peakMemory(t *testing.T) float64 {
	t.Helper()
	status, err := os.ReadFile("/proc/" + strconv.Itoa(p.cmd.Process.Pid) + "/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "VmHWM:" {
			kb, err := strconv.ParseFloat(f[1], 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb / 1024
		}
	}
	t.Fatal("no VmHWM in /proc status")
	return 0
}

// from is a request as a client at addr sends it through the proxy.
func from(req *http.Request, addr string) *http.Request {
	req.Header.Set("X-Forwarded-For", addr)
	return req
}
