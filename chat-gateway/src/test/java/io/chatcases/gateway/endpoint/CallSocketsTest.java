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
import io.chatcases.gateway.client.CustomerTokens;
import io.chatcases.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Calls between a customer socket and the owner's agent socket, relayed through the real
 * chat.signals: the end's reason relayed as is (an unknown one refused), one call per socket, and a
 * call that ends when a side goes away or the Case stops being callable. Every frame is checked
 * against schema/frames.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeCaseService.class, restrictToAnnotatedClass = true)
class CallSocketsTest {
    @TestHTTPResource("/ws/customer")
    URI customerUri;

    @TestHTTPResource("/ws/agent")
    URI agentUri;

    @Inject CustomerTokens tokens;

    @BeforeEach
    void ready() {
        SocketTestSupport.awaitReady();
    }

    private TestSocket customerOf(UUID caseId) {
        TestSocket ws =
                TestSocket.connect(
                        URI.create(
                                customerUri.toString().replaceFirst("^http", "ws")
                                        + "?token="
                                        + tokens.issue(caseId)),
                        null);
        ws.await("history", f -> true);
        return ws;
    }

    private TestSocket alice() {
        TestSocket ws =
                TestSocket.connect(
                        URI.create(agentUri.toString().replaceFirst("^http", "ws")),
                        Tokens.of("alice"));
        ws.await("tiles", f -> true);
        return ws;
    }

    private static CaseView alicesSdkCase() throws Exception {
        return FakeCaseService.add(
                Channel.SUPPORT_SDK, CaseStatus.READY, AgentSocketTest.subject("alice"));
    }

    private static String offer(CaseView kase, String callId) {
        return "{\"type\":\"call.offer\",\"caseId\":\""
                + kase.caseId()
                + "\",\"callId\":\""
                + callId
                + "\",\"sdp\":\"v=0\",\"media\":\"video\"}";
    }

    /** The agent offers, the customer hears it ring and answers, the agent gets the answer. */
    private static void connect(TestSocket agent, TestSocket customer, CaseView kase, String id) {
        agent.send(offer(kase, id));
        JsonNode ringing = customer.await("call.offer", f -> id.equals(f.path("callId").asText()));
        assertEquals("video", ringing.path("media").asText());
        customer.send("{\"type\":\"call.answer\",\"callId\":\"" + id + "\",\"sdp\":\"v=0\"}");
        JsonNode answer = agent.await("call.answer", f -> id.equals(f.path("callId").asText()));
        assertEquals(kase.caseId().toString(), answer.path("caseId").asText());
    }

    private static JsonNode endOf(TestSocket ws, String callId) {
        return ws.await("call.end", f -> callId.equals(f.path("callId").asText()));
    }

