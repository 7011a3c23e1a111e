package io.chatcases.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gateway refuses what storage would refuse, before Kafka: a clear error frame, nothing
 * accepted, nothing stored, and the socket and the conversation go on.
 */
class EdgeRefusalIT {

    /** The tile-counting browser suite runs next: leave no Case waiting or owned. */
    @org.junit.jupiter.api.AfterAll
    static void leaveNothingWaiting() {
        Platform.clearWaitingCases();
    }

    @Test
    void controlCharactersAndBadIdsAreRefusedBeforeKafkaAndTheChatGoesOn() {
        Platform.Chat chat = Platform.startChat("Nul", "Sender");
        try (Ws customer = Ws.customer(Platform.GATEWAY, chat.customerToken())) {
            customer.await("history", f -> true);
            customer.send("type", "send", "clientMsgId", "nul-1", "text", "a\u0000b");
            JsonNode nul = customer.await("error", f -> "nul-1".equals(f.path("ref").asText()));
            assertEquals("BAD_FRAME", nul.path("code").asText());
            assertTrue(nul.path("message").asText().contains("U+0000"), nul.toString());

            customer.send("type", "send", "clientMsgId", "esc-1", "text", "red\u001B[31m");
            assertEquals(
                    "BAD_FRAME",
                    customer.await("error", f -> "esc-1".equals(f.path("ref").asText()))
                            .path("code")
                            .asText());

            String longId = "x".repeat(65);
            customer.send("type", "send", "clientMsgId", longId, "text", "hello");
            JsonNode tooLong =
                    customer.await(
                            "error", f -> f.path("message").asText().startsWith("'clientMsgId'"));
            assertEquals("BAD_FRAME", tooLong.path("code").asText());
            assertFalse(tooLong.has("ref"), "a refused id is never echoed back");

            customer.send("type", "call.end", "callId", "c".repeat(49), "caseId", chat.caseId());
            customer.await("error", f -> f.path("message").asText().startsWith("'callId'"));

            customer.send("type", "send", "clientMsgId", "ok-1", "text", "two\nlines\tfine");
            customer.await("accepted", f -> "ok-1".equals(f.path("clientMsgId").asText()));
            JsonNode stored =
                    customer.await(
                            "message",
                            f -> "ok-1".equals(f.path("message").path("clientMsgId").asText()));
            // After the greeting (cases.greeting, seq 1): the first message the customer wrote.
            assertEquals(2, stored.path("message").path("seq").asLong());
            assertTrue(customer.isOpen(), "refusals never close the socket");

            List<String> accepted =
                    customer.all("accepted").stream()
                            .map(f -> f.path("clientMsgId").asText())
                            .toList();
            assertEquals(List.of("ok-1"), accepted);
            Ws.sleep(500);
            assertEquals(
                    List.of("ok-1"),
                    customer.messages(chat.caseId()).stream()
                            // The customer's own messages (the greeting is the system's).
                            .filter(m -> "CUSTOMER".equals(m.path("sender").path("type").asText()))
                            .map(m -> m.path("clientMsgId").asText())
                            .distinct()
                            .toList(),
                    "only the clean message was stored");
        }
    }

    @Test
    void aResolvedChatReopensWhenItsCustomerWritesAfterStartingANewOne() {
        String email = "reopen-" + System.nanoTime() + "@example.com";
        Platform.Chat old = Platform.startChatAs(email, "Rea", "Pen", "WEB_CONNECT");
        String alice = io.chatcases.testing.Tokens.of("alice");
        assertEquals(
                200,
                Platform.post(
                                Platform.GATEWAY,
                                "/api/cases/" + old.caseId() + "/claim",
                                "{}",
                                alice)
                        .statusCode());
        assertEquals(
                200,
                Platform.post(
                                Platform.GATEWAY,
                                "/api/cases/" + old.caseId() + "/resolve",
                                "{}",
                                alice)
                        .statusCode());
        Platform.Chat newer = Platform.startChatAs(email, "Rea", "Pen", "WEB_CONNECT");
        Platform.Chat unrelated = Platform.startChat("Una", "Related");
        try (Ws oldTab = Ws.customer(Platform.GATEWAY, old.customerToken());
                Ws other = Ws.customer(Platform.GATEWAY, unrelated.customerToken())) {
            oldTab.await("history", f -> true);
            other.await("history", f -> true);
            oldTab.send("type", "send", "clientMsgId", "again-1", "text", "one more thing");
            for (int i = 0; i < 12; i++) {
                other.send("type", "send", "clientMsgId", "u" + i, "text", "text " + i);
                Ws.sleep(250); // under the per-connection rate limit
            }
            oldTab.await(
                    f ->
                            "message".equals(f.path("type").asText())
                                    && "again-1"
                                            .equals(f.path("message").path("clientMsgId").asText()),
                    Duration.ofSeconds(15));
            oldTab.await(
                    f ->
                            "case".equals(f.path("type").asText())
                                    && "READY".equals(f.path("case").path("status").asText()),
                    Duration.ofSeconds(15));
            other.await(
                    f ->
                            "message".equals(f.path("type").asText())
                                    && "u11".equals(f.path("message").path("clientMsgId").asText()),
                    Duration.ofSeconds(15));
            assertTrue(oldTab.all("error").isEmpty(), oldTab.all("error").toString());
        }
        JsonNode newerCase =
                Platform.json(
                        Platform.get(Platform.GATEWAY, "/api/cases/" + newer.caseId(), alice)
                                .body());
        assertEquals("NEW", newerCase.path("status").asText());
    }
}
