package io.chatcases.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two relays on one outbox table, as two replicas run them, while writers commit events of many
 * aggregates: every event arrives, each aggregate's in commit order, and without broker failures
 * exactly once. The "topic" records what each send handed to the producer, in send order (as an
 * idempotent producer appends it), and acknowledges after a random delay, so passes overlap.
 *
 * <p>Needs the local Postgres (deploy/local/infra.sh); works in its own schema of cases_test.
 */
class TwoRelaysTest {
    private static final String SCHEMA = "outbox_relay_test";
    private static final int AGGREGATES = 12;
    private static final int EVENTS_PER_AGGREGATE = 25;

    private static Vertx vertx;
    private static Pool pool;

    /** Per aggregate: the payloads ("aggregate:n") in the order they reached the topic. */
    private final Map<UUID, List<String>> topic = new ConcurrentHashMap<>();

    private final AtomicInteger sends = new AtomicInteger();

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        PgConnectOptions options =
                new PgConnectOptions()
                        .setHost("127.0.0.1")
                        .setPort(5432)
                        .setDatabase("cases_test")
                        .setUser("cases")
                        .setPassword("cases")
                        .addProperty("search_path", SCHEMA);
        pool =
                PgBuilder.pool()
                        .with(new PoolOptions().setMaxSize(12))
                        .connectingTo(options)
                        .using(vertx)
                        .build();
        sql("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        sql("DROP TABLE IF EXISTS outbox_event");
        // The shape both services' migrations give the table.
        sql(
                "CREATE TABLE outbox_event (id uuid PRIMARY KEY, position bigserial NOT NULL UNIQUE,"
                        + " aggregate_id uuid NOT NULL, type varchar(40) NOT NULL, payload text NOT NULL,"
                        + " created_at timestamptz NOT NULL DEFAULT clock_timestamp(),"
                        + " published_at timestamptz)");
    }

    @AfterAll
    static void close() {
        sql("DROP SCHEMA " + SCHEMA + " CASCADE");
        pool.closeAndAwait();
        vertx.closeAndAwait();
    }

    @BeforeEach
    void empty() {
        sql("DELETE FROM outbox_event");
    }

    @Test
    void twoRelaysKeepEachAggregatesOrderAndPublishEveryEventOnce() {
        for (int round = 0; round < 5; round++) {
            topic.clear();
            sends.set(0);
            OutboxRelay a = relay(0);
            OutboxRelay b = relay(0);
            List<UUID> aggregates = writeConcurrently(a, b);
            awaitAllPublished(a, b);
            assertInOrder(aggregates, "round " + round);
            assertEquals(
                    AGGREGATES * EVENTS_PER_AGGREGATE,
                    sends.get(),
                    "no broker failed, so every event was sent exactly once (round " + round + ")");
            sql("DELETE FROM outbox_event");
        }
    }

    @Test
    void failedAcksRepublishButNeverReorder() {
        for (int round = 0; round < 3; round++) {
            topic.clear();
            OutboxRelay a = relay(10);
            OutboxRelay b = relay(10);
            List<UUID> aggregates = writeConcurrently(a, b);
            awaitAllPublished(a, b);
            assertInOrder(aggregates, "round " + round);
            sql("DELETE FROM outbox_event");
        }
    }

    @Test
    void purgeDeletesOnlyPublishedRows() {
        UUID aggregate = UUID.randomUUID();
        insert(aggregate, 1);
        insert(aggregate, 2);
        OutboxRelay relay = relay(0);
        assertEquals(2, relay.pass().await().atMost(Duration.ofSeconds(10)));
        insert(aggregate, 3);
        assertEquals(
                2,
                relay.purgeBefore(java.time.Instant.now().plusSeconds(1))
                        .await()
                        .atMost(Duration.ofSeconds(10)));
        assertEquals(1L, count("SELECT count(*) FROM outbox_event WHERE published_at IS NULL"));
        assertEquals(1L, count("SELECT count(*) FROM outbox_event"));
    }

