package io.chatcases.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.testing.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Call signalling for Support SDK Cases, across two replicas: offer, answer, ICE and end reach the
 * other side; a dropped side ends the call for the other; the call's start and end are logged in
 * the conversation exactly once; others may not call.
 */
class CallSignallingIT {

    /** The tile-counting browser suite runs next: leave no Case waiting or owned. */
    @org.junit.jupiter.api.AfterAll
    static void leaveNothingWaiting() {
        Platform.clearWaitingCases();
    }

    static final int B = 8094;
    static Process replicaB;

    @BeforeAll
    static void startReplica() {
        replicaB = Platform.startGateway(B);
    }

    @AfterAll
    static void stopReplica() {
        Platform.kill(replicaB);
    }

    @Test
    void theOwnerCallsTheSdkCustomerOnAnotherReplica() {
        Platform.Chat chat = Platform.startChat("Sia", "Sdk", "SUPPORT_SDK");
        String alice = Tokens.of("alice");
        Platform.post(Platform.GATEWAY, "/api/cases/" + chat.caseId() + "/claim", "{}", alice);
        try (Ws agent = Ws.agent(Platform.GATEWAY, alice);
                Ws sdk = Ws.customer(B, chat.customerToken());
                Ws bob = Ws.agent(B, Tokens.of("bob"))) {
            agent.await("tiles", f -> true);
            sdk.await("history", f -> true);
            bob.await("tiles", f -> true);

            agent.send(
                    "type",
                    "call.offer",
                    "caseId",
                    chat.caseId(),
                    "callId",
                    "c1",
                    "sdp",
                    "v=0 offer",
                    "media",
                    "video");
            JsonNode offer = sdk.await("call.offer", f -> "c1".equals(f.path("callId").asText()));
            assertEquals("v=0 offer", offer.path("sdp").asText());
            assertEquals("video", offer.path("media").asText());

            sdk.send("type", "call.answer", "callId", "c1", "sdp", "v=0 answer");
            assertEquals("v=0 answer", agent.await("call.answer", f -> true).path("sdp").asText());
            sdk.send("type", "call.ice", "callId", "c1", "candidate", "candidate:1 udp");
            agent.await("call.ice", f -> "candidate:1 udp".equals(f.path("candidate").asText()));
            agent.send(
                    "type",
                    "call.ice",
                    "caseId",
                    chat.caseId(),
                    "callId",
                    "c1",
                    "candidate",
                    "candidate:2 udp");
            sdk.await("call.ice", f -> "candidate:2 udp".equals(f.path("candidate").asText()));

            agent.send(
                    "type",
                    "call.end",
                    "caseId",
                    chat.caseId(),
                    "callId",
                    "c1",
                    "reason",
                    "hangup");
            assertEquals(
                    "hangup",
                    sdk.await("call.end", f -> "c1".equals(f.path("callId").asText()))
                            .path("reason")
                            .asText());
            sdk.await(
                    "message",
                    f -> "Video call started".equals(f.path("message").path("text").asText()));
            JsonNode ended =
                    sdk.await(
                            "message",
                            f ->
                                    f.path("message")
                                            .path("text")
                                            .asText()
                                            .matches("Video call ended \\(\\d+:\\d\\d\\)"));
            assertEquals("SYSTEM", ended.path("message").path("kind").asText());

            // Nobody else places calls on this Case, and nobody else hears this one.
            bob.send(
                    "type",
                    "call.offer",
                    "caseId",
                    chat.caseId(),
                    "callId",
                    "c2",
                    "sdp",
                    "x",
                    "media",
                    "audio",
                    "requestId",
                    "b1");
            assertEquals(
                    "FORBIDDEN",
                    bob.await("error", f -> "b1".equals(f.path("ref").asText()))
                            .path("code")
                            .asText());
            assertEquals(0, bob.all("call.answer").size() + bob.all("call.ice").size());
        } finally {
            Platform.post(
                    Platform.GATEWAY, "/api/cases/" + chat.caseId() + "/resolve", "{}", alice);
        }
    }

