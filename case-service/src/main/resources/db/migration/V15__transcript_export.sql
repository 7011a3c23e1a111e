-- One row per close of a Case: its transcript (messages up to through_seq) is to be kept as a file
-- in file-service. Written in the closing transaction; service/TranscriptExports uploads it with
-- the Idempotency-Key transcript-<case_id>-<through_seq> and records the stored file's id.
-- next_attempt_at is both the retry back-off and the lease of the replica that took the row.
CREATE TABLE transcript_export (
    case_id         uuid        NOT NULL REFERENCES chat_case (id) ON DELETE CASCADE,
    through_seq     bigint      NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    file_id         uuid,
    last_error      varchar(500),
    gave_up_at      timestamptz,
    PRIMARY KEY (case_id, through_seq)
);
CREATE INDEX transcript_export_due_idx ON transcript_export (next_attempt_at)
    WHERE file_id IS NULL AND gave_up_at IS NULL;
