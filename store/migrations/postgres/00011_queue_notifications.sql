-- +goose Up
-- Every change of the requests tells the listening apobot processes
-- (channel apobot_queue), so the tablet pages of all of them update at once.
-- +goose StatementBegin
CREATE FUNCTION apobot_queue_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('apobot_queue', '');
	RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER preorders_changed AFTER INSERT OR UPDATE OR DELETE ON preorders
	FOR EACH STATEMENT EXECUTE FUNCTION apobot_queue_changed();
CREATE TRIGGER preorder_items_changed AFTER INSERT OR UPDATE OR DELETE ON preorder_items
	FOR EACH STATEMENT EXECUTE FUNCTION apobot_queue_changed();
