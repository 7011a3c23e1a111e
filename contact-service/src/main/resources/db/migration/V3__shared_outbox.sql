-- service-outbox: one outbox table shape for case-service and contact-service.
-- position: the order the relay publishes one aggregate's rows in (the writer serialises an
-- aggregate's transactions, so it is their commit order). Pending rows keep their old order.
ALTER TABLE outbox_event ADD COLUMN position bigint;
UPDATE outbox_event o SET position = n.rn
    FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS rn FROM outbox_event) n
    WHERE o.id = n.id;
CREATE SEQUENCE outbox_event_position_seq OWNED BY outbox_event.position;
SELECT setval('outbox_event_position_seq', COALESCE((SELECT max(position) FROM outbox_event), 0) + 1, false);
ALTER TABLE outbox_event ALTER COLUMN position SET DEFAULT nextval('outbox_event_position_seq');
ALTER TABLE outbox_event ALTER COLUMN position SET NOT NULL;
ALTER TABLE outbox_event ADD CONSTRAINT outbox_event_position_key UNIQUE (position);
DROP INDEX outbox_event_pending_idx;
CREATE INDEX outbox_event_pending_idx ON outbox_event (position) WHERE published_at IS NULL;

-- The relay sends the payload as text; the writer binds it as text. Every event is one aggregate's.
ALTER TABLE outbox_event ALTER COLUMN payload TYPE text;
ALTER TABLE outbox_event DROP COLUMN aggregate_type;

-- The relay is woken by a NOTIFY that Postgres delivers only when the transaction that wrote
-- outbox rows commits (once per transaction: identical notifications fold into one).
CREATE FUNCTION outbox_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_event', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify();
