package io.chatcases.cases.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.support.Fixtures;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
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
        Stored.storedAround(c.id, "d-", "{not json");
        assertEquals(before + 1, unparked(), "the record that could not be parked is counted");
        assertEquals(200, given().get("/q/health/live").statusCode());
        assertEquals(200, given().get("/q/health/ready").statusCode());
    }

    private double unparked() {
        return Fixtures.counted(metrics, "chat.ingest.dead-letter.failed");
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
