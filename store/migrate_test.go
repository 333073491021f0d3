package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/store/seal"
)

// testdata/schema-v1.sql is the dump of a database made by the store as it
// was at schema version 1 (commit c802535's parent): two products, a
// pre-order, a web chat with one unprocessed message, sealed with a master
// key of 32 bytes 0x11.
func v1Database(t *testing.T) string {
	t.Helper()
	dump, err := os.ReadFile("testdata/schema-v1.sql")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "apobot.db")
	if err := createPrivate(path); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open(driverName, dsn(path)) // the pragmas v1 set, auto_vacuum first
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(string(dump)); err != nil {
		t.Fatalf("restore the v1 dump: %v", err)
	}
	return path
}

func TestVersion1DatabaseIsUpgraded(t *testing.T) {
	sqliteOnly(t)
	var k seal.Key
	for i := range k {
		k[i] = 0x11
	}
	db, err := Open(v1Database(t), Options{MasterKey: &k})
	if err != nil {
		t.Fatalf("open a v1 database: %v", err)
	}
	defer db.Close()
	ctx := context.Background()
	if v, _ := db.Version(ctx); v != LatestVersion() || db.Fresh() {
		t.Fatalf("version %d, fresh %v after the upgrade", v, db.Fresh())
	}
	if ps, err := db.Products(ctx); err != nil || len(ps) != 2 {
		t.Fatalf("products after the upgrade: %d, %v", len(ps), err)
	}
	po, err := db.PreOrderByCode(ctx, "93NFT2")
	if err != nil || po.Status != bot.StatusReceived || len(po.Items) != 1 || po.Items[0].Quantity != 2 {
		t.Fatalf("the v1 pre-order: %+v, %v", po, err)
	}
	conv, err := db.ConversationByKey(ctx, "v1-chat")
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := db.Messages(ctx, conv.ID, 0)
	if err != nil || len(msgs) != 1 || msgs[0].Text != "PZN 74372349 bitte" {
		t.Fatalf("the v1 message, unsealed after the upgrade: %+v, %v", msgs, err)
	}
	if backlog, _ := db.Backlog(ctx); !slices.Contains(backlog, conv.ID) {
		t.Fatal("the v1 chat's unprocessed message is not in the backlog")
	}
	if _, err := db.SetStatus(ctx, po.ID, bot.StatusProposed, po.PickupAt, ""); err != nil {
		t.Fatalf("a v1 pre-order moves on after the upgrade: %v", err)
	}
}

// An upgraded database has the same schema as a new one: tables, columns
// with their types, NOT NULL and defaults, keys, indexes and foreign keys
// (sqliteSchema in schema_test.go).
func TestUpgradedSchemaEqualsNewSchema(t *testing.T) {
	sqliteOnly(t)
	var k seal.Key
	old, err := Open(v1Database(t), Options{MasterKey: &k})
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	got, want := sqliteSchema(t, old.sql), sqliteSchema(t, openTest(t).sql)
	slices.Sort(got)
	slices.Sort(want)
	for _, l := range want {
		if !slices.Contains(got, l) {
			t.Errorf("only in the new database: %s", l)
		}
	}
	for _, l := range got {
		if !slices.Contains(want, l) {
			t.Errorf("only in the upgraded database: %s", l)
		}
	}
}

// TestUpgradeMakesTheFirstAccountOwner: accounts made before owners existed
// get one, the oldest, so someone can manage the others after the upgrade.
func TestUpgradeMakesTheFirstAccountOwner(t *testing.T) {
	sqliteOnly(t)
	path := v1Database(t)
	raw, err := sql.Open(driverName, dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	_, err = raw.Exec("INSERT INTO staff (username, password_hash, created_at) VALUES ('zoe', 'h1', '2026-11-20 10:00:00'), ('anna', 'h2', '2026-11-21 10:00:00')")
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	var k seal.Key
	db, err := Open(path, Options{MasterKey: &k})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	list, err := db.ListStaff(context.Background())
	if err != nil || len(list) != 2 || list[0].Owner || !list[1].Owner {
		t.Fatalf("accounts after the upgrade %+v, %v: want zoe (the first) owner, anna not", list, err)
	}
}
