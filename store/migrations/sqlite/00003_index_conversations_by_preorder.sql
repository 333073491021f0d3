-- +goose Up
CREATE INDEX `idx_conversations_preorder_id` ON `conversations`(`preorder_id`);
