-- +goose Up
CREATE TABLE `products` (`pzn` text,`name` text NOT NULL,`strength` text,`form` text,`count` integer NOT NULL,`n_size` text,`maker` text,`rx` numeric,`stock` integer NOT NULL,`updated_at` datetime,PRIMARY KEY (`pzn`),CONSTRAINT `chk_products_count` CHECK (count >= 0),CONSTRAINT `chk_products_stock` CHECK (stock >= 0));
CREATE TABLE `preorders` (`id` integer PRIMARY KEY AUTOINCREMENT,`code` text NOT NULL,`status` text NOT NULL,`pickup_at` datetime,`bring_prescription` numeric,`reason` text,`conversation_id` integer,`created_at` datetime,`updated_at` datetime);
CREATE TABLE `preorder_items` (`id` integer PRIMARY KEY AUTOINCREMENT,`preorder_id` integer NOT NULL,`pzn` text,`name` text,`strength` text,`count` integer,`quantity` integer NOT NULL,`reserved` integer NOT NULL DEFAULT 0,`rx` numeric,CONSTRAINT `fk_preorders_items` FOREIGN KEY (`preorder_id`) REFERENCES `preorders`(`id`) ON DELETE CASCADE,CONSTRAINT `chk_preorder_items_quantity` CHECK (quantity > 0));
CREATE TABLE `conversations` (`id` integer PRIMARY KEY AUTOINCREMENT,`channel` text NOT NULL,`chat_key` text NOT NULL,`sealed_key` blob,`reply_to` blob,`language` text,`last_seen_at` datetime,`created_at` datetime);
CREATE TABLE `messages` (`id` integer PRIMARY KEY AUTOINCREMENT,`conversation_id` integer NOT NULL,`platform_id` text NOT NULL,`from_bot` numeric,`text` blob,`photo` blob,`scan_text` blob,`processed` numeric,`created_at` datetime,CONSTRAINT `fk_conversations_messages` FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON DELETE CASCADE);
CREATE TABLE `staff` (`id` integer PRIMARY KEY AUTOINCREMENT,`username` text NOT NULL,`password_hash` text NOT NULL,`created_at` datetime);
CREATE TABLE `staff_sessions` (`id_hash` text,`staff_id` integer NOT NULL,`created_at` datetime,`last_seen_at` datetime,PRIMARY KEY (`id_hash`));
CREATE TABLE `counters` (`day` text,`name` text,`value` integer,PRIMARY KEY (`day`,`name`));
CREATE INDEX `idx_preorders_conversation_id` ON `preorders`(`conversation_id`);
CREATE INDEX `idx_preorders_status` ON `preorders`(`status`);
CREATE UNIQUE INDEX `idx_preorders_code` ON `preorders`(`code`);
CREATE INDEX `idx_preorder_items_preorder_id` ON `preorder_items`(`preorder_id`);
CREATE UNIQUE INDEX `idx_conversations_chat_key` ON `conversations`(`chat_key`);
CREATE INDEX `idx_messages_processed` ON `messages`(`processed`);
CREATE UNIQUE INDEX `idx_messages_platform` ON `messages`(`conversation_id`,`platform_id`);
CREATE UNIQUE INDEX `idx_staff_username` ON `staff`(`username`);
CREATE INDEX `idx_staff_sessions_staff_id` ON `staff_sessions`(`staff_id`);
