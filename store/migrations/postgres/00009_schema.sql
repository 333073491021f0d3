-- +goose Up
-- PostgreSQL came with schema version 9: this file is versions 1 to 9 at
-- once. From version 10 on, each version has a file here and in ../sqlite.
CREATE TABLE products (
	pzn varchar(8) PRIMARY KEY,
	name text NOT NULL,
	strength text,
	form text,
	count bigint NOT NULL CHECK (count >= 0),
	n_size varchar(2),
	maker text,
	rx boolean,
	stock bigint NOT NULL CHECK (stock >= 0),
	updated_at timestamptz
);
CREATE TABLE preorders (
	id bigserial PRIMARY KEY,
	code varchar(6) NOT NULL,
	status text NOT NULL,
	pickup_at timestamptz,
	bring_prescription boolean,
	reason text,
	medical boolean,
	unreadable boolean,
	chat_lost boolean NOT NULL DEFAULT false,
	conversation_id bigint,
	created_at timestamptz,
	updated_at timestamptz
);
CREATE UNIQUE INDEX idx_preorders_code ON preorders (code);
CREATE INDEX idx_preorders_status ON preorders (status);
CREATE INDEX idx_preorders_conversation_id ON preorders (conversation_id);
CREATE TABLE preorder_items (
	id bigserial PRIMARY KEY,
	preorder_id bigint NOT NULL REFERENCES preorders (id) ON DELETE CASCADE,
	pzn text,
	name text,
	strength text,
	form text,
	count bigint,
	quantity bigint NOT NULL CHECK (quantity > 0),
	reserved bigint NOT NULL DEFAULT 0,
	rx boolean,
	printed boolean NOT NULL DEFAULT false
);
CREATE INDEX idx_preorder_items_preorder_id ON preorder_items (preorder_id);
CREATE TABLE conversations (
	id bigserial PRIMARY KEY,
	channel text NOT NULL,
	chat_key text NOT NULL,
	sealed_key bytea,
	reply_to bytea,
	language varchar(2),
	preorder_id bigint,
	question bytea,
	medical boolean,
	noticed boolean,
	notify boolean,
	erase_asked boolean,
	last_seen_at timestamptz,
	created_at timestamptz
);
CREATE UNIQUE INDEX idx_conversations_chat_key ON conversations (chat_key);
CREATE INDEX idx_conversations_preorder_id ON conversations (preorder_id);
CREATE TABLE messages (
	id bigserial PRIMARY KEY,
	conversation_id bigint NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	platform_id text NOT NULL,
	from_bot boolean,
	text bytea,
	photo bytea,
	scan_text bytea,
	media_ref bytea,
	document boolean,
	sent_id text,
	processed boolean,
	created_at timestamptz
);
CREATE UNIQUE INDEX idx_messages_platform ON messages (conversation_id, platform_id);
CREATE INDEX idx_messages_processed ON messages (processed);
CREATE TABLE staff (
	id bigserial PRIMARY KEY,
	username text NOT NULL,
	password_hash text NOT NULL,
	owner boolean NOT NULL DEFAULT false,
	created_at timestamptz
);
CREATE UNIQUE INDEX idx_staff_username ON staff (username);
CREATE TABLE staff_events (
	id bigserial PRIMARY KEY,
	at timestamptz NOT NULL,
	actor text NOT NULL,
	action text NOT NULL,
	target text NOT NULL
);
CREATE INDEX idx_staff_events_at ON staff_events (at);
CREATE TABLE staff_sessions (
	id_hash text PRIMARY KEY,
	staff_id bigint NOT NULL,
	created_at timestamptz,
	last_seen_at timestamptz
);
CREATE INDEX idx_staff_sessions_staff_id ON staff_sessions (staff_id);
CREATE TABLE counters (
	day varchar(10),
	name text,
	value bigint,
	PRIMARY KEY (day, name)
);
CREATE TABLE login_failures (
	key text PRIMARY KEY,
	failures bigint NOT NULL,
	first_at timestamptz,
	locked_until timestamptz,
	locks bigint NOT NULL DEFAULT 0
);
CREATE TABLE handled_messages (
	key text PRIMARY KEY,
	day timestamptz NOT NULL
);
CREATE INDEX idx_handled_messages_day ON handled_messages (day);
