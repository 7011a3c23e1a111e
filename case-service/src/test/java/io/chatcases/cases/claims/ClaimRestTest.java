package io.chatcases.cases.claims;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Claims over HTTP with real Keycloak tokens of three agents. */
@QuarkusTest
class ClaimRestTest {
    @Inject CaseService cases;

    @Test
    void racingAgentsGetOneWinnerAndConflictsNamingTheOwner() throws Exception {
        List<String> agents = List.of("alice", "bob", "carol");
        ExecutorService pool = Executors.newFixedThreadPool(agents.size());
        try {
            for (int round = 0; round < 20; round++) {
                ChatCase c = Fixtures.startCase(cases);
                CyclicBarrier start = new CyclicBarrier(agents.size());
                List<Future<Response>> calls = new ArrayList<>();
                for (String agent : agents) {
                    String token = Tokens.of(agent);
                    calls.add(
                            pool.submit(
                                    () -> {
                                        start.await();
                                        return given().auth()
                                                .oauth2(token)
                                                .post("/cases/{id}/claim", c.id);
                                    }));
                }
                List<Response> responses = new ArrayList<>();
                for (Future<Response> f : calls) {
                    responses.add(f.get());
                }
                List<Response> ok = responses.stream().filter(r -> r.statusCode() == 200).toList();
                assertEquals(1, ok.size(), "exactly one 200 in round " + round);
                String ownerFirst = ok.get(0).jsonPath().getString("owner.firstName");
                for (Response r : responses) {
                    if (r.statusCode() != 200) {
                        assertEquals(409, r.statusCode());
                        assertEquals("ALREADY_CLAIMED", r.jsonPath().getString("code"));
                        assertEquals(ownerFirst, r.jsonPath().getString("owner.firstName"));
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void claimingMyOwnCaseAgainIsANoOp() {
        ChatCase c = Fixtures.startCase(cases);
        String alice = Tokens.of("alice");
        given().auth().oauth2(alice).post("/cases/{id}/claim", c.id).then().statusCode(200);
        given().auth()
                .oauth2(alice)
                .post("/cases/{id}/claim", c.id)
                .then()
                .statusCode(200)
                .body("owner.firstName", equalTo("Alice"))
                .body("owner.lastName", equalTo("Anderson"))
                .body("lastSeq", equalTo(1));
    }

    @Test
    void theWinnersClaimTellsTheCustomerTheOwnersFullName() {
        ChatCase c = Fixtures.startCase(cases);
        given().auth()
                .oauth2(Tokens.of("bob"))
                .post("/cases/{id}/claim", c.id)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(Tokens.of("bob"))
                .get("/cases/{id}/messages", c.id)
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].kind", equalTo("SYSTEM"))
                .body("[0].seq", equalTo(1))
                .body("[0].text", equalTo("You are now chatting with Bob Baker"));
    }
}
