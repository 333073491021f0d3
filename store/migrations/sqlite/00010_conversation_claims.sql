-- +goose Up
-- A process working on a conversation claims it until a lease runs out
-- (PostgreSQL with several apobot processes; on SQLite one process works and
-- the table stays empty, kept so both schemas have the same versions).
CREATE TABLE `conversation_claims` (
	`conversation_id` integer PRIMARY KEY,
	`owner` text NOT NULL,
	`until` datetime NOT NULL
);
