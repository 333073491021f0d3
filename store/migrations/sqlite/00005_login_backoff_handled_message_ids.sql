-- +goose Up
ALTER TABLE `login_failures` ADD COLUMN `locks` integer NOT NULL DEFAULT 0;
CREATE TABLE `handled_messages` (`key` text,`day` datetime NOT NULL,PRIMARY KEY (`key`));
CREATE INDEX `idx_handled_messages_day` ON `handled_messages`(`day`);
