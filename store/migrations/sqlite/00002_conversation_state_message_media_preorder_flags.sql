-- +goose Up
ALTER TABLE `conversations` ADD COLUMN `preorder_id` integer;
ALTER TABLE `conversations` ADD COLUMN `question` blob;
ALTER TABLE `conversations` ADD COLUMN `medical` numeric;
ALTER TABLE `conversations` ADD COLUMN `noticed` numeric;
ALTER TABLE `conversations` ADD COLUMN `notify` numeric;
ALTER TABLE `messages` ADD COLUMN `media_ref` blob;
ALTER TABLE `messages` ADD COLUMN `document` numeric;
ALTER TABLE `messages` ADD COLUMN `sent_id` text;
ALTER TABLE `preorders` ADD COLUMN `medical` numeric;
ALTER TABLE `preorders` ADD COLUMN `unreadable` numeric;
ALTER TABLE `preorder_items` ADD COLUMN `form` text;
