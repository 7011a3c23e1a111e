package io.chatcases.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.testing.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Call signalling for Support SDK Cases, across two replicas: offer, answer, ICE and end reach the
 * other side; the call's start and end are logged in the conversation; others may not call.
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

            agent.send("type", "call.end", "caseId", chat.caseId(), "callId", "c1");
            sdk.await("call.end", f -> "c1".equals(f.path("callId").asText()));
            sdk.await(
                    "message",
                    f ->
                            "Video call started by Alice Anderson"
                                    .equals(f.path("message").path("text").asText()));
            JsonNode ended =
                    sdk.await(
                            "message",
                            f -> "Call ended".equals(f.path("message").path("text").asText()));
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
