package main

import (
	"fmt"
	"io"
	"os"
)

// maxSecretFile bounds a secret file: a token, a key or a URL is far
// smaller, and a wrong path (a log, a device) is not read to its end.
const maxSecretFile = 64 << 10

// readSecretFile reads the secret file that the variable name (such as
// APOBOT_THREEMA_SECRET_FILE) points to: the one rule for every secret
// file. A file its group or others may read or write is refused, so a
// secret never lies open to other users of the machine and nobody else can
// swap it; the mode is taken from the file as opened, not from a second
// look at the path. The errors name the variable and the file, in German
// and English.
func readSecretFile(name, path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if mode := fi.Mode().Perm(); mode&0o077 != 0 {
		return nil, fmt.Errorf("%s: %s hat die Rechte %04o, Gruppe oder andere dürfen die Datei lesen oder ändern; chmod 600 %s / "+
			"%s: %s has mode %04o, its group or others may read or change it; chmod 600 %s", name, path, mode, path, name, path, mode, path)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxSecretFile+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > maxSecretFile {
		return nil, fmt.Errorf("%s: %s ist größer als %d KiB, keine Geheimnis-Datei / %s: %s is larger than %d KiB, not a secret file",
			name, path, maxSecretFile>>10, name, path, maxSecretFile>>10)
	}
	return data, nil
}
