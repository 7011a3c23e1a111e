-- Which gateway process holds a lease (a random id per process start). A socket over its holder's
-- cap evicts leases held by other processes first (one of them may be a killed replica whose
-- leases live on until they lapse), then its own process's oldest: a replica never closes one of
-- its own live sockets while a dead replica's lease of the same holder is still counted.
ALTER TABLE socket_lease ADD COLUMN replica uuid;
