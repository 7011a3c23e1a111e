-- Limits that hold across every gateway replica (limits/SharedLimits, docs/security.md).

-- Fixed-window counters: one row per key and window, incremented by one atomic UPSERT ... RETURNING.
CREATE TABLE rate_window (
    key          text        NOT NULL,
    window_start timestamptz NOT NULL,
    hits         integer     NOT NULL,
    PRIMARY KEY (key, window_start)
);
CREATE INDEX rate_window_start ON rate_window (window_start);

-- Open sockets as leases: the replica holding a socket renews its lease; a killed replica's
-- leases lapse at expires_at, so its sockets stop counting without anyone cleaning up.
CREATE TABLE socket_lease (
    id         uuid        PRIMARY KEY,
    holder     text        NOT NULL,
    address    text        NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX socket_lease_holder ON socket_lease (holder, expires_at);
CREATE INDEX socket_lease_address ON socket_lease (address, expires_at);
CREATE INDEX socket_lease_expires ON socket_lease (expires_at);
