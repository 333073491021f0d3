-- +goose Up
ALTER TABLE `staff` ADD COLUMN `owner` numeric NOT NULL DEFAULT false;
CREATE TABLE `staff_events` (`id` integer PRIMARY KEY AUTOINCREMENT,`at` datetime NOT NULL,`actor` text NOT NULL,`action` text NOT NULL,`target` text NOT NULL);
CREATE INDEX `idx_staff_events_at` ON `staff_events`(`at`);
-- The first account of a pharmacy is its owner, as for new ones.
UPDATE `staff` SET `owner` = 1 WHERE `id` = (SELECT MIN(`id`) FROM `staff`) AND NOT EXISTS (SELECT 1 FROM `staff` WHERE `owner`);
