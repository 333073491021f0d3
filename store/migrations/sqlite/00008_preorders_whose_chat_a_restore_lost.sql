-- +goose Up
ALTER TABLE `preorders` ADD COLUMN `chat_lost` numeric NOT NULL DEFAULT false;
