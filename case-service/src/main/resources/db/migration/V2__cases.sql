-- Cases, their conversation, per-agent read marks and the transactional outbox.

CREATE SEQUENCE case_number_seq START WITH 1001;

CREATE TABLE chat_case (
    id                 uuid PRIMARY KEY,
    number             bigint       NOT NULL UNIQUE DEFAULT nextval('case_number_seq'),
    channel            varchar(20)  NOT NULL CHECK (channel IN ('WEB_CONNECT', 'SUPPORT_SDK')),
    status             varchar(10)  NOT NULL CHECK (status IN ('NEW', 'READY', 'RESOLVED', 'CLOSED')),
    owner_id           varchar(100),
    owner_first_name   varchar(100),
    owner_last_name    varchar(100),
    -- The Contact view shown on tiles; contact_id stays null while contact-service was unreachable.
    contact_id         uuid,
    contact_email      varchar(254) NOT NULL,
    contact_first_name varchar(100),
    contact_last_name  varchar(100),
    contact_initials   varchar(8)   NOT NULL,
    created_at         timestamptz  NOT NULL,
    claimed_at         timestamptz,
    resolved_at        timestamptz,
    closed_at          timestamptz,
    last_seq           bigint       NOT NULL DEFAULT 0,
    -- Seq of the newest customer message: a badge is last_customer_seq above the agent's read mark.
    last_customer_seq  bigint       NOT NULL DEFAULT 0,
    CHECK ((status = 'NEW') = (owner_id IS NULL))
);
-- One open chat Case per Contact (by normalised email) per channel: the database decides, not a read.
CREATE UNIQUE INDEX chat_case_one_open_idx ON chat_case (contact_email, channel)
    WHERE status IN ('NEW', 'READY');
-- Tiles: open Cases, oldest first.
CREATE INDEX chat_case_open_idx ON chat_case (created_at, id) WHERE status IN ('NEW', 'READY');
CREATE INDEX chat_case_resolved_idx ON chat_case (resolved_at) WHERE status = 'RESOLVED';
CREATE INDEX chat_case_unmatched_idx ON chat_case (created_at) WHERE contact_id IS NULL;

CREATE TABLE message (
    case_id           uuid          NOT NULL REFERENCES chat_case (id),
    seq               bigint        NOT NULL,
    id                uuid          NOT NULL UNIQUE,
    client_msg_id     varchar(64),
    kind              varchar(10)   NOT NULL CHECK (kind IN ('TEXT', 'FILE', 'SYSTEM')),
    sender_type       varchar(10)   NOT NULL CHECK (sender_type IN ('CUSTOMER', 'USER', 'SYSTEM')),
    sender_id         varchar(100),
    sender_name       varchar(200),
    text              varchar(8000),
    file_id           uuid,
    file_name         varchar(255),
    file_size         bigint,
    file_content_type varchar(100),
    created_at        timestamptz   NOT NULL,
    PRIMARY KEY (case_id, seq),
    -- A resend with the same clientMsgId is answered with the stored message, never stored twice.
    UNIQUE (case_id, client_msg_id)
);

CREATE TABLE read_mark (
    agent_id varchar(100) NOT NULL,
    case_id  uuid         NOT NULL REFERENCES chat_case (id),
    seq      bigint       NOT NULL,
    PRIMARY KEY (agent_id, case_id)
);

CREATE TABLE outbox_event (
    id           uuid PRIMARY KEY,
    -- Publication order; per-case order on the topic follows it.
    position     bigserial    NOT NULL UNIQUE,
    aggregate_id uuid         NOT NULL,
    type         varchar(40)  NOT NULL,
    payload      text         NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX outbox_event_pending_idx ON outbox_event (position) WHERE published_at IS NULL;
