package io.chatcases.cases.messaging;

import io.chatcases.events.CloudEventHeaders;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to chat.case-events, at least once and in outbox order.
 *
 * <p>Woken right after each commit ({@link #wake()}), so the normal path has no polling delay; a
 * sweeper wakes it every second for rows whose writer crashed before waking it. One transaction-
 * scoped advisory lock makes the replicas relay one at a time, which keeps the topic in outbox
 * order (and so in seq order per Case); a replica that waits for the lock drains what the other
 * left. Rows are stamped only after the broker acknowledged them: a crash in between republishes
 * them, and consumers de-duplicate on ce_id.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x43415345L; // "CASE"
    private static final int BATCH = 500;

    @Inject Pool pool;

    /** Longest wait for the broker to acknowledge a batch. */
    @ConfigProperty(name = "cases.outbox.ack-timeout", defaultValue = "15s")
    Duration ackTimeout;

    /** How long published rows are kept (for inspection) before they are purged. */
    @ConfigProperty(name = "cases.outbox.retention", defaultValue = "P3D")
    Duration retention;

    @Inject
    @Channel("case-events")
    MutinyEmitter<String> emitter;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean paused;

    /** Drain now, or once more after the drain in progress. */
    public void wake() {
        again.set(true);
        if (paused || !running.compareAndSet(false, true)) {
            return;
        }
        again.set(false);
        drain().subscribe()
                .with(
                        published -> finish(published == BATCH),
                        failure -> {
                            LOG.warnf("outbox relay failed, retried by the sweeper: %s", failure);
                            running.set(false);
                        });
    }

    private void finish(boolean more) {
        running.set(false);
        if (more || again.get()) {
            wake();
        }
    }

    @Scheduled(every = "${cases.outbox.sweep-interval:1s}", delayed = "5s")
    void sweep() {
        wake();
    }

    /** Deletes published rows older than the retention, in batches, so the table stays small. */
    @Scheduled(every = "${cases.outbox.purge-interval:10m}", delayed = "30s")
    Uni<Void> purge() {
        return purgeBefore(java.time.Instant.now().minus(retention)).replaceWithVoid();
    }

    /** Deletes up to 10,000 rows published before {@code cutoff}; returns how many. */
    public Uni<Integer> purgeBefore(java.time.Instant cutoff) {
        return pool.preparedQuery(
                        "DELETE FROM outbox_event WHERE id IN (SELECT id FROM outbox_event"
                                + " WHERE published_at < $1 LIMIT 10000)")
                .execute(Tuple.of(cutoff.atOffset(java.time.ZoneOffset.UTC)))
                .map(io.vertx.mutiny.sqlclient.SqlResult::rowCount);
    }

    /** Stops publishing (tests simulate a relay that died between commit and publish). */
    public void pause(boolean pause) {
        this.paused = pause;
        if (!pause) {
            wake();
        }
    }

    private Uni<Integer> drain() {
        return pool.withTransaction(
                conn ->
                        conn.preparedQuery("SELECT pg_advisory_xact_lock($1)")
                                .execute(Tuple.of(RELAY_LOCK))
                                .chain(() -> pending(conn))
                                .chain(rows -> publish(rows).chain(() -> stamp(conn, rows))));
    }

    private Uni<List<Row>> pending(SqlConnection conn) {
        return conn.preparedQuery(
                        "SELECT id, aggregate_id, type, payload, created_at FROM outbox_event"
                                + " WHERE published_at IS NULL ORDER BY position LIMIT $1")
                .execute(Tuple.of(BATCH))
                .map(
                        rows -> {
                            List<Row> list = new ArrayList<>();
                            rows.forEach(list::add);
                            return list;
                        });
    }

    private Uni<Void> publish(List<Row> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // Sent back to back and awaited together: the idempotent producer keeps their order.
        List<Uni<Void>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            acks.add(emitter.sendMessage(record(row)));
        }
        // A broker that never answers must not hold the relay lock (and every replica) forever:
        // the transaction fails, nothing is stamped, the sweeper tries again.
        return Uni.join()
                .all(acks)
                .andFailFast()
                .ifNoItem()
                .after(ackTimeout)
                .fail()
                .replaceWithVoid();
    }

    private Uni<Integer> stamp(SqlConnection conn, List<Row> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        UUID[] ids = rows.stream().map(r -> r.getUUID("id")).toArray(UUID[]::new);
        return conn.preparedQuery("UPDATE outbox_event SET published_at = now() WHERE id = ANY($1)")
                .execute(Tuple.of(ids))
                .replaceWith(rows.size());
    }

    private static Message<String> record(Row row) {
        String id = row.getUUID("id").toString();
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, "1.0");
        header(headers, CloudEventHeaders.ID, id);
        header(headers, CloudEventHeaders.TYPE, row.getString("type"));
        header(headers, CloudEventHeaders.SOURCE, "case-service");
        header(headers, CloudEventHeaders.SUBJECT, row.getUUID("aggregate_id").toString());
        header(
                headers,
                CloudEventHeaders.TIME,
                row.getOffsetDateTime("created_at").format(DateTimeFormatter.ISO_INSTANT));
        header(headers, CloudEventHeaders.CONTENT_TYPE, "application/json");
        return Message.of(row.getString("payload"))
                .addMetadata(
                        OutgoingKafkaRecordMetadata.<String>builder()
                                .withKey(row.getUUID("aggregate_id").toString())
                                .withHeaders(headers)
                                .build());
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
