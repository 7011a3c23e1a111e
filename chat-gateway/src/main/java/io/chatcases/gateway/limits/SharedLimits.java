package io.chatcases.gateway.limits;

import io.chatcases.gateway.config.GatewayConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Limits shared by every gateway replica, kept in the gateway's own PostgreSQL database, so that N
 * replicas behind a balancer do not give a client N times the limit.
 *
 * <ul>
 *   <li>Rates: fixed windows aligned on the database clock; one {@code INSERT ... ON CONFLICT DO
 *       UPDATE ... RETURNING} per hit, atomic under any concurrency.
 *   <li>Open sockets: one lease row per socket, renewed by the replica that holds it every third of
 *       {@code gateway.limits.lease-ttl}. A killed replica's leases lapse at their expiry. A lease
 *       is taken under two transaction-scoped advisory locks (holder, then address: always in that
 *       order, so two takers never wait on each other in a cycle), so concurrent opens cannot both
 *       slip under a cap.
 *   <li>The newest socket wins the holder's cap (a customer's Case, an agent): one socket too many
 *       evicts a lease of the holder, those held by other gateway processes first (oldest first),
 *       then this process's oldest. The replica holding it closes that socket at once when it is
 *       its own, else at its next renewal. So the sockets of a killed replica, whose leases live on
 *       until they lapse, never keep their own clients from reconnecting, and their reconnects
 *       never push out a live socket of the replica they land on while a dead lease is counted
 *       (before, the oldest went first, often a live one: ManySocketsKillIT saw 0 to 35 sockets
 *       closed with 1008 after a kill). The address cap refuses instead: it guards against floods.
 * </ul>
 */
@ApplicationScoped
public class SharedLimits {
    private static final Logger LOG = Logger.getLogger(SharedLimits.class);

    private final Pool pool;
    private final GatewayConfig.Limits config;

    /** This process's mark on its leases (a restarted replica is another process). */
    private final UUID replica = UUID.randomUUID();

    /** Leases this replica holds, with what to do when another socket evicts one. */
    private final Map<UUID, Runnable> held = new ConcurrentHashMap<>();

    public SharedLimits(Pool pool, GatewayConfig config) {
        this.pool = pool;
        this.config = config.limits();
    }

    private static final String HIT =
            """
            INSERT INTO rate_window (key, window_start, hits)
            VALUES ($1, to_timestamp((extract(epoch FROM now())::bigint / $2::int) * $2::int), 1)
            ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_window.hits + 1
            RETURNING hits""";
    private static final String LOCK =
            "SELECT pg_advisory_xact_lock(hashtextextended($1, 0)),"
                    + " pg_advisory_xact_lock(hashtextextended($2, 0))";
    private static final String ADDRESS_ROOM =
            "SELECT count(*) < $2::int AS room FROM socket_lease"
                    + " WHERE address = $1 AND expires_at > now()";

    /** Keeps this process's newest leases, then other processes' newest; evicts the rest. */
    private static final String EVICT =
            """
            UPDATE socket_lease SET evicted = true, expires_at = now()
            WHERE id IN (SELECT id FROM socket_lease WHERE holder = $1 AND expires_at > now()
                         ORDER BY coalesce(replica = $3, false) DESC, created_at DESC
                         OFFSET $2::int - 1)
            RETURNING id""";

    /** clock_timestamp: a taker that waited for the locks is still the newest (now() is not). */
    private static final String LEASE =
            "INSERT INTO socket_lease (id, holder, address, expires_at, replica, created_at)"
                    + " VALUES ($1, $2, $3, now() + $4::int * interval '1 second', $5,"
                    + " clock_timestamp())";

    private static final String RENEW =
            """
            UPDATE socket_lease
            SET expires_at = CASE WHEN evicted THEN expires_at
                                  ELSE now() + $2::int * interval '1 second' END
            WHERE id = ANY($1::uuid[])
            RETURNING id, evicted""";

    /** Counts one hit on {@code key}; true while the window's hits stay within {@code limit}. */
    public Uni<Boolean> hit(String key, int limit, Duration window) {
        return pool.preparedQuery(HIT)
                .execute(Tuple.of(key, (int) window.toSeconds()))
                .map(rows -> rows.iterator().next().getInteger("hits") <= limit);
    }

