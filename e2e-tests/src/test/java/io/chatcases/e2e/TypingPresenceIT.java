package io.chatcases.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.testing.Tokens;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Typing and agent presence across two gateway replicas (the platform's on 8080 = A, one more on
 * 8086 = B), through the real chat.signals: a customer on B and its owner on A see each other type,
 * and nobody else does (another agent, another customer of the same owner); an agent connected to A
 * is online, then away, then offline as B sees it (docs/architecture.md, "Agent presence").
 */
class TypingPresenceIT {
    static final int B = 8086;
    static Process replicaB;

    @BeforeAll
    static void startReplica() {
        replicaB = Platform.startGateway(B);
    }

    @AfterAll
    static void stopReplica() {
        Platform.kill(replicaB);
        Platform.clearWaitingCases();
    }

    static String subject(String token) {
        byte[] payload = Base64.getUrlDecoder().decode(token.split("\\.")[1]);
        return Platform.json(new String(payload, java.nio.charset.StandardCharsets.UTF_8))
                .path("sub")
                .asText();
    }

    @Test
    void typingCrossesReplicasBothWaysAndReachesExactlyTheOtherSide() {
        Platform.Chat chat = Platform.startChat("Tia", "Typer");
        Platform.Chat unrelated = Platform.startChat("Uma", "Unrelated");
        String alice = Tokens.of("alice");
        Platform.post(Platform.GATEWAY, "/api/cases/" + chat.caseId() + "/claim", "{}", alice);
        Platform.post(Platform.GATEWAY, "/api/cases/" + unrelated.caseId() + "/claim", "{}", alice);
        try (Ws owner = Ws.agent(Platform.GATEWAY, alice);
                Ws bob = Ws.agent(B, Tokens.of("bob"));
                Ws customer = Ws.customer(B, chat.customerToken());
                Ws other = Ws.customer(B, unrelated.customerToken())) {
            owner.await("tiles", f -> true);
            bob.await("tiles", f -> true);
            customer.await("history", f -> true);
            other.await("history", f -> true);

            customer.send("type", "typing");
            JsonNode seen =
                    owner.await("typing", f -> chat.caseId().equals(f.path("caseId").asText()));
            assertEquals("CUSTOMER", seen.path("from").asText());
            assertEquals("Tia Typer", seen.path("name").asText());

            owner.send("type", "typing", "caseId", chat.caseId());
            JsonNode shown = customer.await("typing", f -> true);
            assertEquals(chat.caseId(), shown.path("caseId").asText());
            assertEquals("USER", shown.path("from").asText());
            assertEquals("Alice", shown.path("name").asText());

            // Bob may not type to Alice's customer: dropped, not relayed, not refused.
            bob.send("type", "typing", "caseId", chat.caseId());
            Ws.sleep(2_000);
            assertEquals(1, owner.all("typing").size());
            assertEquals(1, customer.all("typing").size());
            assertTrue(bob.all("typing").isEmpty(), "another agent hears nothing");
            assertTrue(other.all("typing").isEmpty(), "another customer hears nothing");
        }
    }

    /** Alice's status as B's merged view has it (absent: OFFLINE). */
    static String statusOnB(String aliceId) {
        JsonNode agents =
                Platform.json(Platform.get(B, "/api/presence/agents", Tokens.of("bob")).body());
        return agents.path(aliceId).asText("OFFLINE");
    }

    static void awaitStatusOnB(String aliceId, String expected, int seconds) {
        long until = System.currentTimeMillis() + seconds * 1000L;
        String now = statusOnB(aliceId);
        while (!expected.equals(now) && System.currentTimeMillis() < until) {
            Ws.sleep(250);
            now = statusOnB(aliceId);
        }
        assertEquals(expected, now, "alice's presence on replica B");
    }

    @Test
    void anAgentOnAIsOnlineThenAwayThenOfflineAsBSeesIt() {
        String alice = Tokens.of("alice");
        String aliceId = subject(alice);
        // A socket of the other test closed a moment ago: its grace (10 s) and a period (5 s).
        awaitStatusOnB(aliceId, "OFFLINE", 40);
        Ws owner = Ws.agent(Platform.GATEWAY, alice);
        try {
            owner.await("tiles", f -> true);
            awaitStatusOnB(aliceId, "ONLINE", 20);
            assertTrue(
                    Platform.json(Platform.get(B, "/api/presence", null).body())
                            .path("available")
                            .asBoolean());
            owner.send("type", "presence", "status", "AWAY");
            awaitStatusOnB(aliceId, "AWAY", 20);
        } finally {
            owner.close();
        }
        awaitStatusOnB(aliceId, "OFFLINE", 40);
        String answer = Platform.get(B, "/api/presence", null).body();
        assertFalse(answer.contains(aliceId), "the public answer names no agent");
    }
}