    @Test
    void theEndsReasonIsRelayedAsItCameAndAnUnknownReasonIsRefused() throws Exception {
        CaseView kase = alicesSdkCase();
        try (TestSocket agent = alice();
                TestSocket customer = customerOf(kase.caseId())) {
            agent.send(offer(kase, "k-declined"));
            customer.await("call.offer", f -> "k-declined".equals(f.path("callId").asText()));
            customer.sendRaw(
                    "{\"type\":\"call.end\",\"callId\":\"k-declined\",\"reason\":\"bored\"}");
            JsonNode refused = customer.await("error", f -> true);
            assertEquals("BAD_FRAME", refused.path("code").asText());
            assertEquals(
                    "'reason' is hangup, declined, unavailable, disconnected or failed.",
                    refused.path("message").asText());

            customer.send(
                    "{\"type\":\"call.end\",\"callId\":\"k-declined\",\"reason\":\"declined\"}");
            JsonNode end = endOf(agent, "k-declined");
            assertEquals("declined", end.path("reason").asText());
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> FakeCaseService.REPORTS.contains("k-declined ENDED declined"));
            assertEquals(kase.caseId().toString(), end.path("caseId").asText());

            // Absent stays absent (= hangup), in both directions.
            agent.send(offer(kase, "k-plain"));
            customer.await("call.offer", f -> "k-plain".equals(f.path("callId").asText()));
            agent.send(
                    "{\"type\":\"call.end\",\"caseId\":\""
                            + kase.caseId()
                            + "\",\"callId\":\"k-plain\"}");
            assertFalse(endOf(customer, "k-plain").has("reason"));
            assertEquals(1, agent.all("call.end").size(), "no end came back to the agent");
        }
    }

    @Test
    void aCustomerSocketThatDropsEndsTheCallForTheAgent() throws Exception {
        CaseView kase = alicesSdkCase();
        try (TestSocket agent = alice()) {
            TestSocket customer = customerOf(kase.caseId());
            connect(agent, customer, kase, "k-drop");
            customer.close();
            JsonNode end = endOf(agent, "k-drop");
            assertEquals("disconnected", end.path("reason").asText());
            assertEquals(kase.caseId().toString(), end.path("caseId").asText());
            // case-service heard the offer, the answer and the drop (it logs the call once).
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> FakeCaseService.REPORTS.contains("k-drop ENDED disconnected"));
            assertEquals(
                    List.of("k-drop OFFERED -", "k-drop STARTED -", "k-drop ENDED disconnected"),
                    FakeCaseService.REPORTS.stream().filter(r -> r.startsWith("k-drop ")).toList());
        }
    }

    @Test
    void anAgentSocketThatDropsEndsTheCallForTheCustomerEvenWhileItRings() throws Exception {
        CaseView kase = alicesSdkCase();
        try (TestSocket customer = customerOf(kase.caseId())) {
            TestSocket agent = alice();
            agent.send(offer(kase, "k-gone"));
            customer.await("call.offer", f -> "k-gone".equals(f.path("callId").asText()));
            agent.close();
            assertEquals("disconnected", endOf(customer, "k-gone").path("reason").asText());
        }
    }

    @Test
    void aSocketThatIsNotInTheCallEndsNothingWhenItDrops() throws Exception {
        CaseView kase = alicesSdkCase();
        try (TestSocket agent = alice();
                TestSocket customer = customerOf(kase.caseId())) {
            TestSocket other = customerOf(kase.caseId());
            connect(agent, customer, kase, "k-two-tabs");
            other.close();
            // A frame after the close, through the same relay: the end would have come first.
            customer.send(
                    "{\"type\":\"call.ice\",\"callId\":\"k-two-tabs\",\"candidate\":{\"c\":1}}");
            agent.await("call.ice", f -> "k-two-tabs".equals(f.path("callId").asText()));
            assertTrue(agent.all("call.end").isEmpty());
        }
    }

    @Test
    void aSecondCallWhileInACallIsRefusedOnBothSides() throws Exception {
        CaseView kase = alicesSdkCase();
        try (TestSocket agent = alice();
                TestSocket customer = customerOf(kase.caseId())) {
            connect(agent, customer, kase, "k-first");
            agent.send(offer(kase, "k-second"));
            JsonNode refused = agent.await("error", f -> "k-second".equals(f.path("ref").asText()));
            assertEquals("CONFLICT", refused.path("code").asText());
            customer.send("{\"type\":\"call.answer\",\"callId\":\"k-other\",\"sdp\":\"v=0\"}");
            assertEquals(
                    "CONFLICT",
                    customer.await("error", f -> "k-other".equals(f.path("ref").asText()))
                            .path("code")
                            .asText());

            // After the end, the next call goes through.
            agent.send(
                    "{\"type\":\"call.end\",\"caseId\":\""
                            + kase.caseId()
                            + "\",\"callId\":\"k-first\"}");
            endOf(customer, "k-first");
            connect(agent, customer, kase, "k-third");
        }
    }

    @Test
    void resolvingTheCaseEndsItsCall() throws Exception {
        CaseView kase = alicesSdkCase();
        try (TestSocket agent = alice();
                TestSocket customer = customerOf(kase.caseId())) {
            connect(agent, customer, kase, "k-resolved");
            CaseView resolved =
                    new CaseView(
                            kase.caseId(),
                            kase.number(),
                            kase.channel(),
                            CaseStatus.RESOLVED,
                            kase.owner(),
                            kase.contact(),
                            kase.createdAt(),
                            kase.lastSeq() + 1,
                            kase.emailVerified());
            SocketTestSupport.publish(
                    EventType.CASE_RESOLVED, new CaseEvent(resolved, null, null, null));
            assertEquals("hangup", endOf(agent, "k-resolved").path("reason").asText());
            assertEquals("hangup", endOf(customer, "k-resolved").path("reason").asText());
        }
    }
}
