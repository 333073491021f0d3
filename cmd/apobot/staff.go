package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/store"
	"github.com/apobot/apobot/store/password"
)

// runStaff is `apobot staff add NAME`: the password comes from standard
// input, asked twice without echo on a terminal, or as the first line of
// piped input.
func runStaff(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "staff", "add NAME")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 || fs.Arg(0) != "add" {
		fs.Usage()
		return errUsage
	}
	cfg, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	pw, err := readPassword(e)
	if err != nil {
		return err
	}
	hash, err := password.Hash(pw)
	if errors.Is(err, password.ErrTooShort) {
		return fmt.Errorf("das Passwort braucht mindestens %d Zeichen / the password needs at least %d characters", password.MinLength, password.MinLength)
	}
	if err != nil {
		return err
	}
	db, _, _, err := openData(e, cfg.DataDir, mayCreate)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.AddStaff(ctx, "", fs.Arg(1), hash); err != nil {
		var be *bot.Error
		if errors.As(err, &be) {
			return fmt.Errorf("%s / %s", be.Text("de"), be.Text("en"))
		}
		return err
	}
	fmt.Fprintf(e.stdout, "Konto %q angelegt. / Account %q created.\n", fs.Arg(1), fs.Arg(1))
	return nil
}

// readPassword reads the password: twice without echo from a terminal,
// else the first line of the input.
func readPassword(e env) (string, error) {
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(e.stderr, "Passwort / password: ")
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(e.stderr, "Noch einmal / again: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", err
		}
		if string(a) != string(b) {
			return "", errors.New("die Passwörter sind verschieden / the passwords differ")
		}
		return string(a), nil
	}
	line, err := bufio.NewReader(io.LimitReader(e.stdin, 1024)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// firstAccount makes an account "apotheke" with a random password when
// there is none, and prints it once on standard output (never into the
// log): the pharmacy can log in after `make run`.
func firstAccount(ctx context.Context, e env, db *store.DB) error {
	n, err := db.StaffCount(ctx)
	if err != nil || n > 0 {
		return err
	}
	pw := randomPassword()
	hash, err := password.Hash(pw)
	if err != nil {
		return err
	}
	if _, err := db.AddStaff(ctx, "", "apotheke", hash); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\nErstes Konto für die Tablet-Seite (/staff) / first account for the tablet page:\n"+
		"  Name: apotheke\n  Passwort / password: %s\n"+
		"Nur jetzt angezeigt; weitere Konten: apobot staff add NAME / shown only now; more: apobot staff add NAME\n\n", pw)
	return nil
}

// randomPassword is 4 groups of 4 characters without look-alikes: about
// 79 bits.
func randomPassword() string {
	var groups []string
	for range 4 {
		groups = append(groups, string(bot.NewPickupCode())[:4])
	}
	return strings.Join(groups, "-")
}
