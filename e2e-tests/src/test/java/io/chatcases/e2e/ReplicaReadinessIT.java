package io.chatcases.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.testing.Tokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A new gateway replica reports ready only once its fan-out consumers are assigned: a Case event
 * published the moment it turns ready reaches a socket on it.
 */
class ReplicaReadinessIT {

    /** The tile-counting browser suite runs next: leave no Case waiting or owned. */
    @org.junit.jupiter.api.AfterAll
    static void leaveNothingWaiting() {
        Platform.clearWaitingCases();
    }

    static final int C = 8098;

    @Test
    void anEventRightAfterReadinessReachesTheNewReplicasSockets() {
        Platform.Chat chat = Platform.startChat("Ready", "Set");
        Process replica = Platform.startGateway(C);
        try {
            JsonNode ready = Platform.json(Platform.get(C, "/q/health/ready", null).body());
            boolean assigned = false;
            for (JsonNode check : ready.path("checks")) {
                if ("fan-out consumers assigned".equals(check.path("name").asText())) {
                    assigned = "UP".equals(check.path("status").asText());
                }
            }
            assertTrue(assigned, "readiness includes the assignment check: " + ready);
            try (Ws customer = Ws.customer(C, chat.customerToken())) {
                customer.await("history", f -> true);
                assertEquals(
                        200,
                        Platform.post(
                                        Platform.GATEWAY,
                                        "/api/cases/" + chat.caseId() + "/claim",
                                        "{}",
                                        Tokens.of("alice"))
                                .statusCode());
                JsonNode claimed =
                        customer.await(
                                f ->
                                        "case".equals(f.path("type").asText())
                                                && "READY"
                                                        .equals(
                                                                f.path("case")
                                                                        .path("status")
                                                                        .asText()),
                                Duration.ofSeconds(10));
                assertEquals(
                        "Alice", claimed.path("case").path("owner").path("firstName").asText());
            }
        } finally {
            Platform.kill(replica);
        }
    }
}
