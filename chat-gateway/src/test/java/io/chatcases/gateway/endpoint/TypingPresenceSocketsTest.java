package io.chatcases.gateway.endpoint;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.events.CaseStatus;
import io.chatcases.events.CaseView;
import io.chatcases.events.Channel;
import io.chatcases.gateway.client.CustomerTokens;
import io.chatcases.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Typing and presence on real sockets through the real chat.signals: who gets a typing frame (and
 * who never does), the throttle, the owner-only rule, and {@code GET /api/presence} following an
 * agent's socket and chosen status. Every frame is checked against schema/frames.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeCaseService.class, restrictToAnnotatedClass = true)
class TypingPresenceSocketsTest {
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

    private TestSocket agent(String user) {
        TestSocket ws =
                TestSocket.connect(
                        URI.create(agentUri.toString().replaceFirst("^http", "ws")),
                        Tokens.of(user));
        ws.await("tiles", f -> true);
        return ws;
    }

    private static String typing(CaseView kase) {
        return "{\"type\":\"typing\",\"caseId\":\"" + kase.caseId() + "\"}";
    }

    private static JsonNode typingOf(TestSocket ws, CaseView kase) {
        return ws.await("typing", f -> kase.caseId().toString().equals(f.path("caseId").asText()));
    }

    /** Frames that could still be in flight get this long to arrive before "none came". */
    private static void settle() throws InterruptedException {
        Thread.sleep(1_500);
    }

    @Test
    void typingReachesTheOtherSideOfTheCaseOnlyAndIsThrottled() throws Exception {
        String alice = AgentSocketTest.subject("alice");
        CaseView kase = FakeCaseService.add(Channel.WEB_CONNECT, CaseStatus.READY, alice);
        CaseView unrelated = FakeCaseService.add(Channel.WEB_CONNECT, CaseStatus.READY, alice);
        try (TestSocket owner = agent("alice");
                TestSocket colleague = agent("bob");
                TestSocket customer = customerOf(kase.caseId());
                TestSocket stranger = customerOf(unrelated.caseId())) {
            customer.send("{\"type\":\"typing\"}");
            customer.send("{\"type\":\"typing\"}");
            JsonNode got = typingOf(owner, kase);
            assertEquals("CUSTOMER", got.path("from").asText());
            assertEquals("Cleo Customer", got.path("name").asText());

            owner.send(typing(kase));
            JsonNode shown = typingOf(customer, kase);
            assertEquals("USER", shown.path("from").asText());
            assertEquals("Alice", shown.path("name").asText());

            settle();
            assertEquals(1, owner.all("typing").size(), "the second typing within 2 s dropped");
            assertEquals(1, customer.all("typing").size(), "nothing of its own comes back");
            assertTrue(colleague.all("typing").isEmpty(), "another agent gets nothing");
            assertTrue(stranger.all("typing").isEmpty(), "another Case's customer gets nothing");
            assertTrue(customer.all("error").isEmpty() && owner.all("error").isEmpty());
        }
    }

    @Test
    void aNewCasesCustomerTypingReachesEveryAgentAndANonOwnersTypingIsDropped() throws Exception {
        CaseView waiting = FakeCaseService.add(Channel.WEB_CONNECT, CaseStatus.NEW, null);
        try (TestSocket alice = agent("alice");
                TestSocket bob = agent("bob");
                TestSocket customer = customerOf(waiting.caseId())) {
            customer.send(typing(waiting));
            assertEquals("Cleo Customer", typingOf(alice, waiting).path("name").asText());
            assertEquals("Cleo Customer", typingOf(bob, waiting).path("name").asText());

            bob.send(typing(waiting));
            settle();
            assertTrue(customer.all("typing").isEmpty(), "nobody owns it: nobody types to it");
            assertTrue(bob.all("error").isEmpty(), "dropped silently, not refused");
        }
    }

    @Test
    void aCustomerTypingForAnotherCaseIsForbiddenAndAnAgentMustNameItsCase() throws Exception {
        CaseView mine = FakeCaseService.add(Channel.WEB_CONNECT, CaseStatus.NEW, null);
        CaseView other = FakeCaseService.add(Channel.WEB_CONNECT, CaseStatus.NEW, null);
        try (TestSocket alice = agent("alice");
                TestSocket customer = customerOf(mine.caseId())) {
            customer.send(typing(other));
            assertEquals("FORBIDDEN", customer.await("error", f -> true).path("code").asText());
            alice.sendRaw("{\"type\":\"typing\"}");
            JsonNode bad = alice.await("error", f -> true);
            assertEquals("BAD_FRAME", bad.path("code").asText());
            assertEquals("'caseId' is required.", bad.path("message").asText());
            settle();
            assertTrue(alice.all("typing").isEmpty());
        }
    }

    private static boolean available() {
        return given().get("/api/presence").then().statusCode(200).extract().path("available");
    }

    /** Alice's status as another agent's console reads it (absent: OFFLINE). */
    private static String statusOf(String agentId) {
        String status =
                given().auth()
                        .oauth2(Tokens.of("bob"))
                        .get("/api/presence/agents")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("'" + agentId + "'");
        return status == null ? "OFFLINE" : status;
    }

    private static void awaitAvailable(boolean expected) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(TypingPresenceSocketsTest::available, a -> a == expected);
    }

    @Test
    void presenceFollowsTheAgentsSocketAndChosenStatus() throws Exception {
        // Agents of earlier tests are gone after the grace (1 s in tests) and one announcement.
        awaitAvailable(false);
        try (TestSocket alice = agent("alice")) {
            awaitAvailable(true);
            String aliceId = AgentSocketTest.subject("alice");
            assertEquals("ONLINE", statusOf(aliceId));
            alice.send("{\"type\":\"presence\",\"status\":\"AWAY\"}");
            awaitAvailable(false);
            assertEquals("AWAY", statusOf(aliceId));
            alice.send("{\"type\":\"presence\",\"status\":\"ONLINE\"}");
            awaitAvailable(true);
            alice.sendRaw("{\"type\":\"presence\",\"status\":\"BUSY\"}");
            assertEquals(
                    "'status' must be one of ONLINE, AWAY, OFFLINE.",
                    alice.await("error", f -> true).path("message").asText());
            assertTrue(available(), "a refused status changes nothing");
        }
        awaitAvailable(false);
        assertEquals("OFFLINE", statusOf(AgentSocketTest.subject("alice")));
        given().get("/api/presence/agents").then().statusCode(401);
        assertFalse(
                given().get("/api/presence").body().asString().contains("alice"), "no agent named");
    }
}
