-- A file becomes attached when a message takes it up (case-service's metadata check as it ingests
-- the FILE message); files never attached are deleted after files.unattached-grace.
ALTER TABLE stored_file ADD COLUMN attached_at timestamptz;
-- Files stored before this migration may be in messages already: they count as attached.
UPDATE stored_file SET attached_at = created_at;
CREATE INDEX stored_file_unattached_idx ON stored_file (created_at) WHERE attached_at IS NULL;
