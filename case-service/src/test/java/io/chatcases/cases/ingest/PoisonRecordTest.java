package io.chatcases.cases.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.support.CaseEventsTopic;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.cases.support.IngestTopic;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Records that can never be stored are refused once (message.rejected to the sender, with a code)
 * and the stream goes on: the Cases around them, on every partition, keep being stored.
 */
@QuarkusTest
class PoisonRecordTest {
    @Inject CaseService cases;

    @Test
    void recordsStorageRefusesAreAnsweredAndNeverStopTheStream() {
        ChatCase nul = Fixtures.startCase(cases);
        ChatCase longId = Fixtures.startCase(cases);
        UUID missing = UUID.randomUUID();
        List<ChatCase> others = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            others.add(Fixtures.startCase(cases));
        }
        long t0 = System.nanoTime();
        try (IngestTopic ingest = new IngestTopic()) {
            // A NUL character (SQLSTATE 22021) and an over-long clientMsgId (22001) get past no
            // gateway, but a stale or foreign producer may still write them.
            ingest.send(IngestTopic.customerText(nul.id, "nul-1", "a\u0000b"));
            ingest.send(IngestTopic.customerText(longId.id, "x".repeat(80), "fine text"));
            ingest.send(IngestTopic.customerText(missing, "gone-1", "hello?"));
            for (int round = 0; round < 3; round++) {
                for (ChatCase c : others) {
                    ingest.send(IngestTopic.customerText(c.id, "ok-" + round, "msg " + round));
                }
            }
            // The refused Cases themselves keep working.
            ingest.send(IngestTopic.customerText(nul.id, "nul-2", "a clean message"));
            ingest.send(IngestTopic.customerText(longId.id, "short-1", "a clean message"));
        }
        for (ChatCase c : others) {
            long ms = Stored.awaitMessages(c.id, 3, Duration.ofSeconds(20));
            assertTrue(ms >= 0, "an unrelated Case's sends were not all stored");
        }
        System.out.printf(
                "[poison] 36 sends of 12 unrelated Cases stored %d ms after the first poison"
                        + " record%n",
                (System.nanoTime() - t0) / 1_000_000);

        assertRefused(nul.id, "BAD_FRAME", "nul-1");
        assertRefused(longId.id, "TOO_LARGE", "x".repeat(80));
        assertRefused(missing, "NOT_FOUND", "gone-1");
        assertTrue(Stored.awaitMessages(nul.id, 1, Duration.ofSeconds(10)) >= 0);
        assertEquals(List.of("a clean message"), Stored.texts(nul.id));
        assertEquals(List.of("a clean message"), Stored.texts(longId.id));
    }

    @Test
    void anUnreadableRecordIsParkedAndTheNextSendOfItsCaseIsStored() {
        ChatCase c = Fixtures.startCase(cases);
        try (IngestTopic ingest = new IngestTopic()) {
            ingest.sendRaw(c.id.toString(), "{not json");
            ingest.sendRaw(c.id.toString(), "{\"caseId\":\"" + c.id + "\"}");
            ingest.send(IngestTopic.customerText(c.id, "after-1", "still here"));
        }
        assertTrue(Stored.awaitMessages(c.id, 1, Duration.ofSeconds(20)) >= 0);
        assertEquals(List.of("still here"), Stored.texts(c.id));
    }

    private static void assertRefused(UUID caseId, String code, String clientMsgId) {
        List<CaseEventsTopic.Event> refused = Stored.rejections(caseId, 1, Duration.ofSeconds(20));
        assertEquals(1, refused.size(), "exactly one answer for the refused send of " + caseId);
        assertEquals(code, refused.get(0).payload().at("/rejection/code").asText());
        assertEquals(clientMsgId, refused.get(0).payload().at("/rejection/clientMsgId").asText());
        assertEquals("conn-test", refused.get(0).payload().at("/rejection/connectionId").asText());
        assertTrue(!refused.get(0).payload().at("/rejection/message").asText().isBlank());
        assertEquals(0, Stored.texts(caseId).stream().filter(t -> t.contains("\u0000")).count());
    }
}