    /**
     * A lease for one more socket of {@code holder} (a customer's Case, an agent) from {@code
     * address}: empty when the address has {@code perAddress} live sockets already. When the holder
     * has {@code perHolder}, its oldest leases are evicted to make room, and the socket of each
     * runs its {@code onEvicted} (here at once, on another replica at its next renewal).
     */
    public Uni<Optional<UUID>> acquire(
            String holder, int perHolder, String address, int perAddress, Runnable onEvicted) {
        UUID id = UUID.randomUUID();
        return pool.withTransaction(
                        c ->
                                c.preparedQuery(LOCK)
                                        .execute(Tuple.of("h:" + holder, "a:" + address))
                                        .chain(
                                                () ->
                                                        lease(
                                                                c,
                                                                id,
                                                                holder,
                                                                perHolder,
                                                                address,
                                                                perAddress)))
                .map(
                        evicted -> {
                            if (evicted.isEmpty()) {
                                return Optional.<UUID>empty();
                            }
                            held.put(id, onEvicted);
                            evicted.get().forEach(this::evicted);
                            return Optional.of(id);
                        });
    }

    /** Under the locks: the new lease and the evicted ones, or empty when the address is full. */
    private Uni<Optional<List<UUID>>> lease(
            SqlConnection c,
            UUID id,
            String holder,
            int perHolder,
            String address,
            int perAddress) {
        int ttl = (int) config.leaseTtl().toSeconds();
        return c.preparedQuery(ADDRESS_ROOM)
                .execute(Tuple.of(address, perAddress))
                .chain(
                        room -> {
                            if (!room.iterator().next().getBoolean("room")) {
                                return Uni.createFrom().item(Optional.<List<UUID>>empty());
                            }
                            return c.preparedQuery(EVICT)
                                    .execute(Tuple.of(holder, perHolder, replica))
                                    .call(
                                            () ->
                                                    c.preparedQuery(LEASE)
                                                            .execute(
                                                                    Tuple.of(
                                                                            id, holder, address,
                                                                            ttl, replica)))
                                    .map(SharedLimits::ids);
                        });
    }

    private static Optional<List<UUID>> ids(RowSet<Row> rows) {
        List<UUID> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.getUUID("id")));
        return Optional.of(out);
    }

    /** A lease of ours was evicted by a newer socket: its socket goes. */
    private void evicted(UUID lease) {
        Runnable onEvicted = held.remove(lease);
        LOG.debugf(
                "lease %s evicted by a newer socket (%s)",
                lease, onEvicted == null ? "not ours" : "ours: closing");
        if (onEvicted != null) {
            onEvicted.run();
        }
    }

    /** Gives a socket's lease back (socket closed). */
    public Uni<Void> release(UUID lease) {
        if (lease == null || held.remove(lease) == null) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("DELETE FROM socket_lease WHERE id = $1")
                .execute(Tuple.of(lease))
                .replaceWithVoid();
    }

    @Scheduled(
            every = "${gateway.limits.renew-every:20s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> renew() {
        if (held.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(RENEW)
                .execute(
                        Tuple.of(
                                held.keySet().toArray(UUID[]::new),
                                (int) config.leaseTtl().toSeconds()))
                .invoke(
                        rows ->
                                rows.forEach(
                                        r -> {
                                            if (r.getBoolean("evicted")) {
                                                evicted(r.getUUID("id"));
                                            }
                                        }))
                .replaceWithVoid()
                .onFailure()
                .invoke(f -> LOG.warnf("socket leases not renewed: %s", f.getMessage()))
                .onFailure()
                .recoverWithNull();
    }

    /** Any replica drops what lapsed long ago: old rate windows and expired leases. */
    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return pool.preparedQuery(
                        "DELETE FROM rate_window WHERE window_start < now() - interval '1 hour'")
                .execute()
                .chain(
                        () ->
                                // Kept one lease-ttl past expiry: an evicted lease's replica
                                // must see the mark at its next renewal.
                                pool.preparedQuery(
                                                "DELETE FROM socket_lease WHERE expires_at < now()"
                                                        + " - $1::int * interval '1 second'")
                                        .execute(Tuple.of((int) config.leaseTtl().toSeconds())))
                .replaceWithVoid()
                .onFailure()
                .recoverWithNull();
    }
}
