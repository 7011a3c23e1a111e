package io.chatcases.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.testing.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A replica dies mid-conversation (kill -9): the customer reconnects to another replica, resumes by
 * seq and resends what was not acknowledged; both transcripts end with every message exactly once,
 * in seq order.
 */
class KillReplicaIT {

    /** The tile-counting browser suite runs next: leave no Case waiting or owned. */
    @org.junit.jupiter.api.AfterAll
    static void leaveNothingWaiting() {
        Platform.clearWaitingCases();
    }

    static final int A = 8091;

    @Test
    void theCustomerResumesOnAnotherReplicaWithEveryMessageExactlyOnce() {
        Process replicaA = Platform.startGateway(A);
        Platform.Chat chat = Platform.startChat("Ida", "Ito");
        try (Ws alice = Ws.agent(Platform.GATEWAY, Tokens.of("alice"))) {
            alice.await("tiles", f -> true);
            Platform.post(
                    Platform.GATEWAY,
                    "/api/cases/" + chat.caseId() + "/claim",
                    "{}",
                    Tokens.of("alice"));

            Map<Long, JsonNode> customerTranscript = new TreeMap<>();
            List<String> unacknowledged = new ArrayList<>();
            Ws first = Ws.customer(A, chat.customerToken());
            first.await("history", f -> true);
            for (int i = 0; i < 40; i++) {
                String id = "k" + i;
                unacknowledged.add(id);
                first.send("type", "send", "clientMsgId", id, "text", "message " + i);
                if (i % 4 == 0) {
                    alice.send(
                            "type",
                            "send",
                            "caseId",
                            chat.caseId(),
                            "clientMsgId",
                            "a" + i,
                            "text",
                            "reply " + i);
                }
                if (i == 25) {
                    Platform.kill(replicaA); // mid-conversation
                }
                Ws.sleep(250); // a person typing fast, under the per-connection rate limit
            }
            first.awaitClose(Duration.ofSeconds(10));
            for (JsonNode f : first.all("accepted")) {
                unacknowledged.remove(f.path("clientMsgId").asText());
            }
            first.messages(chat.caseId())
                    .forEach(m -> customerTranscript.put(m.path("seq").asLong(), m));
            long lastSeq =
                    customerTranscript.isEmpty()
                            ? 0
                            : ((TreeMap<Long, JsonNode>) customerTranscript).lastKey();

            // Reconnect elsewhere, resume, resend what the dead replica never acknowledged.
            try (Ws second = Ws.customer(Platform.GATEWAY, chat.customerToken())) {
                second.await("history", f -> true);
                second.send("type", "resume", "lastSeq", lastSeq);
                for (String id : unacknowledged) {
                    second.send(
                            "type",
                            "send",
                            "clientMsgId",
                            id,
                            "text",
                            "message " + id.substring(1));
                    Ws.sleep(250);
                }
                for (String id : unacknowledged) {
                    second.await("accepted", f -> id.equals(f.path("clientMsgId").asText()));
                }
                // the greeting (cases.greeting), the claim message, 40 customer sends, 10 replies
                long expected = 2 + 40 + 10;
                waitFor(() -> stored(chat).size() >= expected);
                JsonNode history = stored(chat);
                assertEquals(expected, history.size(), "stored messages: " + history);
                for (int i = 0; i < history.size(); i++) {
                    assertEquals(i + 1, history.get(i).path("seq").asLong(), "contiguous seqs");
                }
                waitFor(
                        () ->
                                second.messages(chat.caseId()).stream()
                                        .anyMatch(m -> m.path("seq").asLong() == expected));
                // The new socket never sends a seq twice, and never one the old socket already had.
                List<Long> secondSeqs =
                        second.messages(chat.caseId()).stream()
                                .map(m -> m.path("seq").asLong())
                                .toList();
                assertEquals(
                        secondSeqs.stream().distinct().toList(),
                        secondSeqs,
                        "duplicate seq on one socket");
                second.messages(chat.caseId())
                        .forEach(m -> customerTranscript.put(m.path("seq").asLong(), m));
                assertEquals(
                        expected,
                        customerTranscript.size(),
                        "customer transcript has every message once");
                List<Long> ordered = new ArrayList<>(customerTranscript.keySet());
                for (int i = 0; i < ordered.size(); i++) {
                    assertEquals(i + 1, ordered.get(i));
                }
                // The agent's socket saw every message exactly once, in order.
                waitFor(
                        () ->
                                alice.messages(chat.caseId()).stream()
                                        .anyMatch(m -> m.path("seq").asLong() == expected));
                List<Long> aliceSeqs =
                        alice.messages(chat.caseId()).stream()
                                .map(m -> m.path("seq").asLong())
                                .toList();
                List<Long> want = new ArrayList<>();
                for (long s = aliceSeqs.get(0); s <= expected; s++) {
                    want.add(s);
                }
                assertEquals(want, aliceSeqs, "agent transcript in order, once");
            }
        } finally {
            Platform.kill(replicaA);
            Platform.post(
                    Platform.GATEWAY,
                    "/api/cases/" + chat.caseId() + "/resolve",
                    "{}",
                    Tokens.of("alice"));
        }
    }

    /** The Case's stored conversation, as its owner reads it. */
    static JsonNode stored(Platform.Chat chat) {
        return Platform.json(
                Platform.get(
                                Platform.GATEWAY,
                                "/api/cases/" + chat.caseId() + "/messages?limit=500",
                                Tokens.of("alice"))
                        .body());
    }

    static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 30 s");
            }
            Ws.sleep(100);
        }
    }
}
