-- Transactional outbox: a change and the event announcing it commit together; the relay
-- (messaging/OutboxRelay) publishes pending rows to Kafka and stamps published_at.
CREATE TABLE outbox_event (
    id             uuid         PRIMARY KEY,            -- the CloudEvents ce_id: consumers dedup on it
    aggregate_type varchar(50)  NOT NULL,
    aggregate_id   uuid         NOT NULL,               -- the Kafka key
    type           varchar(100) NOT NULL,               -- the ce_type
    payload        jsonb        NOT NULL,
    -- clock_timestamp(), not now(): rows of one aggregate are written under its row lock, so the
    -- wall clock at insert orders them as they committed; now() is the (earlier) transaction start.
    created_at     timestamptz  NOT NULL DEFAULT clock_timestamp(),
    published_at   timestamptz
);
CREATE INDEX outbox_event_pending_idx ON outbox_event (created_at, id) WHERE published_at IS NULL;
CREATE INDEX outbox_event_published_idx ON outbox_event (published_at) WHERE published_at IS NOT NULL;
