-- +goose Up
-- Branches (Filialen): each keeps its own stock of a product, a request and
-- a chat belong to one, staff may be limited to some. '' is the one branch
-- of a pharmacy without branches. A chat's state has a version, so a turn
-- worked from a state another process changed since is not recorded.
CREATE TABLE `products_by_branch` (`branch` text NOT NULL DEFAULT '',`pzn` text,`name` text NOT NULL,`strength` text,`form` text,`count` integer NOT NULL,`n_size` text,`maker` text,`rx` numeric,`stock` integer NOT NULL,`updated_at` datetime,PRIMARY KEY (`branch`,`pzn`),CONSTRAINT `chk_products_count` CHECK (count >= 0),CONSTRAINT `chk_products_stock` CHECK (stock >= 0));
INSERT INTO `products_by_branch` (`branch`,`pzn`,`name`,`strength`,`form`,`count`,`n_size`,`maker`,`rx`,`stock`,`updated_at`)
	SELECT '',`pzn`,`name`,`strength`,`form`,`count`,`n_size`,`maker`,`rx`,`stock`,`updated_at` FROM `products`;
DROP TABLE `products`;
ALTER TABLE `products_by_branch` RENAME TO `products`;
CREATE INDEX `idx_products_pzn` ON `products`(`pzn`);
ALTER TABLE `preorders` ADD COLUMN `branch` text NOT NULL DEFAULT '';
CREATE INDEX `idx_preorders_branch` ON `preorders`(`branch`);
ALTER TABLE `conversations` ADD COLUMN `branch` text NOT NULL DEFAULT '';
ALTER TABLE `conversations` ADD COLUMN `branch_asked` integer NOT NULL DEFAULT 0;
ALTER TABLE `staff` ADD COLUMN `branches` text NOT NULL DEFAULT '';
ALTER TABLE `conversations` ADD COLUMN `version` integer NOT NULL DEFAULT 0;
