package main

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"os"

	"github.com/apobot/apobot/bot/threema"
)

// runThreema is `apobot threema keygen FILE`: a new key pair for the
// gateway ID; the private key goes into FILE (mode 0600, never over an
// existing file), the public key to standard output, to register with the
// gateway.
func runThreema(_ context.Context, e env, args []string) error {
	fs := newFlags(e, "threema", "keygen FILE")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 || fs.Arg(0) != "keygen" {
		fs.Usage()
		return errUsage
	}
	pub, priv, err := threema.GenerateKey()
	if err != nil {
		return err
	}
	f, err := os.OpenFile(fs.Arg(1), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s gibt es schon: ein neuer Schlüssel würde den alten ersetzen / %s exists: a new key would replace the one the gateway knows", fs.Arg(1), fs.Arg(1))
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(f, hex.EncodeToString(priv[:]))
	if err = errors.Join(err, f.Close()); err != nil {
		os.Remove(fs.Arg(1))
		return err
	}
	fmt.Fprintf(e.stdout, "private key written to %s (set APOBOT_THREEMA_PRIVATE_KEY_FILE to it)\n", fs.Arg(1))
	fmt.Fprintf(e.stdout, "public key, to register with the Threema Gateway for your ID:\n%s\n", hex.EncodeToString(pub[:]))
	return nil
}
