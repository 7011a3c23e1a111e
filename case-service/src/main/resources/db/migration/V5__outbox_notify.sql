-- service-outbox: the relay is woken by a NOTIFY that Postgres delivers only when the transaction
-- that wrote outbox rows commits (once per transaction: identical notifications fold into one).
-- Rows are stamped with clock_timestamp() by the writer; this default matches for hand-written rows.
ALTER TABLE outbox_event ALTER COLUMN created_at SET DEFAULT clock_timestamp();

CREATE FUNCTION outbox_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_event', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify();
