package io.chatcases.cases.outbox;

import static io.chatcases.cases.support.Fixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.domain.OutboxEvent;
import io.chatcases.cases.messaging.OutboxRelay;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.service.Outbox;
import io.chatcases.cases.support.CaseEventsTopic;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.events.EventType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbox publishes what committed, even after an interruption, and nothing rolled back. */
@QuarkusTest
class OutboxRelayTest {
    @Inject CaseService cases;
    @Inject Outbox outbox;
    @Inject OutboxRelay relay;

    @AfterEach
    void resume() {
        relay.pause(false);
    }

    @Test
    void anEventCommittedWhileTheRelayWasDownIsPublishedWhenItComesBack() throws Exception {
        ChatCase c = Fixtures.startCase(cases);
        Set<String> ids = Set.of(c.id.toString());
        CaseEventsTopic.awaitEvents(ids, ev -> !ev.isEmpty(), Duration.ofSeconds(10));

        relay.pause(true);
        Thread.sleep(1500); // let a drain in flight finish
        await(() -> cases.claim(c.id, Fixtures.agent("olga")));
        Thread.sleep(2500); // longer than the sweep interval: nothing may leave while paused
        assertEquals(0, claimed(CaseEventsTopic.eventsFor(ids)).size(), "published while paused");
        assertEquals(1L, unpublished(c));

        relay.pause(false);
        List<CaseEventsTopic.Event> events =
                CaseEventsTopic.awaitEvents(
                        ids, ev -> !claimed(ev).isEmpty(), Duration.ofSeconds(15));
        assertEquals(1, claimed(events).size());
        assertEquals(0L, unpublishedEventually(c));
    }

    @Test
    void aRolledBackTransactionPublishesNothing() throws Exception {
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
        Thread.sleep(2500); // a sweep or two
        List<CaseEventsTopic.Event> events = CaseEventsTopic.eventsFor(Set.of(c.id.toString()));
        assertTrue(
                events.stream().noneMatch(e -> EventType.CASE_RESOLVED.equals(e.type())),
                "rolled-back event published");
        long rows =
                await(
                        () ->
                                Panache.withSession(
                                        () ->
                                                OutboxEvent.count(
                                                        "aggregateId = ?1 and type = ?2",
                                                        c.id,
                                                        EventType.CASE_RESOLVED.wire())));
        assertEquals(0L, rows);
    }

    private static List<CaseEventsTopic.Event> claimed(List<CaseEventsTopic.Event> events) {
        return events.stream().filter(e -> EventType.CASE_CLAIMED.equals(e.type())).toList();
    }

    private static long unpublished(ChatCase c) {
        return await(
                () ->
                        Panache.withSession(
                                () ->
                                        OutboxEvent.count(
                                                "aggregateId = ?1 and type = ?2 and publishedAt is null",
                                                c.id,
                                                EventType.CASE_CLAIMED.wire())));
    }

    private static long unpublishedEventually(ChatCase c) throws InterruptedException {
        long n = unpublished(c);
        for (int i = 0; i < 20 && n > 0; i++) {
            Thread.sleep(200);
            n = unpublished(c);
        }
        return n;
    }
}
