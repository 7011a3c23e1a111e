package io.chatcases.cases.messages;

import static io.chatcases.cases.support.Fixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.domain.Message;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.support.CaseEventsTopic;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.cases.support.IngestTopic;
import io.chatcases.events.EventType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Sends through the real chat.ingest topic: dedup, contiguous seqs, per-case event order. */
@QuarkusTest
class MessageIngestTest {
    @Inject CaseService cases;

    @Test
    void theSameClientMsgIdSentThreeTimesIsStoredOnceAndReannouncedWithItsSeq() {
        ChatCase c = Fixtures.startCase(cases);
        try (IngestTopic ingest = new IngestTopic()) {
            for (int i = 0; i < 3; i++) {
                ingest.send(IngestTopic.customerText(c.id, "dup-1", "hello"));
            }
        }
        Set<String> ids = Set.of(c.id.toString());
        List<CaseEventsTopic.Event> events =
                CaseEventsTopic.awaitEvents(
                        ids, ev -> posted(ev).size() >= 3, Duration.ofSeconds(30));
        List<CaseEventsTopic.Event> posted = posted(events);
        assertEquals(3, posted.size(), "one message.posted per send");
        posted.forEach(e -> assertEquals(1, e.payload().at("/message/seq").asInt()));
        assertEquals(
                1,
                posted.stream().map(e -> e.payload().at("/message/id").asText()).distinct().count(),
                "all three announce the same stored message");
        assertEquals(1L, messageCount(c.id));
    }

    @Test
    void thousandsOfConcurrentSendsGetContiguousSeqsAndOrderedEventsPerCase() throws Exception {
        int caseCount = 20;
        int perCase = 100;
        List<ChatCase> started = new ArrayList<>();
        for (int i = 0; i < caseCount; i++) {
            started.add(Fixtures.startCase(cases));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (IngestTopic ingest = new IngestTopic()) {
            List<Future<?>> sends = new ArrayList<>();
            for (ChatCase c : started) {
                sends.add(
                        pool.submit(
                                () -> {
                                    for (int n = 0; n < perCase; n++) {
                                        ingest.send(
                                                IngestTopic.customerText(
                                                        c.id, "m-" + n, "text " + n));
                                    }
                                }));
            }
            for (Future<?> f : sends) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        Set<String> ids = started.stream().map(c -> c.id.toString()).collect(Collectors.toSet());
        List<CaseEventsTopic.Event> events =
                CaseEventsTopic.awaitEvents(
                        ids,
                        ev -> posted(ev).size() >= caseCount * perCase,
                        Duration.ofSeconds(120));
        Map<String, List<Long>> seqsOnTopic =
                posted(events).stream()
                        .collect(
                                Collectors.groupingBy(
                                        CaseEventsTopic.Event::key,
                                        Collectors.mapping(
                                                e -> e.payload().at("/message/seq").asLong(),
                                                Collectors.toList())));
        for (ChatCase c : started) {
            List<Long> seqs = seqsOnTopic.get(c.id.toString());
            assertEquals(perCase, seqs.size(), "events of case " + c.id);
            for (int i = 0; i < perCase; i++) {
                assertEquals(i + 1, seqs.get(i), "seq order on the topic for case " + c.id);
            }
            List<Message> stored =
                    await(
                            () ->
                                    Panache.withSession(
                                            () ->
                                                    Message.<Message>find(
                                                                    "caseId = ?1 order by seq",
                                                                    c.id)
                                                            .list()));
            assertEquals(perCase, stored.size());
            Set<String> clientIds = new HashSet<>();
            for (int i = 0; i < perCase; i++) {
                assertEquals(i + 1, stored.get(i).seq, "contiguous seqs");
                clientIds.add(stored.get(i).clientMsgId);
            }
            assertEquals(perCase, clientIds.size(), "every send stored once");
        }
    }

    @Test
    void anAgentWhoDoesNotOwnTheCaseIsRefusedAndTheRefusalIsPublished() {
        ChatCase c = Fixtures.startCase(cases);
        String clientMsgId = "intruder-" + UUID.randomUUID();
        try (IngestTopic ingest = new IngestTopic()) {
            ingest.send(IngestTopic.userText(c.id, "agent-mallory", clientMsgId, "hi"));
        }
        List<CaseEventsTopic.Event> events =
                CaseEventsTopic.awaitEvents(
                        Set.of(c.id.toString()),
                        ev ->
                                ev.stream()
                                        .anyMatch(e -> EventType.MESSAGE_REJECTED.equals(e.type())),
                        Duration.ofSeconds(30));
        CaseEventsTopic.Event rejected =
                events.stream()
                        .filter(e -> EventType.MESSAGE_REJECTED.equals(e.type()))
                        .findFirst()
                        .orElseThrow();
        assertEquals("FORBIDDEN", rejected.payload().at("/rejection/code").asText());
        assertEquals(clientMsgId, rejected.payload().at("/rejection/clientMsgId").asText());
        assertEquals("conn-agent", rejected.payload().at("/rejection/connectionId").asText());
        assertEquals(0L, messageCount(c.id));
    }

    @Test
    void aCustomerMessageReopensAResolvedCaseWithTheSameOwner() {
        ChatCase c = Fixtures.startCase(cases);
        await(() -> cases.claim(c.id, Fixtures.agent("rita")));
        await(() -> cases.resolve(c.id, Fixtures.agent("rita")));
        try (IngestTopic ingest = new IngestTopic()) {
            ingest.send(IngestTopic.customerText(c.id, "after-resolve", "one more thing"));
        }
        List<CaseEventsTopic.Event> events =
                CaseEventsTopic.awaitEvents(
                        Set.of(c.id.toString()),
                        ev -> ev.stream().anyMatch(e -> EventType.CASE_REOPENED.equals(e.type())),
                        Duration.ofSeconds(30));
        CaseEventsTopic.Event reopened =
                events.stream()
                        .filter(e -> EventType.CASE_REOPENED.equals(e.type()))
                        .findFirst()
                        .orElseThrow();
        assertEquals("READY", reopened.payload().at("/case/status").asText());
        assertEquals("agent-rita", reopened.payload().at("/case/owner/id").asText());
        assertTrue(messageCount(c.id) == 3, "claim, resolve and the customer's message");
    }

    private static List<CaseEventsTopic.Event> posted(List<CaseEventsTopic.Event> events) {
        return events.stream().filter(e -> EventType.MESSAGE_POSTED.equals(e.type())).toList();
    }

    private static long messageCount(UUID caseId) {
        return await(() -> Panache.withSession(() -> Message.count("caseId", caseId)));
    }
}
