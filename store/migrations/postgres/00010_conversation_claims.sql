-- +goose Up
-- A process working on a conversation claims it until a lease runs out, so
-- one conversation's messages are worked on by one apobot process at a time
-- and in order; a process that dies leaves claims that expire.
CREATE TABLE conversation_claims (
	conversation_id bigint PRIMARY KEY,
	owner text NOT NULL,
	until timestamptz NOT NULL
);