    /** A relay whose sends fail with this percentage (the broker did not ack). */
    private OutboxRelay relay(int failPercent) {
        OutboxRelay.Sender sender =
                row -> {
                    // Handed to the producer now, in subscription order: appended to the topic.
                    topic.computeIfAbsent(
                                    row.aggregateId(),
                                    k -> Collections.synchronizedList(new ArrayList<>()))
                            .add(row.payload());
                    sends.incrementAndGet();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    boolean fail = random.nextInt(100) < failPercent;
                    Uni<Void> ack =
                            Uni.createFrom()
                                    .voidItem()
                                    .onItem()
                                    .delayIt()
                                    .by(Duration.ofMillis(1 + random.nextInt(4)));
                    return fail
                            ? ack.onItem().failWith(() -> new IllegalStateException("no ack"))
                            : ack;
                };
        return new OutboxRelay(pool, sender, 20, Duration.ofSeconds(5));
    }

    /**
     * One writer per aggregate commits its events one to three at a time, as a service does under
     * the aggregate's row lock; both relays are woken after each commit, as the NOTIFY does.
     */
    private List<UUID> writeConcurrently(OutboxRelay a, OutboxRelay b) {
        List<UUID> aggregates = new ArrayList<>();
        List<Uni<Void>> writers = new ArrayList<>();
        for (int i = 0; i < AGGREGATES; i++) {
            UUID aggregate = UUID.randomUUID();
            aggregates.add(aggregate);
            writers.add(writer(aggregate, 1, a, b));
        }
        Uni.join().all(writers).andFailFast().await().atMost(Duration.ofSeconds(60));
        return aggregates;
    }

    private Uni<Void> writer(UUID aggregate, int next, OutboxRelay a, OutboxRelay b) {
        if (next > EVENTS_PER_AGGREGATE) {
            return Uni.createFrom().voidItem();
        }
        int n =
                Math.min(
                        EVENTS_PER_AGGREGATE - next + 1,
                        1 + ThreadLocalRandom.current().nextInt(3));
        return pool.withTransaction(
                        conn -> {
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            for (int k = 0; k < n; k++) {
                                int seq = next + k;
                                chain =
                                        chain.chain(
                                                () ->
                                                        conn.preparedQuery(
                                                                        "INSERT INTO outbox_event (id, aggregate_id, type, payload)"
                                                                                + " VALUES ($1, $2, 'test.event', $3)")
                                                                .execute(
                                                                        Tuple.of(
                                                                                UUID.randomUUID(),
                                                                                aggregate,
                                                                                aggregate + ":"
                                                                                        + seq))
                                                                .replaceWithVoid());
                            }
                            return chain;
                        })
                .invoke(
                        () -> {
                            a.wake();
                            b.wake();
                        })
                .chain(() -> writer(aggregate, next + n, a, b));
    }

    /** Waits until no row is pending; the relays are woken meanwhile, as the sweeper does. */
    private static void awaitAllPublished(OutboxRelay a, OutboxRelay b) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        AtomicBoolean done = new AtomicBoolean();
        while (!done.get()) {
            a.wake();
            b.wake();
            done.set(count("SELECT count(*) FROM outbox_event WHERE published_at IS NULL") == 0);
            assertTrue(System.nanoTime() < deadline, "rows still pending after 60 s");
        }
    }

    /** De-duplicated on the event (as consumers do), each aggregate's events are 1..n in order. */
    private void assertInOrder(List<UUID> aggregates, String round) {
        for (UUID aggregate : aggregates) {
            List<String> arrived = topic.getOrDefault(aggregate, List.of());
            List<String> firstSeen;
            synchronized (arrived) {
                firstSeen = new ArrayList<>(new LinkedHashSet<>(arrived));
            }
            List<String> expected = new ArrayList<>();
            for (int n = 1; n <= EVENTS_PER_AGGREGATE; n++) {
                expected.add(aggregate + ":" + n);
            }
            assertEquals(expected, firstSeen, round + ", aggregate " + aggregate);
            Set<String> unique = new LinkedHashSet<>(arrived);
            assertEquals(EVENTS_PER_AGGREGATE, unique.size(), round);
        }
    }

    private static void insert(UUID aggregate, int n) {
        pool.preparedQuery(
                        "INSERT INTO outbox_event (id, aggregate_id, type, payload)"
                                + " VALUES ($1, $2, 'test.event', $3)")
                .execute(Tuple.of(UUID.randomUUID(), aggregate, aggregate + ":" + n))
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    private static long count(String query) {
        return pool.query(query)
                .execute()
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getLong(0);
    }

    private static void sql(String statement) {
        pool.query(statement).execute().await().atMost(Duration.ofSeconds(10));
    }
}
