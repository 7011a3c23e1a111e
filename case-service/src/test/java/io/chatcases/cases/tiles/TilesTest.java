package io.chatcases.cases.tiles;

import static io.chatcases.cases.support.Fixtures.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.cases.support.IngestTopic;
import io.chatcases.testing.Tokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /tiles with real agents' tokens over a known set of Cases. */
@QuarkusTest
class TilesTest {
    @Inject CaseService cases;

    @BeforeEach
    void noOtherOpenCases() {
        // Tiles show every NEW Case: start from a database with none left by other tests.
        Fixtures.execute(
                "UPDATE chat_case SET status = 'CLOSED', owner_id = coalesce(owner_id, 'cleanup')"
                        + " WHERE status IN ('NEW', 'READY')");
    }

    @Test
    void anEighthWaitingCaseIsCountedNotShownAndTilesGoOldestFirst() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(Fixtures.startCase(cases).id.toString());
        }
        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/tiles")
                .then()
                .statusCode(200)
                .body("tiles.size()", equalTo(7))
                .body("more", equalTo(1))
                .body("tiles.case.caseId", contains(ids.subList(0, 7).toArray()))
                .body("tiles.color", everyItem(equalTo("orange")));
    }

    @Test
    void theCasesBeyondTheRowComePageByPageOldestFirstAndCountWhatFollows() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(Fixtures.startCase(cases).id.toString());
        }
        String alice = Tokens.of("alice");
        given().auth()
                .oauth2(alice)
                .get("/tiles?offset=7&limit=50")
                .then()
                .statusCode(200)
                .body("tiles.case.caseId", contains(ids.subList(7, 10).toArray()))
                .body("tiles.color", everyItem(equalTo("orange")))
                .body("more", equalTo(0));
        given().auth()
                .oauth2(alice)
                .get("/tiles?offset=7&limit=2")
                .then()
                .statusCode(200)
                .body("tiles.case.caseId", contains(ids.subList(7, 9).toArray()))
                .body("more", equalTo(1));
        given().auth()
                .oauth2(alice)
                .get("/tiles?offset=0&limit=100")
                .then()
                .statusCode(200)
                .body("tiles.case.caseId", contains(ids.toArray()))
                .body("more", equalTo(0));
        given().auth()
                .oauth2(alice)
                .get("/tiles?offset=20")
                .then()
                .statusCode(200)
                .body("tiles.size()", equalTo(0))
                .body("more", equalTo(0));
    }

    @Test
    void beyondTheRowAnAgentSeesUnassignedAndOwnCasesButNeverAnotherAgents() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(Fixtures.startCase(cases).id.toString());
        }
        String alice = Tokens.of("alice");
        String bob = Tokens.of("bob");
        // Beyond the row: the 9th is Bob's, the 10th Alice's.
        given().auth().oauth2(bob).post("/cases/{id}/claim", ids.get(8)).then().statusCode(200);
        given().auth().oauth2(alice).post("/cases/{id}/claim", ids.get(9)).then().statusCode(200);

        given().auth()
                .oauth2(alice)
                .get("/tiles?offset=7&limit=50")
                .then()
                .statusCode(200)
                .body("tiles.case.caseId", contains(ids.get(7), ids.get(9)))
                .body("tiles.color", contains("orange", "blue"))
                .body("more", equalTo(0));
        given().auth()
                .oauth2(bob)
                .get("/tiles?offset=7&limit=50")
                .then()
                .statusCode(200)
                .body("tiles.case.caseId", contains(ids.get(7), ids.get(8)))
                .body("tiles.color", contains("orange", "blue"));
        given().auth()
                .oauth2(Tokens.of("carol"))
                .get("/tiles?offset=7&limit=50")
                .then()
                .statusCode(200)
                .body("tiles.case.caseId", contains(ids.get(7)));
    }

    @Test
    void aPageOutsideItsBoundsIsABadRequestNamingTheParameter() {
        String alice = Tokens.of("alice");
        for (String query :
                List.of("limit=0", "limit=101", "limit=abc", "offset=-1", "offset=1e3")) {
            String field = query.substring(0, query.indexOf('='));
            given().auth()
                    .oauth2(alice)
                    .get("/tiles?" + query)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("BAD_REQUEST"))
                    .body("violations[0].field", equalTo(field));
        }
        given().get("/tiles?offset=7").then().statusCode(401);
    }

    @Test
    void aCaseClaimedByAnotherAgentLeavesMyTilesAndResolvingRemovesItFromTheOwners() {
        ChatCase c = Fixtures.startCase(cases);
        String alice = Tokens.of("alice");
        String bob = Tokens.of("bob");
        given().auth()
                .oauth2(alice)
                .get("/tiles")
                .then()
                .body("tiles.case.caseId", hasItem(c.id.toString()));

        given().auth().oauth2(bob).post("/cases/{id}/claim", c.id).then().statusCode(200);
        given().auth()
                .oauth2(alice)
                .get("/tiles")
                .then()
                .body("tiles.case.caseId", not(hasItem(c.id.toString())));
        given().auth()
                .oauth2(bob)
                .get("/tiles")
                .then()
                .body("tiles.find { it.case.caseId == '" + c.id + "' }.color", equalTo("blue"));

        given().auth().oauth2(bob).post("/cases/{id}/resolve", c.id).then().statusCode(200);
        given().auth()
                .oauth2(bob)
                .get("/tiles")
                .then()
                .body("tiles.case.caseId", not(hasItem(c.id.toString())));
    }

    @Test
    void aCustomerMessageSetsMyBadgeUntilMyReadMarkCoversIt() throws Exception {
        ChatCase c = Fixtures.startCase(cases);
        String carol = Tokens.of("carol");
        given().auth().oauth2(carol).post("/cases/{id}/claim", c.id).then().statusCode(200);
        String tile = "tiles.find { it.case.caseId == '" + c.id + "' }";
        given().auth().oauth2(carol).get("/tiles").then().body(tile + ".unread", equalTo(false));

        try (IngestTopic ingest = new IngestTopic()) {
            ingest.send(IngestTopic.customerText(c.id, "q-1", "are you there?"));
        }
        awaitLastSeq(c, 2);
        given().auth().oauth2(carol).get("/tiles").then().body(tile + ".unread", equalTo(true));

        given().auth()
                .oauth2(carol)
                .contentType("application/json")
                .body("{\"seq\": 1}")
                .post("/cases/{id}/read", c.id)
                .then()
                .statusCode(200)
                .body("seq", equalTo(1));
        given().auth().oauth2(carol).get("/tiles").then().body(tile + ".unread", equalTo(true));

        given().auth()
                .oauth2(carol)
                .contentType("application/json")
                .body("{}")
                .post("/cases/{id}/read", c.id)
                .then()
                .statusCode(200)
                .body("seq", equalTo(2));
        given().auth().oauth2(carol).get("/tiles").then().body(tile + ".unread", equalTo(false));
    }

    private static void awaitLastSeq(ChatCase c, long seq) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            ChatCase now =
                    await(() -> Panache.withSession(() -> ChatCase.<ChatCase>findById(c.id)));
            if (now.lastSeq >= seq) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("message not ingested");
    }
}
