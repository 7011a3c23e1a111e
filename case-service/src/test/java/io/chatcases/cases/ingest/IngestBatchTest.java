package io.chatcases.cases.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.support.CaseEventsTopic;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.cases.support.IngestTopic;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/**
 * The consumer stores a polled batch of text sends in one transaction, and a batch that cannot be
 * stored whole falls back to one record at a time with the per-record rules: a poison send is
 * refused alone, an unreadable record is parked, a repeated send is stored once, and every Case
 * keeps its order. Each batch is written to one partition in one produce request (linger), so the
 * consumer's fetch returns it whole.
 */
@QuarkusTest
class IngestBatchTest {
    @Inject CaseService cases;
    @Inject MeterRegistry metrics;

    @Test
    void aBatchOfTextSendsIsStoredInOrderInOneTransaction() {
        List<ChatCase> three = casesOnOnePartition(3);
        double fallbacksBefore = fallbacks();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            for (ChatCase c : three) {
                values.add(IngestTopic.json(IngestTopic.customerText(c.id, "b-" + i, "m" + i)));
            }
        }
        sendAsOneBatch(three.get(0).id, values);

        List<String> expected = IntStream.range(0, 10).mapToObj(i -> "m" + i).toList();
        for (ChatCase c : three) {
            assertTrue(Stored.awaitMessages(c.id, 10, Duration.ofSeconds(20)) >= 0);
            assertEquals(expected, Stored.texts(c.id), "each Case keeps its order");
        }
        long transactions = transactionsOf(three);
        System.out.printf(
                "[batch] 30 sends of 3 Cases stored in %d transaction(s)%n", transactions);
        assertTrue(
                transactions <= 3,
                "30 sends in one fetch share their transactions, got " + transactions);
        assertEquals(fallbacksBefore, fallbacks(), "the whole batch took the fast path");
        // The batch's events are appended together, yet in the order of its sends (the relay
        // publishes by position): the interleaved order of the three Cases, not grouped by Case.
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            for (ChatCase c : three) {
                sent.add(c.id + " m" + i);
            }
        }
        assertEquals(sent, postedInPositionOrder(three), "outbox positions follow the sends");

        // A later batch repeating stored sends (a gateway's retry) beside new ones: the repeats are
        // re-announced, not stored again, still on the fast path.
        List<String> again = new ArrayList<>();
        for (ChatCase c : three) {
            again.add(IngestTopic.json(IngestTopic.customerText(c.id, "b-9", "m9")));
            again.add(IngestTopic.json(IngestTopic.customerText(c.id, "b-10", "m10")));
        }
        sendAsOneBatch(three.get(0).id, again);
        List<String> eleven = new ArrayList<>(expected);
        eleven.add("m10");
        for (ChatCase c : three) {
            assertTrue(Stored.awaitMessages(c.id, 11, Duration.ofSeconds(20)) >= 0);
        }
        Stored.sleep(500);
        for (ChatCase c : three) {
            assertEquals(eleven, Stored.texts(c.id), "a repeated send is stored once");
        }
        assertEquals(fallbacksBefore, fallbacks(), "repeats of stored sends need no fallback");
    }

    @Test
    void aBatchThatCannotBeStoredWholeGoesOneRecordAtATimeAndLosesNothing() {
        List<ChatCase> three = casesOnOnePartition(3);
        ChatCase a = three.get(0);
        ChatCase b = three.get(1);
        ChatCase poisoned = three.get(2);
        double fallbacksBefore = fallbacks();
        sendAsOneBatch(
                a.id,
                List.of(
                        IngestTopic.json(IngestTopic.customerText(a.id, "a-0", "a0")),
                        IngestTopic.json(IngestTopic.customerText(b.id, "b-0", "b0")),
                        // A NUL (SQLSTATE 22021) fails the batch's transaction.
                        IngestTopic.json(IngestTopic.customerText(poisoned.id, "p-0", "x\u0000y")),
                        "{not json",
                        IngestTopic.json(IngestTopic.customerText(a.id, "a-1", "a1")),
                        // The same send again (a producer retry): stored once.
                        IngestTopic.json(IngestTopic.customerText(a.id, "a-0", "a0")),
                        IngestTopic.json(IngestTopic.customerText(b.id, "b-1", "b1")),
                        IngestTopic.json(IngestTopic.customerText(poisoned.id, "p-1", "clean"))));

        for (ChatCase c : three) {
            long want = c == poisoned ? 1 : 2;
            assertTrue(
                    Stored.awaitMessages(c.id, want, Duration.ofSeconds(20)) >= 0,
                    () -> "stored within 20 s: " + Stored.texts(c.id) + " of " + c.id);
        }
        List<CaseEventsTopic.Event> refused =
                Stored.rejections(poisoned.id, 1, Duration.ofSeconds(20));
        assertEquals(1, refused.size(), "the poison send is answered once");
        assertEquals("BAD_FRAME", refused.get(0).payload().at("/rejection/code").asText());
        assertEquals("p-0", refused.get(0).payload().at("/rejection/clientMsgId").asText());
        Stored.sleep(500); // a second copy of a-0 would have arrived by now
        assertEquals(List.of("a0", "a1"), Stored.texts(a.id));
        assertEquals(List.of("b0", "b1"), Stored.texts(b.id));
        assertEquals(List.of("clean"), Stored.texts(poisoned.id));
        assertTrue(fallbacks() > fallbacksBefore, "the batch went one record at a time");
    }

    private List<ChatCase> casesOnOnePartition(int n) {
        ChatCase first = Partitions.startCaseOn(cases, p -> true);
        int partition = Partitions.of(first);
        List<ChatCase> list = new ArrayList<>(List.of(first));
        while (list.size() < n) {
            list.add(Partitions.startCaseOn(cases, p -> p == partition));
        }
        return list;
    }

    /** One produce request: every value keyed to land on {@code keyCase}'s partition. */
    private static void sendAsOneBatch(UUID keyCase, List<String> values) {
        try (IngestTopic topic = new IngestTopic(200)) {
            topic.sendBatch(keyCase.toString(), values);
        }
    }

    /** How many transactions wrote the Cases' messages (their rows' xmin). */
    private static long transactionsOf(List<ChatCase> list) {
        return overThree(
                "select count(distinct xmin::text) from message where case_id in (?1, ?2, ?3)",
                Long.class,
                list,
                Mutiny.SelectionQuery::getSingleResult);
    }

    /** "caseId text" of each message.posted outbox row of the Cases, by position. */
    private static List<String> postedInPositionOrder(List<ChatCase> list) {
        return overThree(
                "select aggregate_id::text || ' ' || (payload::json -> 'message' ->> 'text')"
                        + " from outbox_event where type = 'message.posted'"
                        + " and aggregate_id in (?1, ?2, ?3) order by position",
                String.class,
                list,
                Mutiny.SelectionQuery::getResultList);
    }

    /** A native query whose parameters ?1 to ?3 are the three Cases' ids, read by {@code read}. */
    private static <T, R> R overThree(
            String sql,
            Class<T> type,
            List<ChatCase> three,
            Function<Mutiny.SelectionQuery<T>, Uni<R>> read) {
        return Fixtures.await(
                () ->
                        Panache.withSession(
                                () ->
                                        Panache.getSession()
                                                .chain(
                                                        s ->
                                                                read.apply(
                                                                        s.createNativeQuery(
                                                                                        sql, type)
                                                                                .setParameter(
                                                                                        1,
                                                                                        three.get(0)
                                                                                                .id)
                                                                                .setParameter(
                                                                                        2,
                                                                                        three.get(1)
                                                                                                .id)
                                                                                .setParameter(
                                                                                        3,
                                                                                        three.get(2)
                                                                                                .id)))));
    }

    private double fallbacks() {
        return Fixtures.counted(metrics, "chat.ingest.batch.fallbacks");
    }
}
