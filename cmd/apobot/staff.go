package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"golang.org/x/term"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/internal/service"
	"github.com/apobot/apobot/store"
	"github.com/apobot/apobot/store/password"
)

// runStaff is `apobot staff add NAME | list | passwd NAME | remove NAME |
// branches NAME [ID,…]`.
// A password comes from standard input, asked twice without echo on a
// terminal, or as the first line of piped input. Only add may set up a new
// data folder; every change is recorded as made on the command line.
func runStaff(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "staff", "add NAME | list | passwd NAME | remove NAME | branches NAME [ID,…]")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	want := map[string]int{"add": 2, "list": 1, "passwd": 2, "remove": 2, "branches": 2}
	if n, ok := want[fs.Arg(0)]; !ok || fs.NArg() != n && !(fs.Arg(0) == "branches" && fs.NArg() == 3) {
		fs.Usage()
		return errUsage
	}
	if fs.Arg(0) == "branches" {
		return staffBranches(ctx, e, fs.Arg(1), fs.Arg(2))
	}
	cfg, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	cmd, name := fs.Arg(0), fs.Arg(1)
	var hash string
	if cmd == "add" || cmd == "passwd" {
		if hash, err = newPasswordHash(e); err != nil {
			return err
		}
	}
	mode := existingData
	if cmd == "add" {
		mode = mayCreate
	}
	db, _, _, err := openData(e, cfg, mode)
	if err != nil {
		return err
	}
	defer db.Close()
	return bilingual(staffCommand(ctx, e, db, cmd, name, hash))
}

// staffCommand carries out one staff subcommand and says what it did.
func staffCommand(ctx context.Context, e env, db *store.DB, cmd, name, hash string) error {
	switch cmd {
	case "list":
		return listStaff(ctx, e, db)
	case "add":
		_, err := db.AddStaff(ctx, "", name, hash)
		return said(e, err, "Konto %q angelegt. / Account %q created.\n", name)
	case "passwd":
		err := db.SetStaffPassword(ctx, "", name, hash)
		return said(e, err, "Neues Passwort für %q; seine Anmeldungen sind beendet. / New password for %q; its logins have ended.\n", name)
	default:
		err := db.RemoveStaff(ctx, "", name)
		return said(e, err, "Konto %q entfernt; seine Anmeldungen sind beendet. / Account %q removed; its logins have ended.\n", name)
	}
}

// staffBranches is `apobot staff branches NAME [ID,…]`: the account works
// at the branches listed (the tablet shows their queues), or at all of
// them when none is listed.
func staffBranches(ctx context.Context, e env, name, list string) error {
	cfg, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	pharmacy, err := loadPharmacy(e.getenv)
	if err != nil {
		return err
	}
	var ids []string
	for _, id := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' }) {
		if !slices.ContainsFunc(pharmacy.Branches, func(b service.BranchConfig) bool { return b.ID == id }) {
			return fmt.Errorf("keine Filiale %q in %s / no branch %q in %s", id, envConfig, id, envConfig)
		}
		ids = append(ids, id)
	}
	db, _, _, err := openData(e, cfg, existingData)
	if err != nil {
		return err
	}
	defer db.Close()
	err = db.SetStaffBranches(ctx, "", name, ids)
	return bilingual(said(e, err, "Filialen von %q geändert; seine Anmeldungen sind beendet. / Branches of %q changed; its logins have ended.\n", name))
}

// said prints what was done, with the account's name in both languages,
// unless err says it was not.
func said(e env, err error, format, name string) error {
	if err == nil {
		fmt.Fprintf(e.stdout, format, name, name)
	}
	return err
}

// listStaff prints one account per line: name, role, created.
func listStaff(ctx context.Context, e env, db *store.DB) error {
	list, err := db.ListStaff(ctx)
	if err != nil {
		return err
	}
	for _, s := range list {
		role := "Mitarbeiter/staff"
		if s.Owner {
			role = "Inhaber/owner"
		}
		branches := "alle Filialen/all branches"
		if len(s.Branches) > 0 {
			branches = strings.Join(s.Branches, ",")
		}
		fmt.Fprintf(e.stdout, "%-20s %-18s %s  %s\n", s.Username, role, s.CreatedAt.Format("2006-01-02"), branches)
	}
	return nil
}

// newPasswordHash reads a new password and hashes it.
func newPasswordHash(e env) (string, error) {
	pw, err := readPassword(e)
	if err != nil {
		return "", err
	}
	return bilingualHash(pw)
}

// bilingualHash is service.HashPassword with a short password's error in German and
// English.
func bilingualHash(pw string) (string, error) {
	hash, err := service.HashPassword(pw)
	return hash, bilingual(err)
}

// bilingual turns a bot Error into its German and English text.
func bilingual(err error) error {
	var be *bot.Error
	if errors.As(err, &be) {
		return fmt.Errorf("%s / %s", be.Text("de"), be.Text("en"))
	}
	return err
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
