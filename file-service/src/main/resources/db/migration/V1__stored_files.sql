-- Metadata of files sent in chat; the bytes live in the configured storage under storage_key.
CREATE TABLE stored_file (
    id            uuid PRIMARY KEY,
    case_id       uuid         NOT NULL,
    name          varchar(255) NOT NULL,
    content_type  varchar(100) NOT NULL,
    size_bytes    bigint       NOT NULL,
    sha256        char(64)     NOT NULL,
    storage_key   varchar(200) NOT NULL UNIQUE,
    uploader_type varchar(10)  NOT NULL,
    uploader_id   varchar(100) NOT NULL,
    uploader_name varchar(200),
    created_at    timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX stored_file_case_idx ON stored_file (case_id, created_at DESC);
