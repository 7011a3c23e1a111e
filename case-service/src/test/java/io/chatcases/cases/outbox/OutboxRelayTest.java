package io.chatcases.cases.outbox;

import static io.chatcases.cases.support.Fixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.service.Outbox;
import io.chatcases.cases.support.CaseEventsTopic;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.events.EventType;
import io.chatcases.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The outbox publishes what committed, in order per Case, even after an interruption, and nothing
 * rolled back. Another replica's relay is played by a connection holding the Case's relay lock, as
 * a pass in progress (or one that died before committing) holds it.
 */
@QuarkusTest
class OutboxRelayTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject CaseService cases;
    @Inject Outbox outbox;
    @Inject Pool pool;

    @Test
    void aCaseAnotherRelayHoldsIsSkippedThenPublishedOnceWhenReleased() {
        ChatCase c = Fixtures.startCase(cases);
        ChatCase watermark = Fixtures.startCase(cases);
        Set<String> ids = Set.of(c.id.toString());
        CaseEventsTopic.awaitEvents(ids, ev -> !ev.isEmpty(), WAIT);

        SqlConnection otherRelay = pool.getConnectionAndAwait();
        Transaction pass = otherRelay.beginAndAwait();
        try {
            otherRelay
                    .preparedQuery("SELECT pg_advisory_xact_lock($1, hashtext($2::uuid::text))")
                    .executeAndAwait(Tuple.of(OutboxRelay.LOCK_SPACE, c.id));
            await(() -> cases.claim(c.id, Fixtures.agent("olga")));
            await(() -> cases.claim(watermark.id, Fixtures.agent("olga")));
            // The later claim arrived: the pass that sent it saw the earlier one and left it.
            CaseEventsTopic.awaitEvents(
                    Set.of(watermark.id.toString()), ev -> !claimed(ev).isEmpty(), WAIT);
            assertEquals(0, claimed(CaseEventsTopic.eventsFor(ids)).size(), "published while held");
            assertEquals(2L, unpublished(c.id), "case.claimed and its message.posted wait");
        } finally {
            // That replica died before committing its pass.
            pass.rollbackAndAwait();
            otherRelay.closeAndAwait();
        }

        // No commit announces the rows again: the sweeper publishes them.
        List<CaseEventsTopic.Event> events =
                CaseEventsTopic.awaitEvents(ids, ev -> !claimed(ev).isEmpty(), WAIT);
        assertEquals(1, claimed(events).size());
        assertEquals(
                List.of(EventType.CASE_CREATED, EventType.CASE_CLAIMED, EventType.MESSAGE_POSTED),
                events.stream().map(CaseEventsTopic.Event::type).toList());
        awaitUnpublished(c.id, 0L);
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        ChatCase c = Fixtures.startCase(cases);
        java.util.function.Supplier<Uni<Void>> failingTransaction =
                () ->
                        Panache.withTransaction(
                                () ->
                                        outbox.caseEvent(EventType.CASE_RESOLVED, c)
                                                .chain(
                                                        () ->
                                                                Uni.createFrom()
                                                                        .failure(
                                                                                new IllegalStateException(
                                                                                        "boom"))));
        assertThrows(IllegalStateException.class, () -> await(failingTransaction));
        // Watermark: a later event of the same Case arrived, so the rolled-back one cannot follow.
        await(() -> cases.claim(c.id, Fixtures.agent("olga")));
        List<CaseEventsTopic.Event> events =
                CaseEventsTopic.awaitEvents(
                        Set.of(c.id.toString()), ev -> !claimed(ev).isEmpty(), WAIT);
        assertEquals(1, claimed(events).size());
        assertTrue(
                events.stream().noneMatch(e -> EventType.CASE_RESOLVED.equals(e.type())),
                "rolled-back event published");
        assertEquals(0L, rows(c.id, EventType.CASE_RESOLVED));
    }

    private static List<CaseEventsTopic.Event> claimed(List<CaseEventsTopic.Event> events) {
        return events.stream().filter(e -> EventType.CASE_CLAIMED.equals(e.type())).toList();
    }

    private long unpublished(UUID caseId) {
        return pool.preparedQuery(
                        "SELECT count(*) FROM outbox_event WHERE aggregate_id = $1"
                                + " AND published_at IS NULL")
                .executeAndAwait(Tuple.of(caseId))
                .iterator()
                .next()
                .getLong(0);
    }

    private long rows(UUID caseId, EventType type) {
        return pool.preparedQuery(
                        "SELECT count(*) FROM outbox_event WHERE aggregate_id = $1 AND type = $2")
                .executeAndAwait(Tuple.of(caseId, type.wire()))
                .iterator()
                .next()
                .getLong(0);
    }

    /** The relay stamps rows after the broker's ack, a moment after the records are readable. */
    private void awaitUnpublished(UUID caseId, long expected) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long n = unpublished(caseId);
        while (n != expected && System.nanoTime() < deadline) {
            n = unpublished(caseId);
        }
        assertEquals(expected, n);
    }
}
