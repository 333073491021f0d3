package main

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/apobot/apobot/store/seal"
)

const (
	envMasterKey     = "APOBOT_MASTER_KEY"
	envMasterKeyFile = "APOBOT_MASTER_KEY_FILE"
)

// loadMasterKey takes the master key from APOBOT_MASTER_KEY, else from the
// file APOBOT_MASTER_KEY_FILE names, else from master.key in the data folder,
// which is made (mode 0600) with a new key when create allows (a new
// database). created reports that a key was made now.
func loadMasterKey(getenv func(string) string, dataDir string, create bool) (k seal.Key, created bool, err error) {
	value, file := strings.TrimSpace(getenv(envMasterKey)), strings.TrimSpace(getenv(envMasterKeyFile))
	switch {
	case value != "" && file != "":
		return seal.Key{}, false, errors.New(envMasterKey + " and " + envMasterKeyFile + " are both set: set one")
	case value != "":
		k, err := seal.ParseKey(value)
		if err != nil {
			return seal.Key{}, false, fmt.Errorf("%s: %w", envMasterKey, err)
		}
		return k, false, nil
	case file != "":
		data, err := readSecretFile(envMasterKeyFile, file) // the rule of every secret file
		if err != nil {
			return seal.Key{}, false, err
		}
		k, err := seal.ParseKey(string(data))
		if err != nil {
			return seal.Key{}, false, fmt.Errorf("%s: %s: %w", envMasterKeyFile, file, err)
		}
		return k, false, nil
	}
	path := filepath.Join(dataDir, "master.key")
	if create {
		k, created, err = seal.LoadOrCreate(path)
	} else {
		k, err = seal.Load(path)
	}
	if errors.Is(err, fs.ErrNotExist) {
		return seal.Key{}, false, fmt.Errorf("der Hauptschlüssel %s fehlt: ohne ihn ist die Datenbank nicht lesbar; aus der Sicherung zurücklegen oder %s setzen / "+
			"the master key %s is missing: without it the database cannot be read; put it back from its backup or set %s", path, envMasterKeyFile, path, envMasterKeyFile)
	}
	if err != nil {
		return seal.Key{}, false, fmt.Errorf("master key in %s: %w", envDataDir, err)
	}
	return k, created, nil
}

// keyInDataDir reports whether the master key is read from a file inside
// the data folder (the default): then a copy of that folder alone opens
// every stored chat.
func keyInDataDir(getenv func(string) string, dataDir string) bool {
	if strings.TrimSpace(getenv(envMasterKey)) != "" {
		return false
	}
	file := strings.TrimSpace(getenv(envMasterKeyFile))
	if file == "" {
		return true
	}
	dir, err1 := filepath.Abs(dataDir)
	key, err2 := filepath.Abs(file)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(dir, key)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
