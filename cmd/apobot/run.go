package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// command is one subcommand.
type command struct {
	summary string
	run     func(ctx context.Context, env env, args []string) error
}

// env is what a command may touch of the outside world.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// commands lists the subcommands; serve is the default.
var commands = map[string]command{
	"serve":     {"run the service on APOBOT_ADDR (the default command)", runServe},
	"inventory": {"inventory import [--branch ID] FILE.csv: load the stock list (pzn;name;strength;form;count;n_size;maker;rx;stock), of one branch where there are branches", runInventory},
	"purge":     {"purge [--dry-run]: the nightly retention job, once, with its counts", runPurge},
	"staff":     {"staff add NAME | list | passwd NAME | remove NAME | branches NAME [ID,…]: the tablet page's accounts (passwords from standard input), and the branches each works at", runStaff},
	"backup":    {"backup FILE: an encrypted copy of stock, requests and accounts, without chats, while the service runs", runBackup},
	"restore":   {"restore FILE: put a backup into an empty data folder (the master key must be there or set)", runRestore},
	"scan":      {"read PZNs, product details and e-prescriptions from photos", runScan},
	"threema":   {"threema keygen FILE: a key pair for the Threema Gateway; the private key into FILE, the public key printed", runThreema},
	"check":     {"check the configuration and the machine without serving (one line per check; exit 1 on a failure)", runCheck},
	"version":   {"print the version", runVersion},
}

// errUsage marks a usage error that has already been explained to the user.
var errUsage = errors.New("usage")

// run is main without the process: tests call it directly.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runWith(ctx, args, os.Stdin, stdout, stderr)
}

// runWith is run with a given standard input.
func runWith(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv}
	name := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	} else if len(args) > 0 && isHelp(args[0]) {
		name, args = "help", nil
	}
	if name == "help" {
		usage(stdout)
		return exitOK
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "apobot: unknown command %q\n\n", name)
		usage(stderr)
		return exitUsage
	}
	switch err := cmd.run(ctx, e, args); {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errUsage):
		return exitUsage
	default:
		fmt.Fprintf(stderr, "apobot %s: %v\n", name, err)
		return exitError
	}
}

func isHelp(arg string) bool { return arg == "-h" || arg == "-help" || arg == "--help" }

// usage lists the subcommands.
func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: apobot [command] [flags]")
	fmt.Fprintln(w, "\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'apobot COMMAND --help' for a command's flags. Configuration comes from")
	fmt.Fprintln(w, "APOBOT_* environment variables; see docs/operations.md.")
}

// newFlags makes a flag set that prints its usage to stderr and returns errors.
func newFlags(e env, name, args string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, strings.TrimSpace("Usage: apobot "+name+" "+args))
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, flags before, between and after the other
// arguments (`apobot threema keygen --help` asks for help and writes no file
// named --help). A bad flag becomes errUsage (already reported by the flag
// package), and so does an argument that starts with "-" after the flags
// ("--" then a name): a file is never named like a flag.
func parseFlags(fs *flag.FlagSet, args []string) error {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return errUsage
		}
		if fs.NArg() == 0 {
			break
		}
		rest, args = append(rest, fs.Arg(0)), fs.Args()[1:]
	}
	for _, a := range rest {
		if strings.HasPrefix(a, "-") {
			fmt.Fprintf(fs.Output(), "%q: ein Name darf nicht mit - beginnen (./%s für eine solche Datei) / a name must not start with - (./%s for such a file)\n", a, a, a)
			fs.Usage()
			return errUsage
		}
	}
	return fs.Parse(append([]string{"--"}, rest...)) // fs.Args() is rest
}
