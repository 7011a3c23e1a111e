-- Issue 11: a typed email is a claim, not a proof.
-- (V3, on main, drops chat_case_one_open_idx: a Contact may now have several open Cases.)

-- True only when the chat started with proof: an identity token signed by the host site's backend.
-- Cases that existed before were started by a typed email.
ALTER TABLE chat_case ADD COLUMN email_verified boolean NOT NULL DEFAULT false;

-- Resuming with a valid identity looks up the Contact's newest open verified Case on the channel;
-- the Case panel lists a Contact's other open Cases.
CREATE INDEX chat_case_email_open_idx ON chat_case (contact_email, channel, created_at DESC)
    WHERE status IN ('NEW', 'READY');
CREATE INDEX chat_case_contact_open_idx ON chat_case (contact_id, created_at DESC)
    WHERE status IN ('NEW', 'READY');

-- Idempotency-Key of POST /api/chats: scope = sha-256 of (key, normalised email, channel). The
-- primary key decides between concurrent starts (INSERT ... ON CONFLICT), never a read.
CREATE TABLE chat_start_key (
    scope      char(64)    PRIMARY KEY,
    case_id    uuid        NOT NULL REFERENCES chat_case (id) DEFERRABLE INITIALLY DEFERRED,
    created_at timestamptz NOT NULL
);
CREATE INDEX chat_start_key_created_idx ON chat_start_key (created_at);
