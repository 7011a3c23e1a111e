package io.chatcases.cases.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.cases.domain.Message;
import io.chatcases.cases.support.CaseEventsTopic;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.cases.support.IngestTopic;
import io.chatcases.events.EventType;
import io.quarkus.hibernate.reactive.panache.Panache;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What case-service stored and answered, read from the real database and topic. */
final class Stored {
    private Stored() {}

    static long messages(UUID caseId) {
        return Fixtures.await(
                () -> Panache.withSession(() -> Message.count("caseId = ?1", caseId)));
    }

    static List<String> texts(UUID caseId) {
        return Fixtures.await(
                () ->
                        Panache.withSession(
                                () ->
                                        Message.<Message>find(
                                                        "caseId = ?1 and senderType = 'CUSTOMER'"
                                                                + " order by seq",
                                                        caseId)
                                                .list()
                                                .map(l -> l.stream().map(m -> m.text).toList())));
    }

    /** Waits until the Case holds {@code count} messages; returns the ms it took, -1 if never. */
    static long awaitMessages(UUID caseId, long count, Duration timeout) {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (messages(caseId) >= count) {
                return (System.nanoTime() - t0) / 1_000_000;
            }
            sleep(50);
        }
        return -1;
    }

    /** The message.rejected events published for the Case. */
    static List<CaseEventsTopic.Event> rejections(UUID caseId, int atLeast, Duration timeout) {
        return CaseEventsTopic.awaitEvents(
                        Set.of(caseId.toString()), ev -> rejected(ev).size() >= atLeast, timeout)
                .stream()
                .filter(e -> EventType.MESSAGE_REJECTED.equals(e.type()))
                .toList();
    }

    private static List<CaseEventsTopic.Event> rejected(List<CaseEventsTopic.Event> events) {
        return events.stream().filter(e -> EventType.MESSAGE_REJECTED.equals(e.type())).toList();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends "before", {@code middle} (a raw record value) and "beside" as one batch to {@code
     * caseId}'s partition, then "after"; asserts that the three texts are stored, in order.
     */
    static void storedAround(UUID caseId, String idPrefix, String middle) {
        try (IngestTopic ingest = new IngestTopic(50)) {
            ingest.sendBatch(
                    caseId.toString(),
                    List.of(
                            IngestTopic.json(
                                    IngestTopic.customerText(caseId, idPrefix + "0", "before")),
                            middle,
                            IngestTopic.json(
                                    IngestTopic.customerText(caseId, idPrefix + "1", "beside"))));
            ingest.send(IngestTopic.customerText(caseId, idPrefix + "2", "after"));
        }
        long ms = awaitMessages(caseId, 3, Duration.ofSeconds(30));
        assertTrue(ms >= 0, "stored: " + texts(caseId));
        assertEquals(List.of("before", "beside", "after"), texts(caseId));
    }
}
