package io.chatcases.gateway.client;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.IntNode;
import io.chatcases.events.CaseStatus;
import io.chatcases.events.CaseView;
import io.chatcases.events.Channel;
import io.chatcases.events.MessageView;
import io.chatcases.events.SenderType;
import io.chatcases.testing.contracts.Contract;
import io.chatcases.testing.contracts.ContractStub;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's side of its contracts with case-service: its typed clients against a double that
 * answers only what {@code contracts/chat-gateway-case-service} says case-service answers (and
 * case-service's CaseServiceContractsTest replays those against the real service). A request no
 * contract covers, or with headers the contract does not name, fails the test.
 */
@QuarkusTest
@QuarkusTestResource(value = CaseServiceContractsTest.Stub.class, restrictToAnnotatedClass = true)
class CaseServiceContractsTest {
    static final UUID UNKNOWN = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    static final UUID OTHERS = UUID.fromString("00000000-0000-0000-0000-0000000000bb");
    static final UUID AGENTS = UUID.fromString("00000000-0000-0000-0000-0000000000cc");
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String AGENT_BEARER = "Bearer agent-token";

    static ContractStub stub;

    @RestClient GatewayCaseApi service;
    @RestClient AgentCaseApi agent;

    @AfterEach
    void noRequestOutsideTheContracts() {
        assertEquals(List.of(), stub.violations());
    }

    @Test
    void theCustomersCaseIsReadWithTheServiceToken() {
        UUID id = UUID.randomUUID();
        CaseView view = service.get(id).await().atMost(WAIT);
        assertEquals(id, view.caseId());
        assertEquals(CaseStatus.NEW, view.status());
        assertEquals(Channel.WEB_CONNECT, view.channel());
        assertEquals("DK", view.contact().initials());
    }

    @Test
    void theCustomersMessagesAreReadAsMessageViews() {
        List<MessageView> messages =
                service.messages(UUID.randomUUID(), 0, 100).await().atMost(WAIT);
        assertEquals(1, messages.size());
        assertEquals(SenderType.CUSTOMER, messages.get(0).sender().type());
        assertEquals(1, messages.get(0).seq());
    }

    @Test
    void theCustomersTranscriptIsReadAsText() {
        jakarta.ws.rs.core.Response r = service.transcript(UUID.randomUUID()).await().atMost(WAIT);
        assertEquals(200, r.getStatus());
        assertEquals("text", r.getMediaType().getType());
        assertEquals("plain", r.getMediaType().getSubtype());
    }

    @Test
    void aStartAnswersTheNewCase() {
        Response r =
                service.start(
                                new GatewayCaseApi.StartChat(
                                        "dana-" + UUID.randomUUID() + "@example.com",
                                        "Dana",
                                        "Kunde",
                                        Channel.WEB_CONNECT.name(),
                                        false),
                                null)
                        .await()
                        .atMost(WAIT);
        assertEquals(201, r.getStatus());
        CaseView view = r.readEntity(CaseView.class);
        assertEquals(CaseStatus.NEW, view.status());
        assertNull(view.owner());
    }

    @Test
    void anAgentOpensACaseWithTheirOwnToken() {
        CaseView view = agent.get(AGENT_BEARER, AGENTS).await().atMost(WAIT);
        assertEquals(AGENTS, view.caseId());
    }

    @Test
    void refusalsKeepTheirStatus() {
        assertEquals(404, status(() -> service.get(UNKNOWN).await().atMost(WAIT)));
        assertEquals(403, status(() -> agent.get(AGENT_BEARER, OTHERS).await().atMost(WAIT)));
    }

    @Test
    void aLostClaimIsAConflictNamingTheOwner() {
        WebApplicationException e =
                assertThrows(
                        WebApplicationException.class,
                        () -> agent.claim(AGENT_BEARER, OTHERS).await().atMost(WAIT));
        assertEquals(409, e.getResponse().getStatus());
        String body = e.getResponse().readEntity(String.class);
        assertEquals(true, body.contains("\"ALREADY_CLAIMED\""), body);
        assertEquals(true, body.contains("\"owner\""), body);
    }

    @Test
    void theConsolesListBeyondTheTilesPassesThroughTheProxyAsIs() {
        // ApiProxy forwards the console's call (query and the agent's own token) to case-service.
        given().header("Authorization", AGENT_BEARER)
                .get("/api/tiles?offset=7&limit=50")
                .then()
                .statusCode(200)
                .body("tiles[0].color", equalTo("orange"))
                .body("more", equalTo(0));
    }

    static final UUID NOT_CALLABLE = UUID.fromString("00000000-0000-0000-0000-0000000000dd");
    static final String NEVER = "never-offered";

    @Test
    void callReportsAnswerTheCallAsCaseServiceHoldsIt() {
        UUID id = UUID.randomUUID();
        GatewayCaseApi.CallState offered =
                service.reportCall(
                                id, "k1", new GatewayCaseApi.CallReport("OFFERED", "video", null))
                        .await()
                        .atMost(WAIT);
        assertEquals("video", offered.media());
        assertNull(offered.answeredAt());
        GatewayCaseApi.CallState started =
                service.reportCall(id, "k1", new GatewayCaseApi.CallReport("STARTED", null, null))
                        .await()
                        .atMost(WAIT);
        assertEquals(id, started.caseId());
        GatewayCaseApi.CallState ended =
                service.reportCall(
                                id,
                                "k1",
                                new GatewayCaseApi.CallReport("ENDED", null, "disconnected"))
                        .await()
                        .atMost(WAIT);
        assertEquals("disconnected", ended.endReason());
    }

    @Test
    void callReportsThatLogNothingAreRefusals() {
        assertEquals(
                409,
                status(
                        () ->
                                service.reportCall(
                                                NOT_CALLABLE,
                                                "k2",
                                                new GatewayCaseApi.CallReport(
                                                        "OFFERED", "audio", null))
                                        .await()
                                        .atMost(WAIT)));
        assertEquals(
                404,
                status(
                        () ->
                                service.reportCall(
                                                UUID.randomUUID(),
                                                NEVER,
                                                new GatewayCaseApi.CallReport("ENDED", null, null))
                                        .await()
                                        .atMost(WAIT)));
    }

    /** A Case the contracts hold as rated already ("rated-case"). */
    static final UUID RATED = UUID.fromString("00000000-0000-0000-0000-0000000000ee");

    @Test
    void aRatingAnswersTheRatedCaseAndASecondOneIsAConflict() {
        UUID id = UUID.randomUUID();
        CaseView rated =
                service.rate(id, new GatewayCaseApi.Rating(IntNode.valueOf(5), "Quick and kind."))
                        .await()
                        .atMost(WAIT);
        assertEquals(id, rated.caseId());
        assertEquals(5, rated.rating().score());
        assertEquals(CaseStatus.RESOLVED, rated.status());
        assertEquals(
                409,
                status(
                        () ->
                                service.rate(
                                                RATED,
                                                new GatewayCaseApi.Rating(IntNode.valueOf(1), null))
                                        .await()
                                        .atMost(WAIT)));
    }

    private static int status(Runnable call) {
        return assertThrows(WebApplicationException.class, call::run).getResponse().getStatus();
    }

    /** case-service as the contracts describe it, at the URL the clients use. */
    public static class Stub implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            stub =
                    new ContractStub(
                            Contract.between("chat-gateway", "case-service"),
                            r -> {
                                String id = r.values().get("caseId");
                                String callId = r.values().get("callId");
                                if (callId != null) {
                                    return callState(id, callId, r.body());
                                }
                                if (r.body() != null && r.body().contains("\"score\"")) {
                                    return RATED.toString().equals(id)
                                            ? "rated-case"
                                            : "resolved-case";
                                }
                                if (id == null) {
                                    // A start has a body; the tiles page (a GET) has none.
                                    return r.body() == null || r.body().isBlank()
                                            ? "more-than-seven-visible"
                                            : "new-contact";
                                }
                                if (UNKNOWN.toString().equals(id)) {
                                    return "no-such-case";
                                }
                                if (OTHERS.toString().equals(id)) {
                                    return "case-of-another-agent";
                                }
                                return AGENTS.toString().equals(id)
                                        ? "case-visible-to-agent"
                                        : "open-case";
                            });
            return Map.of(
                    "quarkus.rest-client.case-service.url",
                    stub.url(),
                    "gateway.upstreams.case-service",
                    stub.url());
        }

        /** The state a call report assumes: by Case, callId and event. */
        private static String callState(String caseId, String callId, String body) {
            if (NOT_CALLABLE.toString().equals(caseId)) {
                return "open-case";
            }
            if (NEVER.equals(callId)) {
                return "no-such-call";
            }
            if (body.contains("\"OFFERED\"")) {
                return "owned-sdk-case";
            }
            return body.contains("\"STARTED\"") ? "offered-call" : "answered-call";
        }

        @Override
        public void stop() {
            stub.close();
        }
    }
}
