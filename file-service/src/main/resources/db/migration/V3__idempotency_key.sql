-- A service's own file (case-service keeping a Case's transcript on close) is uploaded with an
-- Idempotency-Key: a repeated upload with the same key for the same Case answers the first file.
ALTER TABLE stored_file ADD COLUMN idempotency_key varchar(200);
CREATE UNIQUE INDEX stored_file_idempotency_idx ON stored_file (case_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
