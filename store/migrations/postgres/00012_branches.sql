-- +goose Up
-- Branches (Filialen): each keeps its own stock of a product, a request and
-- a chat belong to one, staff may be limited to some. '' is the one branch
-- of a pharmacy without branches. A chat's state has a version, so a turn
-- worked from a state another process changed since is not recorded.
ALTER TABLE products ADD COLUMN branch text NOT NULL DEFAULT '';
ALTER TABLE products DROP CONSTRAINT products_pkey;
ALTER TABLE products ADD PRIMARY KEY (branch, pzn);
CREATE INDEX idx_products_pzn ON products (pzn);
ALTER TABLE preorders ADD COLUMN branch text NOT NULL DEFAULT '';
CREATE INDEX idx_preorders_branch ON preorders (branch);
ALTER TABLE conversations ADD COLUMN branch text NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN branch_asked bigint NOT NULL DEFAULT 0;
ALTER TABLE staff ADD COLUMN branches text NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN version bigint NOT NULL DEFAULT 0;
