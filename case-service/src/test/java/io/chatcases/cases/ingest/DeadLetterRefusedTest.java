package io.chatcases.cases.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.cases.support.IngestTopic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dead-letter topic refuses what it is given (here: a name no broker accepts; in production a
 * missing ACL or a deleted topic). An unreadable record then cannot be parked: it is logged with
 * its partition and offset (it stays in chat.ingest until the topic's retention) and counted, and
 * the sends around it, in the same poll and after it, are stored. Before, the failed park failed
 * the whole batch and the consumer stopped.
 */
@QuarkusTest
@TestProfile(DeadLetterRefusedTest.Refusing.class)
class DeadLetterRefusedTest {
    @Inject CaseService cases;
    @Inject MeterRegistry metrics;

    @Test
    void anUnreadableRecordThatCannotBeParkedStopsNothing() {
        ChatCase c = Fixtures.startCase(cases);
        double before = unparked();
        try (IngestTopic ingest = new IngestTopic(50)) {
            ingest.sendBatch(
                    c.id.toString(),
                    List.of(
                            IngestTopic.json(IngestTopic.customerText(c.id, "d-0", "before")),
                            "{not json",
                            IngestTopic.json(IngestTopic.customerText(c.id, "d-1", "beside"))));
            ingest.send(IngestTopic.customerText(c.id, "d-2", "after"));
        }
        long ms = Stored.awaitMessages(c.id, 3, Duration.ofSeconds(30));
        assertTrue(ms >= 0, "stored: " + Stored.texts(c.id));
        assertEquals(List.of("before", "beside", "after"), Stored.texts(c.id));
        assertEquals(before + 1, unparked(), "the record that could not be parked is counted");
        assertEquals(200, given().get("/q/health/live").statusCode());
        assertEquals(200, given().get("/q/health/ready").statusCode());
    }

    private double unparked() {
        Counter counter = metrics.find("chat.ingest.dead-letter.failed").counter();
        return counter == null ? 0 : counter.count();
    }

    public static class Refusing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mp.messaging.incoming.chat-ingest.dead-letter-queue.topic",
                    "no such topic!",
                    "cases.ingest.attempt-timeout",
                    "2s");
        }
    }
}
