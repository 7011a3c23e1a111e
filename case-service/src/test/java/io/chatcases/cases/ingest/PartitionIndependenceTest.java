package io.chatcases.cases.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.support.CaseEventsTopic;
import io.chatcases.cases.support.IngestTopic;
import io.chatcases.events.IngestCommand;
import io.chatcases.events.MessageView;
import io.chatcases.events.SenderType;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A send held by a transient fault (file-service unreachable: the test profile points it at a
 * closed port) holds only its own partition, for at most the peer budget, and is then refused with
 * UNAVAILABLE. Sends of Cases on the other partitions are stored meanwhile; a later send on the
 * held partition keeps its order behind it.
 */
@QuarkusTest
class PartitionIndependenceTest {
    @Inject CaseService cases;

    @Test
    void otherPartitionsFlowWhileOneWaitsOnAPeer() {
        ChatCase held = Partitions.startCaseOn(cases, p -> true);
        int heldPartition = Partitions.of(held);
        ChatCase behind = Partitions.startCaseOn(cases, p -> p == heldPartition);
        List<ChatCase> elsewhere = new ArrayList<>();
        for (int p = 0; p < Partitions.COUNT; p++) {
            if (p != heldPartition) {
                int wanted = p;
                elsewhere.add(Partitions.startCaseOn(cases, q -> q == wanted));
            }
        }
        long t0;
        try (IngestTopic ingest = new IngestTopic()) {
            t0 = System.nanoTime();
            ingest.send(fileSend(held.id));
            ingest.send(IngestTopic.customerText(behind.id, "behind-1", "after the file"));
            for (ChatCase c : elsewhere) {
                ingest.send(IngestTopic.customerText(c.id, "other-1", "meanwhile"));
            }
        }
        long slowestElsewhere = 0;
        for (ChatCase c : elsewhere) {
            long ms = Stored.awaitMessages(c.id, 1, Duration.ofSeconds(20));
            assertTrue(ms >= 0, "a send on another partition was not stored");
            slowestElsewhere = Math.max(slowestElsewhere, (System.nanoTime() - t0) / 1_000_000);
        }
        List<CaseEventsTopic.Event> refused = Stored.rejections(held.id, 1, Duration.ofSeconds(30));
        long heldMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(1, refused.size());
        assertEquals("UNAVAILABLE", refused.get(0).payload().at("/rejection/code").asText());
        assertTrue(Stored.awaitMessages(behind.id, 1, Duration.ofSeconds(20)) >= 0);
        System.out.printf(
                "[partitions] 5 other partitions stored within %d ms while partition %d waited"
                        + " %d ms on file-service (peer budget 4 s)%n",
                slowestElsewhere, heldPartition, heldMs);
        assertTrue(
                slowestElsewhere < heldMs, "the other partitions must not wait for the held one");
        assertEquals(List.of("after the file"), Stored.texts(behind.id));
    }

    private static IngestCommand fileSend(UUID caseId) {
        return new IngestCommand(
                caseId,
                "file-1",
                new MessageView.Sender(SenderType.CUSTOMER, null, null),
                null,
                UUID.randomUUID(),
                "conn-test",
                Instant.now());
    }
}
