package io.chatcases.contacts.messaging;

import io.chatcases.events.CloudEventHeaders;
import io.chatcases.events.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka and stamps them published.
 *
 * <p>A pass runs in one database transaction: claim the oldest pending rows with {@code FOR UPDATE
 * SKIP LOCKED} (so relays in other replicas take other rows, never the same ones), send them in
 * order, wait for the broker's acks, then mark them published. If the broker does not ack within
 * the timeout the transaction rolls back and the rows stay pending: delivery is at-least-once, and
 * consumers de-duplicate on ce_id.
 *
 * <p>Passes are triggered by {@link #wake()} right after a transaction that wrote rows commits (no
 * polling delay on the normal path), and by {@link OutboxSweeper} every few seconds for rows a
 * crash or a broker outage left behind. Wake-ups coalesce: at most one pass runs per process.
 *
 * <p>Why the plain reactive SQL client and not Hibernate: the relay needs no entities, must not
 * share a session with the request that woke it, and can then run from any thread. Why a SmallRye
 * {@link MutinyEmitter} rather than a raw KafkaProducer: the connector owns the producer's life
 * cycle, its configuration (linger.ms=0, acks=all, idempotence) and the readiness check, while the
 * {@link OutgoingKafkaRecordMetadata} still sets key, topic and headers per record, and the Uni of
 * {@code sendMessage} completes only on the broker's ack.
 *
 * <p>Self-contained on purpose (this package's Outbox* classes and V2__outbox.sql), so that
 * case-service can take the same relay.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The Kafka channel configured in application.properties (mp.messaging.outgoing.outbox). */
    public static final String CHANNEL = "outbox";

    static final String TOPIC = Topics.CONTACT_EVENTS;

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private static final String CLAIM =
            "SELECT id, aggregate_id, type, payload::text AS payload, created_at FROM outbox_event"
                    + " WHERE published_at IS NULL ORDER BY created_at, id LIMIT $1"
                    + " FOR UPDATE SKIP LOCKED";
    private static final String MARK_PUBLISHED =
            "UPDATE outbox_event SET published_at = clock_timestamp() WHERE id = ANY($1)";
    private static final String PURGE =
            "DELETE FROM outbox_event WHERE published_at IS NOT NULL AND published_at < $1";

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final OutboxConfig config;
    private final String source;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();

    OutboxRelay(
            Pool pool,
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
                    MutinyEmitter<String> emitter,
            OutboxConfig config,
            @ConfigProperty(name = "quarkus.application.name") String source) {
        this.pool = pool;
        this.emitter = emitter;
        this.config = config;
        this.source = source;
    }

    /**
     * Asks for a pass soon. Non-blocking; safe from any thread. Call it after the transaction that
     * wrote outbox rows has committed.
     */
    public void wake() {
        pending.set(true);
        if (running.compareAndSet(false, true)) {
            runPass();
        }
    }

    /** Deletes rows published longer ago than the retention. */
    public Uni<Integer> purgePublished() {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(config.retention());
        return pool.preparedQuery(PURGE).execute(Tuple.of(cutoff)).map(rows -> rows.rowCount());
    }

    private void runPass() {
        pending.set(false);
        publishBatch()
                .subscribe()
                .with(
                        published -> {
                            if (published >= config.batchSize()) {
                                pending.set(true); // more rows may wait
                            }
                            passEnded(true);
                        },
                        failure -> {
                            LOG.warnf(
                                    "Outbox pass failed, rows stay pending for the sweeper: %s",
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

    /** One pass: returns how many rows were published. */
    Uni<Integer> publishBatch() {
        return pool.withTransaction(
                conn ->
                        conn.preparedQuery(CLAIM)
                                .execute(Tuple.of(config.batchSize()))
                                .chain(
                                        rows -> {
                                            List<PendingEvent> claimed = new ArrayList<>();
                                            rows.forEach(r -> claimed.add(PendingEvent.of(r)));
                                            return claimed.isEmpty()
                                                    ? Uni.createFrom().item(0)
                                                    : sendAll(claimed)
                                                            .chain(
                                                                    () ->
                                                                            markPublished(
                                                                                    conn, claimed))
                                                            .replaceWith(claimed.size());
                                        }));
    }

    private Uni<Void> sendAll(List<PendingEvent> events) {
        // Subscribed in list order, so the producer receives them oldest first: per-key order
        // holds.
        List<Uni<Void>> sends = events.stream().map(this::send).toList();
        return Uni.join()
                .all(sends)
                .andFailFast()
                .ifNoItem()
                .after(config.publishTimeout())
                .fail()
                .replaceWithVoid();
    }

    private Uni<Void> send(PendingEvent e) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, "1.0");
        header(headers, CloudEventHeaders.ID, e.id().toString());
        header(headers, CloudEventHeaders.TYPE, e.type());
        header(headers, CloudEventHeaders.SOURCE, source);
        header(headers, CloudEventHeaders.TIME, e.createdAt().toInstant().toString());
        header(headers, CloudEventHeaders.CONTENT_TYPE, "application/json");
        OutgoingKafkaRecordMetadata<String> metadata =
                OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(TOPIC)
                        .withKey(e.aggregateId().toString())
                        .withHeaders(headers)
                        .build();
        return emitter.sendMessage(Message.of(e.payload()).addMetadata(metadata));
    }

    private static Uni<Void> markPublished(SqlConnection conn, List<PendingEvent> events) {
        UUID[] ids = events.stream().map(PendingEvent::id).toArray(UUID[]::new);
        return conn.preparedQuery(MARK_PUBLISHED).execute(Tuple.of(ids)).replaceWithVoid();
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private record PendingEvent(
            UUID id, UUID aggregateId, String type, String payload, OffsetDateTime createdAt) {
        static PendingEvent of(Row r) {
            return new PendingEvent(
                    r.getUUID("id"),
                    r.getUUID("aggregate_id"),
                    r.getString("type"),
                    r.getString("payload"),
                    r.getOffsetDateTime("created_at"));
        }
    }
}
