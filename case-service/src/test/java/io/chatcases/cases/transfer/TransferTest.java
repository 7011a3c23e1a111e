package io.chatcases.cases.transfer;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.cases.domain.CaseTransitions;
import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Transfer and unassign over HTTP with real Keycloak tokens: who may, what the customer reads,
 * whose tiles show the Case, and races against concurrent claims (many rounds, real threads).
 */
@QuarkusTest
class TransferTest {
    @Inject CaseService cases;

    private final Map<String, String> ids = new java.util.HashMap<>();

    @BeforeEach
    void agentsHaveSignedIn() {
        // A console connect loads the tiles: that is how case-service learns of an agent.
        for (String agent : List.of("alice", "bob", "carol")) {
            given().auth().oauth2(Tokens.of(agent)).get("/tiles").then().statusCode(200);
        }
        // By token subject, not by first name: service-level fixtures record "Alice Tester" too.
        List<String> listed = AgentListTest.listed("alice");
        for (String agent : List.of("alice", "bob", "carol")) {
            String id = Tokens.subject(agent);
            if (listed.contains(id)) {
                ids.put(agent, id);
            }
        }
        assertTrue(ids.keySet().containsAll(List.of("alice", "bob", "carol")), ids.toString());
    }

    private static Response post(String user, String path, Object id, Object body) {
        var r = given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON);
        return (body == null ? r : r.body(body)).post(path, id);
    }

    private ChatCase claimedBy(String agent) {
        ChatCase c = Fixtures.startCase(cases);
        post(agent, "/cases/{id}/claim", c.id, null).then().statusCode(200);
        return c;
    }

    private static List<Map<String, Object>> messages(Object caseId) {
        return given().auth()
                .oauth2(Tokens.of("admin"))
                .get("/cases/{id}/messages?after=0", caseId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    /** Whether the Case is in the agent's conversations list view (found by its number). */
    private static boolean listed(String agent, String view, ChatCase c) {
        return given().auth()
                .oauth2(Tokens.of(agent))
                .queryParam("view", view)
                .queryParam("q", "#" + c.number)
                .get("/cases/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("cases.case.caseId")
                .contains(c.id.toString());
    }

    @Test
    void theOwnerHandsTheCaseToBobAndTheCustomerIsToldHisName() {
        ChatCase c = claimedBy("alice");
        Response r = post("alice", "/cases/{id}/transfer", c.id, Map.of("agentId", ids.get("bob")));
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(ids.get("bob"), r.jsonPath().getString("owner.id"));
        assertEquals("READY", r.jsonPath().getString("status"));
        String bobName =
                r.jsonPath().getString("owner.firstName")
                        + " "
                        + r.jsonPath().getString("owner.lastName");
        assertTrue(bobName.startsWith("Bob "), bobName);
        Map<String, Object> last = messages(c.id).get(messages(c.id).size() - 1);
        assertEquals("SYSTEM", last.get("kind"));
        assertEquals("You are now chatting with " + bobName, last.get("text"));

        // From now on it is Bob's: his, no longer Alice's; Bob resolves, Alice may not.
        assertTrue(listed("bob", "mine", c));
        assertTrue(!listed("alice", "all", c));
        post("alice", "/cases/{id}/resolve", c.id, null).then().statusCode(403);
        post("bob", "/cases/{id}/resolve", c.id, null).then().statusCode(200);
    }

    @Test
    void refusalsNameWhatIsWrong() {
        ChatCase c = claimedBy("alice");
        Response notOwner =
                post("bob", "/cases/{id}/transfer", c.id, Map.of("agentId", ids.get("bob")));
        assertEquals(403, notOwner.statusCode());
        assertEquals("FORBIDDEN", notOwner.jsonPath().getString("code"));
        Response unknown =
                post("alice", "/cases/{id}/transfer", c.id, Map.of("agentId", "nobody-here"));
        assertEquals(400, unknown.statusCode());
        assertEquals("agentId", unknown.jsonPath().getString("violations[0].field"));
        Response missing = post("alice", "/cases/{id}/transfer", c.id, Map.of());
        assertEquals(400, missing.statusCode());
        post("bob", "/cases/{id}/unassign", c.id, null).then().statusCode(403);
        // Handing it to its owner changes nothing (no message).
        int before = messages(c.id).size();
        post("alice", "/cases/{id}/transfer", c.id, Map.of("agentId", ids.get("alice")))
                .then()
                .statusCode(200);
        assertEquals(before, messages(c.id).size());

        ChatCase fresh = Fixtures.startCase(cases);
        Response notReady = post("admin", "/cases/{id}/unassign", fresh.id, null);
        assertEquals(409, notReady.statusCode());
        assertEquals("CONFLICT", notReady.jsonPath().getString("code"));
    }

    @Test
    void unassignPutsTheCaseBackInTheQueueForAnyone() {
        ChatCase c = claimedBy("alice");
        Response r = post("alice", "/cases/{id}/unassign", c.id, null);
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals("NEW", r.jsonPath().getString("status"));
        assertNull(r.jsonPath().get("owner"));
        assertEquals(
                CaseTransitions.UNASSIGNED_TEXT,
                messages(c.id).get(messages(c.id).size() - 1).get("text"));
        assertTrue(listed("carol", "waiting", c));
        post("carol", "/cases/{id}/claim", c.id, null).then().statusCode(200);
    }

    /**
     * The owner returns the Case to the queue while two others claim it, all at once, many times: a
     * claim wins only after the unassign, at most one wins, and the conversation holds exactly one
     * system message per change that was answered 200.
     */
    @Test
    void unassignRacingClaimsNeverGivesTwoOwners() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 25; round++) {
                ChatCase c = claimedBy("alice");
                CyclicBarrier start = new CyclicBarrier(3);
                List<Callable<Response>> calls =
                        List.of(
                                () -> {
                                    start.await();
                                    return post("alice", "/cases/{id}/unassign", c.id, null);
                                },
                                () -> {
                                    start.await();
                                    return post("bob", "/cases/{id}/claim", c.id, null);
                                },
                                () -> {
                                    start.await();
                                    return post("carol", "/cases/{id}/claim", c.id, null);
                                });
                List<Future<Response>> futures = new ArrayList<>();
                for (Callable<Response> call : calls) {
                    futures.add(pool.submit(call));
                }
                Response unassign = futures.get(0).get();
                List<Response> claims = List.of(futures.get(1).get(), futures.get(2).get());
                assertEquals(
                        200, unassign.statusCode(), "round " + round + ": " + unassign.asString());
                long won = claims.stream().filter(x -> x.statusCode() == 200).count();
                assertTrue(won <= 1, "round " + round + ": two claims won");
                claims.stream()
                        .filter(x -> x.statusCode() != 200)
                        .forEach(x -> assertEquals(409, x.statusCode(), x.asString()));

                Response now = given().auth().oauth2(Tokens.of("admin")).get("/cases/{id}", c.id);
                String status = now.jsonPath().getString("status");
                if (won == 1) {
                    String winner = claims.get(0).statusCode() == 200 ? "bob" : "carol";
                    assertEquals("READY", status);
                    assertEquals(ids.get(winner), now.jsonPath().getString("owner.id"));
                } else {
                    assertEquals("NEW", status, "round " + round);
                }
                long system =
                        messages(c.id).stream().filter(m -> "SYSTEM".equals(m.get("kind"))).count();
                // The first claim, the unassign, and a winning claim.
                assertEquals(2 + won, system, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
