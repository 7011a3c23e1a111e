package io.chatcases.gateway.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.events.CaseEvent;
import io.chatcases.events.CaseStatus;
import io.chatcases.events.CaseView;
import io.chatcases.events.Channel;
import io.chatcases.events.EventType;
import io.chatcases.gateway.protocol.Frames;
import io.chatcases.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent socket with a real Keycloak token, real Kafka and a case-service that answers like the
 * real one: hello and tiles, open, send, receive, a bad frame, another agent's Case, an unknown
 * one. Every frame is checked against schema/frames.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeCaseService.class, restrictToAnnotatedClass = true)
class AgentSocketTest {
    @TestHTTPResource("/ws/agent")
    URI uri;

    @BeforeEach
    void ready() {
        SocketTestSupport.awaitReady();
    }

    TestSocket agent(String user) {
        return TestSocket.connect(
                URI.create(uri.toString().replaceFirst("^http", "ws")), Tokens.of(user));
    }

    static String subject(String user) throws Exception {
        String payload = Tokens.of(user).split("\\.")[1];
        return Frames.JSON.readTree(Base64.getUrlDecoder().decode(payload)).path("sub").asText();
    }

    @Test
    void opensWithHelloThenTilesAndOpensACase() {
        CaseView waiting = FakeCaseService.add(Channel.WEB_CONNECT, CaseStatus.NEW, null);
        try (TestSocket ws = agent("alice")) {
            JsonNode tiles = ws.await("tiles", f -> true);
            assertEquals("hello", ws.frames.get(0).path("type").asText());
            assertTrue(tiles.path("tiles").toString().contains(waiting.caseId().toString()));

            ws.send("{\"type\":\"open\",\"caseId\":\"" + waiting.caseId() + "\"}");
            JsonNode history = ws.await("history", f -> true);
            assertEquals(waiting.caseId().toString(), history.path("case").path("caseId").asText());
            assertEquals(2, history.path("messages").size());
        }
    }

    @Test
    void anotherAgentsCaseIsForbiddenTakenAndAnUnknownOneNotFound() throws Exception {
        CaseView bobs = FakeCaseService.add(Channel.WEB_CONNECT, CaseStatus.READY, subject("bob"));
        try (TestSocket ws = agent("alice")) {
            ws.await("tiles", f -> true);
            ws.send("{\"type\":\"open\",\"caseId\":\"" + bobs.caseId() + "\"}");
            ws.send(
                    "{\"type\":\"claim\",\"caseId\":\""
                            + bobs.caseId()
                            + "\",\"requestId\":\"q1\"}");
            ws.send(
                    "{\"type\":\"claim\",\"caseId\":\""
                            + UUID.randomUUID()
                            + "\",\"requestId\":\"q2\"}");
            // Reading another agent's Case is refused; claiming it answers who has it.
            assertEquals(
                    "ALREADY_CLAIMED",
                    ws.await("error", f -> "q1".equals(f.path("ref").asText()))
                            .path("code")
                            .asText());
            assertEquals("FORBIDDEN", ws.await("error", f -> !f.has("ref")).path("code").asText());
            assertEquals(
                    "NOT_FOUND",
                    ws.await("error", f -> "q2".equals(f.path("ref").asText()))
                            .path("code")
                            .asText());
            assertTrue(ws.all("history").isEmpty());
        }
    }

    @Test
    void aBadFrameGetsBadFrameAndTheSocketStaysOpen() {
        CaseView waiting = FakeCaseService.add(Channel.WEB_CONNECT, CaseStatus.NEW, null);
        try (TestSocket ws = agent("alice")) {
            ws.await("tiles", f -> true);
            ws.sendRaw("{\"type\":\"claim\",\"requestId\":\"q3\"}");
            ws.sendRaw("{\"type\":\"call.answer\",\"callId\":\"k2\",\"requestId\":\"q4\"}");
            JsonNode missing = ws.await("error", f -> "q3".equals(f.path("ref").asText()));
            assertEquals("BAD_FRAME", missing.path("code").asText());
            assertEquals("'caseId' is required.", missing.path("message").asText());
            assertEquals(
                    "Unknown frame type 'call.answer'.",
                    ws.await("error", f -> "q4".equals(f.path("ref").asText()))
                            .path("message")
                            .asText());

            ws.send(
                    "{\"type\":\"claim\",\"caseId\":\""
                            + waiting.caseId()
                            + "\",\"requestId\":\"q5\"}");
            JsonNode claimed = ws.await("claimed", f -> "q5".equals(f.path("requestId").asText()));
            assertEquals(waiting.caseId().toString(), claimed.path("case").path("caseId").asText());
            assertFalse(ws.closed.isDone());
        }
    }

    @Test
    void aSendIsAcceptedAndCaseEventsArrive() throws Exception {
        CaseView mine =
                FakeCaseService.add(Channel.SUPPORT_SDK, CaseStatus.READY, subject("alice"));
        try (TestSocket ws = agent("alice")) {
            ws.await("tiles", f -> true);
            ws.send(
                    "{\"type\":\"send\",\"caseId\":\""
                            + mine.caseId()
                            + "\",\"clientMsgId\":\"a-1\",\"text\":\"On it\"}");
            ws.await("accepted", f -> "a-1".equals(f.path("clientMsgId").asText()));

            SocketTestSupport.publish(
                    EventType.CASE_RESOLVED, new CaseEvent(mine, null, null, null));
            JsonNode kase =
                    ws.await(
                            "case",
                            f ->
                                    mine.caseId()
                                            .toString()
                                            .equals(f.path("case").path("caseId").asText()));
            assertEquals("READY", kase.path("case").path("status").asText());
        }
    }
}
