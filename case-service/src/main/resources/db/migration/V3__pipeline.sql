-- A Contact may have several open Cases (two devices, an unverified start, a reopened old chat):
-- the one-open-Case index made an ordinary reopen fail in the ingest consumer.
DROP INDEX chat_case_one_open_idx;

-- When the Contact view was last refreshed from contact.updated: an older event never overwrites a
-- newer name (relays may publish one Contact's events out of order).
ALTER TABLE chat_case ADD COLUMN contact_updated_at timestamptz;

-- Published outbox rows are purged after a retention period.
CREATE INDEX outbox_event_published_idx ON outbox_event (published_at)
    WHERE published_at IS NOT NULL;
