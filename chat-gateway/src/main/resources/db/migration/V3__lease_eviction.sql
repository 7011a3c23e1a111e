-- The newest socket wins (limits/SharedLimits): a socket over its holder's cap evicts the holder's
-- oldest lease instead of being refused, so a killed replica's sockets never block their own
-- reconnects. An evicted lease is marked, not deleted, until the replica holding it has renewed
-- once more and closed its socket.
ALTER TABLE socket_lease ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE socket_lease ADD COLUMN evicted boolean NOT NULL DEFAULT false;
