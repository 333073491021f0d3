-- +goose Up
ALTER TABLE `preorder_items` ADD COLUMN `printed` numeric NOT NULL DEFAULT false;
