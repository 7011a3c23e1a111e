-- Contacts and their email addresses. An address (normalised: trimmed, lower-case, ASCII domain)
-- belongs to at most one Contact: the primary key on contact_email is what makes matching race-free
-- (INSERT ... ON CONFLICT (email) DO NOTHING, then fetch the owner).
CREATE TABLE contact (
    id          uuid         PRIMARY KEY,
    first_name  varchar(100),
    last_name   varchar(100),
    phone       varchar(40),
    external_id varchar(200) CONSTRAINT contact_external_id_key UNIQUE,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE contact_email (
    email      varchar(254) PRIMARY KEY,
    contact_id uuid         NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    is_primary boolean      NOT NULL DEFAULT false
);
CREATE INDEX contact_email_contact_idx ON contact_email (contact_id);
-- One primary address per Contact.
CREATE UNIQUE INDEX contact_email_primary_idx ON contact_email (contact_id) WHERE is_primary;

-- The search order (last name, first name, id) is stable and served by this index.
CREATE INDEX contact_name_idx ON contact (lower(last_name), lower(first_name), id);
