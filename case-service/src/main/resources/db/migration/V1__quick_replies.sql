-- The organisation's Quick Replies: canned answers agents insert by /shortcut.
CREATE TABLE quick_reply (
    id         uuid PRIMARY KEY,
    shortcut   varchar(40)   NOT NULL UNIQUE,
    title      varchar(120)  NOT NULL,
    body       varchar(4000) NOT NULL,
    created_at timestamptz   NOT NULL DEFAULT now(),
    updated_at timestamptz   NOT NULL DEFAULT now()
);
