-- +goose Up
-- On PostgreSQL version 11 makes request changes notify the listening
-- apobot processes; SQLite is served by one process, which needs no
-- notification. Kept so both schemas have the same versions.
SELECT 1;
