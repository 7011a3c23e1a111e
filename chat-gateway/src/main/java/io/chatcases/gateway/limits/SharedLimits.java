package io.chatcases.gateway.limits;

import io.chatcases.gateway.config.GatewayConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
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
 * </ul>
 */
@ApplicationScoped
public class SharedLimits {
    private static final Logger LOG = Logger.getLogger(SharedLimits.class);

    private final Pool pool;
    private final GatewayConfig.Limits config;
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();

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
    private static final String LEASE =
            """
            INSERT INTO socket_lease (id, holder, address, expires_at)
            SELECT $1, $2, $3, now() + $4::int * interval '1 second'
            WHERE (SELECT count(*) FROM socket_lease WHERE holder = $2 AND expires_at > now()) < $5::int
              AND (SELECT count(*) FROM socket_lease WHERE address = $3 AND expires_at > now()) < $6::int""";

    /** Counts one hit on {@code key}; true while the window's hits stay within {@code limit}. */
    public Uni<Boolean> hit(String key, int limit, Duration window) {
        return pool.preparedQuery(HIT)
                .execute(Tuple.of(key, (int) window.toSeconds()))
                .map(rows -> rows.iterator().next().getInteger("hits") <= limit);
    }

    /**
     * A lease for one more socket of {@code holder} (a customer's Case, an agent) from {@code
     * address}, or empty when the holder has {@code perHolder} or the address {@code perAddress}
     * live sockets already.
     */
    public Uni<Optional<UUID>> acquire(
            String holder, int perHolder, String address, int perAddress) {
        UUID id = UUID.randomUUID();
        Tuple lease =
                Tuple.tuple()
                        .addUUID(id)
                        .addString(holder)
                        .addString(address)
                        .addInteger((int) config.leaseTtl().toSeconds())
                        .addInteger(perHolder)
                        .addInteger(perAddress);
        return pool.withTransaction(
                        c ->
                                c.preparedQuery(LOCK)
                                        .execute(Tuple.of("h:" + holder, "a:" + address))
                                        .chain(() -> c.preparedQuery(LEASE).execute(lease)))
                .map(
                        rows -> {
                            if (rows.rowCount() == 0) {
                                return Optional.<UUID>empty();
                            }
                            held.add(id);
                            return Optional.of(id);
                        });
    }

    /** Gives a socket's lease back (socket closed). */
    public Uni<Void> release(UUID lease) {
        if (lease == null || !held.remove(lease)) {
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
        return pool.preparedQuery(
                        "UPDATE socket_lease SET expires_at = now() + $2::int * interval '1 second'"
                                + " WHERE id = ANY($1::uuid[])")
                .execute(Tuple.of(held.toArray(UUID[]::new), (int) config.leaseTtl().toSeconds()))
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
                                pool.preparedQuery(
                                                "DELETE FROM socket_lease WHERE expires_at < now()")
                                        .execute())
                .replaceWithVoid()
                .onFailure()
                .recoverWithNull();
    }
}
