package io.chatcases.gateway.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.chatcases.events.CaseEvent;
import io.chatcases.events.CaseStatus;
import io.chatcases.events.CaseView;
import io.chatcases.events.Channel;
import io.chatcases.events.EventType;
import io.chatcases.gateway.client.CustomerTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The customer socket against real Kafka and a case-service that answers like the real one: open,
 * send, receive, a bad frame, another Case. Every frame is checked against schema/frames.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeCaseService.class, restrictToAnnotatedClass = true)
class CustomerSocketTest {
    @TestHTTPResource("/ws/customer")
    URI uri;

    @Inject CustomerTokens tokens;

    @BeforeEach
    void ready() {
        SocketTestSupport.awaitReady();
    }

    TestSocket customerOf(UUID caseId) {
        return TestSocket.connect(
                URI.create(
                        uri.toString().replaceFirst("^http", "ws")
                                + "?token="
                                + tokens.issue(caseId)),
                null);
    }

    @Test
    void opensWithItsCaseThenItsHistory() {
        CaseView kase = FakeCaseService.add(Channel.WEB_CONNECT, CaseStatus.NEW, null);
        try (TestSocket ws = customerOf(kase.caseId())) {
            ws.await("history", f -> true);
            assertEquals("case", ws.frames.get(0).path("type").asText());
            assertEquals(
                    kase.caseId().toString(),
                    ws.frames.get(0).path("case").path("caseId").asText());
            assertEquals(2, ws.frames.get(1).path("messages").size());
            assertFalse(ws.frames.get(1).has("case"), "the customer's history carries no case");
        }
    }

    @Test
    void aSendIsAcceptedAndTheCasesMessagesArrive() throws Exception {
        CaseView kase = FakeCaseService.add(Channel.WEB_CONNECT, CaseStatus.NEW, null);
        try (TestSocket ws = customerOf(kase.caseId())) {
            ws.await("history", f -> true);
            ws.send("{\"type\":\"send\",\"clientMsgId\":\"c-1\",\"text\":\"Hello\"}");
            ws.await("accepted", f -> "c-1".equals(f.path("clientMsgId").asText()));

            SocketTestSupport.publish(
                    EventType.MESSAGE_POSTED,
                    new CaseEvent(
                            kase, FakeCaseService.message(kase.caseId(), 3, "Hi!"), null, null));
            assertEquals(
                    "Hi!",
                    ws.await("message", f -> f.path("message").path("seq").asLong() == 3)
                            .path("message")
                            .path("text")
                            .asText());
        }
    }

    @Test
    void aBadFrameGetsBadFrameAndTheSocketStaysOpen() {
        CaseView kase = FakeCaseService.add(Channel.WEB_CONNECT, CaseStatus.NEW, null);
        try (TestSocket ws = customerOf(kase.caseId())) {
            ws.await("history", f -> true);
            ws.sendRaw("{not json");
            ws.sendRaw(
                    "{\"type\":\"open\",\"caseId\":\""
                            + kase.caseId()
                            + "\",\"requestId\":\"r1\"}");
            ws.sendRaw("{\"type\":\"send\",\"clientMsgId\":\"c-2\",\"text\":42}");
            assertEquals(
                    "Frames are JSON objects.",
                    ws.await("error", f -> !f.has("ref")).path("message").asText());
            assertEquals(
                    "Unknown frame type 'open'.",
                    ws.await("error", f -> "r1".equals(f.path("ref").asText()))
                            .path("message")
                            .asText());
            assertEquals(
                    "'text' must be a string.",
                    ws.await("error", f -> "c-2".equals(f.path("ref").asText()))
                            .path("message")
                            .asText());
            ws.all("error").forEach(e -> assertEquals("BAD_FRAME", e.path("code").asText()));

            ws.send("{\"type\":\"send\",\"clientMsgId\":\"c-3\",\"text\":\"still here\"}");
            ws.await("accepted", f -> "c-3".equals(f.path("clientMsgId").asText()));
            assertFalse(ws.closed.isDone());
        }
    }

    @Test
    void aFrameNamingAnotherCaseIsForbidden() {
        CaseView kase = FakeCaseService.add(Channel.WEB_CONNECT, CaseStatus.NEW, null);
        try (TestSocket ws = customerOf(kase.caseId())) {
            ws.await("history", f -> true);
            ws.send(
                    "{\"type\":\"send\",\"caseId\":\""
                            + UUID.randomUUID()
                            + "\",\"clientMsgId\":\"c-4\",\"text\":\"psst\"}");
            assertEquals(
                    "FORBIDDEN",
                    ws.await("error", f -> "c-4".equals(f.path("ref").asText()))
                            .path("code")
                            .asText());
        }
    }

    @Test
    void aTokenForACaseThatDoesNotExistGetsNotFound() {
        try (TestSocket ws = customerOf(UUID.randomUUID())) {
            assertEquals("NOT_FOUND", ws.await("error", f -> true).path("code").asText());
        }
    }

    @Test
    void noCallOnAnSdkCaseThatNobodyOwnsYet() {
        CaseView kase = FakeCaseService.add(Channel.SUPPORT_SDK, CaseStatus.NEW, null);
        try (TestSocket ws = customerOf(kase.caseId())) {
            ws.await("history", f -> true);
            ws.send("{\"type\":\"call.answer\",\"callId\":\"k1\",\"sdp\":\"v=0\"}");
            assertEquals(
                    "FORBIDDEN",
                    ws.await("error", f -> "k1".equals(f.path("ref").asText()))
                            .path("code")
                            .asText());
        }
    }
}
