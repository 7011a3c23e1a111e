package io.chatcases.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows, at least once, in commit order per aggregate, with any number of
 * relays (replicas) at once. Plain Java on a reactive SQL pool, so tests can run several against
 * one table; {@link OutboxRunner} wires one to Kafka in each service.
 *
 * <p><b>Ordering mode: per aggregate.</b> A pass runs in one transaction. It lists the aggregates
 * with pending rows, oldest first, and takes a transaction-scoped advisory lock on each one it can
 * ({@code pg_try_advisory_xact_lock}, skipping those another relay holds, like {@code SKIP
 * LOCKED}); then, in a new statement (so it sees rows stamped by a pass that just released the
 * lock), it reads those aggregates' pending rows in {@code position} order, sends them back to
 * back, waits for every ack and stamps them published. The lock is released at commit, after the
 * stamps are visible. So one aggregate's rows are only ever in one relay's hands, and a later pass
 * starts after the earlier one's acks: the topic holds them in position order. {@link OutboxWriter}
 * serialises the transactions that write one aggregate's rows, so position order is their commit
 * order. Different aggregates are relayed in parallel by different replicas.
 *
 * <p>A broker that does not ack within the timeout fails the pass: the transaction rolls back,
 * nothing is stamped, and the rows go out again, in order: delivery is at least once, so a consumer
 * may see an event twice (same ce_id).
 */
public final class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /**
     * The first key of the two-key advisory locks a pass holds on the aggregates it relays ("OUTB";
     * the second is {@code hashtext(aggregate_id::text)}); they show in pg_locks.
     */
    public static final int LOCK_SPACE = 0x4F555442;

    private static final String LOCK_AGGREGATES =
            "SELECT aggregate_id FROM (SELECT aggregate_id, min(position) AS first"
                    + " FROM outbox_event WHERE published_at IS NULL"
                    + " GROUP BY aggregate_id ORDER BY first LIMIT $1) pending"
                    + " WHERE pg_try_advisory_xact_lock($2, hashtext(aggregate_id::text))"
                    + " ORDER BY first";
    private static final String PENDING_OF =
            "SELECT id, aggregate_id, type, payload::text AS payload, created_at FROM outbox_event"
                    + " WHERE published_at IS NULL AND aggregate_id = ANY($1)"
                    + " ORDER BY position LIMIT $2";
    private static final String STAMP =
            "UPDATE outbox_event SET published_at = clock_timestamp() WHERE id = ANY($1)";
    private static final String PURGE =
            "DELETE FROM outbox_event WHERE id IN (SELECT id FROM outbox_event"
                    + " WHERE published_at < $1 LIMIT 10000)";

    /** A committed row to publish. Its id is the CloudEvents ce_id, its aggregate the key. */
    public record Row(
            UUID id, UUID aggregateId, String type, String payload, OffsetDateTime createdAt) {}

    /** Sends one row; the Uni completes when the broker acknowledged it. */
    @FunctionalInterface
    public interface Sender {
        Uni<Void> send(Row row);
    }

    private final Pool pool;
    private final Sender sender;
    private final int batchSize;
    private final Duration publishTimeout;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();

    public OutboxRelay(Pool pool, Sender sender, int batchSize, Duration publishTimeout) {
        this.pool = pool;
        this.sender = sender;
        this.batchSize = batchSize;
        this.publishTimeout = publishTimeout;
    }

    /**
     * Asks for a pass soon; non-blocking, safe from any thread. Wake-ups coalesce: at most one pass
     * runs in this relay, and a wake-up during a pass runs one more after it.
     */
    public void wake() {
        pending.set(true);
        if (running.compareAndSet(false, true)) {
            runPass();
        }
    }

    private void runPass() {
        pending.set(false);
        pass().subscribe()
                .with(
                        published -> {
                            if (published >= batchSize) {
                                pending.set(true); // more rows may wait
                            }
                            passEnded(true);
                        },
                        failure -> {
                            LOG.warnf(
                                    "outbox pass failed, rows stay pending for the sweeper: %s",
                                    failure.toString());
                            passEnded(false);
                        });
    }

    private void passEnded(boolean succeeded) {
        running.set(false);
        // After a failure, do not spin against a broker that is down: the sweeper retries.
        if (succeeded && pending.get() && running.compareAndSet(false, true)) {
            runPass();
        }
    }

    /** One pass; returns how many rows it published. */
    public Uni<Integer> pass() {
        return pool.withTransaction(
                conn ->
                        lockAggregates(conn)
                                .chain(
                                        ids ->
                                                ids.length == 0
                                                        ? Uni.createFrom().item(List.<Row>of())
                                                        : pendingOf(conn, ids))
                                .chain(
                                        rows ->
                                                rows.isEmpty()
                                                        ? Uni.createFrom().item(0)
                                                        : sendAll(rows)
                                                                .chain(() -> stamp(conn, rows))
                                                                .replaceWith(rows.size())));
    }

    private Uni<UUID[]> lockAggregates(SqlConnection conn) {
        return conn.preparedQuery(LOCK_AGGREGATES)
                .execute(Tuple.of(batchSize, LOCK_SPACE))
                .map(
                        rows -> {
                            List<UUID> ids = new ArrayList<>();
                            rows.forEach(r -> ids.add(r.getUUID("aggregate_id")));
                            return ids.toArray(UUID[]::new);
                        });
    }

    private Uni<List<Row>> pendingOf(SqlConnection conn, UUID[] aggregates) {
        return conn.preparedQuery(PENDING_OF)
                .execute(Tuple.of(aggregates, batchSize))
                .map(
                        rows -> {
                            List<Row> list = new ArrayList<>();
                            rows.forEach(
                                    r ->
                                            list.add(
                                                    new Row(
                                                            r.getUUID("id"),
                                                            r.getUUID("aggregate_id"),
                                                            r.getString("type"),
                                                            r.getString("payload"),
                                                            r.getOffsetDateTime("created_at"))));
                            return list;
                        });
    }

    private Uni<Void> sendAll(List<Row> rows) {
        // Subscribed in list order, so the producer gets them oldest first; an idempotent producer
        // keeps that order per partition. A broker that never answers must not hold the locks.
        List<Uni<Void>> acks =
                rows.stream().map(r -> Uni.createFrom().deferred(() -> sender.send(r))).toList();
        return Uni.join()
                .all(acks)
                .andFailFast()
                .ifNoItem()
                .after(publishTimeout)
                .fail()
                .replaceWithVoid();
    }

    private static Uni<Void> stamp(SqlConnection conn, List<Row> rows) {
        UUID[] ids = rows.stream().map(Row::id).toArray(UUID[]::new);
        return conn.preparedQuery(STAMP).execute(Tuple.of(ids)).replaceWithVoid();
    }

    /** Deletes up to 10,000 rows published before {@code cutoff}; returns how many. */
    public Uni<Integer> purgeBefore(Instant cutoff) {
        return pool.preparedQuery(PURGE)
                .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC)))
                .map(r -> r.rowCount());
    }
}
