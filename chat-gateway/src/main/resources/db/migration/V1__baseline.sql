-- The gateway keeps no domain state. Its own database is reserved for per-connection bookkeeping
-- that must outlive one replica (customer sessions, chat-start rate windows); this baseline lets
-- Flyway own the schema from the first deployment on.
SELECT 1;