    /**
     * The customer's socket drops mid-call on replica B: the agent on the other replica gets
     * call.end disconnected, and the conversation holds the call exactly once (both replicas saw
     * the call; case-service logs each step once).
     */
    @Test
    void aDroppedCustomerEndsTheCallAcrossReplicasAndItIsLoggedOnce() {
        Platform.Chat chat = Platform.startChat("Dora", "Drop", "SUPPORT_SDK");
        String alice = Tokens.of("alice");
        Platform.post(Platform.GATEWAY, "/api/cases/" + chat.caseId() + "/claim", "{}", alice);
        try (Ws agent = Ws.agent(Platform.GATEWAY, alice)) {
            agent.await("tiles", f -> true);
            Ws sdk = Ws.customer(B, chat.customerToken());
            sdk.await("history", f -> true);
            agent.send(
                    "type",
                    "call.offer",
                    "caseId",
                    chat.caseId(),
                    "callId",
                    "d1",
                    "sdp",
                    "v=0 offer",
                    "media",
                    "video");
            sdk.await("call.offer", f -> "d1".equals(f.path("callId").asText()));
            sdk.send("type", "call.answer", "callId", "d1", "sdp", "v=0 answer");
            agent.await("call.answer", f -> "d1".equals(f.path("callId").asText()));
            agent.await(
                    "message",
                    f -> "Video call started".equals(f.path("message").path("text").asText()));
            sdk.close();

            JsonNode end = agent.await("call.end", f -> "d1".equals(f.path("callId").asText()));
            assertEquals("disconnected", end.path("reason").asText());
            assertEquals(chat.caseId(), end.path("caseId").asText());
            agent.await(
                    "message",
                    f ->
                            f.path("message")
                                    .path("text")
                                    .asText()
                                    .matches("Video call ended \\(\\d+:\\d\\d\\)"));
            // A late duplicate end from the agent's side changes nothing.
            agent.send(
                    "type",
                    "call.end",
                    "caseId",
                    chat.caseId(),
                    "callId",
                    "d1",
                    "reason",
                    "hangup");
            Ws.sleep(1000);
            JsonNode messages =
                    Platform.json(
                            Platform.get(
                                            Platform.GATEWAY,
                                            "/api/cases/" + chat.caseId() + "/messages?limit=1000",
                                            alice)
                                    .body());
            java.util.List<String> calls = new java.util.ArrayList<>();
            messages.forEach(
                    m -> {
                        if (m.path("text").asText().contains(" call ")) {
                            calls.add(m.path("text").asText());
                        }
                    });
            assertEquals(2, calls.size(), calls.toString());
            assertEquals("Video call started", calls.get(0));
            assertEquals(
                    true, calls.get(1).matches("Video call ended \\(\\d+:\\d\\d\\)"), calls.get(1));
        } finally {
            Platform.post(
                    Platform.GATEWAY, "/api/cases/" + chat.caseId() + "/resolve", "{}", alice);
        }
    }

    @Test
    void aWebConnectCaseHasNoCalls() {
        Platform.Chat chat = Platform.startChat("Wes", "Web");
        String alice = Tokens.of("alice");
        Platform.post(Platform.GATEWAY, "/api/cases/" + chat.caseId() + "/claim", "{}", alice);
        try (Ws agent = Ws.agent(Platform.GATEWAY, alice)) {
            agent.await("tiles", f -> true);
            agent.send(
                    "type",
                    "call.offer",
                    "caseId",
                    chat.caseId(),
                    "callId",
                    "c3",
                    "sdp",
                    "x",
                    "media",
                    "audio",
                    "requestId",
                    "w1");
            assertEquals(
                    "FORBIDDEN",
                    agent.await("error", f -> "w1".equals(f.path("ref").asText()))
                            .path("code")
                            .asText());
        } finally {
            Platform.post(
                    Platform.GATEWAY, "/api/cases/" + chat.caseId() + "/resolve", "{}", alice);
        }
    }
}
