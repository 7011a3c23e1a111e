-- Conversations list and search (GET /cases/search): full text over the Contact's names, email and
-- the Case number, and over message text and file names. The 'simple' configuration (no stemming,
-- no stop words: chats come in every language); queries match word prefixes. System messages are
-- not searched.
ALTER TABLE chat_case ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector('simple',
        coalesce(contact_first_name, '') || ' ' || coalesce(contact_last_name, '') || ' '
        || contact_email || ' ' || translate(contact_email, '@.+_-', '     ') || ' ' || number::text)
) STORED;
CREATE INDEX chat_case_search_idx ON chat_case USING gin (search);

ALTER TABLE message ADD COLUMN search tsvector GENERATED ALWAYS AS (
    CASE WHEN kind = 'SYSTEM' THEN NULL
         ELSE to_tsvector('simple', coalesce(text, '') || ' ' || coalesce(file_name, '')) END
) STORED;
CREATE INDEX message_search_idx ON message USING gin (search);

-- The list's views, newest first: by status, and an agent's own Cases.
CREATE INDEX chat_case_status_created_idx ON chat_case (status, created_at DESC, id DESC);
CREATE INDEX chat_case_owner_created_idx ON chat_case (owner_id, created_at DESC, id DESC)
    WHERE owner_id IS NOT NULL;
