-- +goose Up
CREATE TABLE `login_failures` (`key` text,`failures` integer NOT NULL,`first_at` datetime,`locked_until` datetime,PRIMARY KEY (`key`));
