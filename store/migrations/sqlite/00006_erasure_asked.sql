-- +goose Up
ALTER TABLE `conversations` ADD COLUMN `erase_asked` numeric;
