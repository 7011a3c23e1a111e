package io.chatcases.cases.ratings;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.support.CaseEventsTopic;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.events.EventType;
import io.chatcases.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The customer's satisfaction rating over HTTP with real Keycloak tokens: the gateway (service
 * identity) rates a resolved Case once; the rating travels in the Case view and in case.rated.
 */
@QuarkusTest
class RatingTest {
    @Inject CaseService cases;

    static Response rate(String token, Object caseId, Object body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/cases/{id}/rating", caseId);
    }

    static Map<String, Object> rating(Object score, String comment) {
        Map<String, Object> body = new HashMap<>();
        body.put("score", score);
        body.put("comment", comment);
        return body;
    }

    /** A Case alice claimed and, unless {@code resolve} is false, resolved. */
    ChatCase handled(boolean resolve) {
        ChatCase c = Fixtures.startCase(cases);
        given().auth()
                .oauth2(Tokens.of("alice"))
                .post("/cases/{id}/claim", c.id)
                .then()
                .statusCode(200);
        if (resolve) {
            given().auth()
                    .oauth2(Tokens.of("alice"))
                    .post("/cases/{id}/resolve", c.id)
                    .then()
                    .statusCode(200);
        }
        return c;
    }

    @Test
    void aResolvedCaseIsRatedOnceAndItsViewCarriesTheRating() {
        ChatCase c = handled(true);
        String alice = Tokens.of("alice");
        assertNull(given().auth().oauth2(alice).get("/cases/{id}", c.id).jsonPath().get("rating"));

        Response r = rate(Tokens.service(), c.id, rating(5, "  Quick and kind.  "));
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(5, r.jsonPath().getInt("rating.score"));
        assertEquals("Quick and kind.", r.jsonPath().getString("rating.comment"));

        Response seen = given().auth().oauth2(alice).get("/cases/{id}", c.id);
        assertEquals(5, seen.jsonPath().getInt("rating.score"));
        assertEquals("Quick and kind.", seen.jsonPath().getString("rating.comment"));
        assertTrue(seen.jsonPath().getString("rating.ratedAt").endsWith("Z"));

        Response again = rate(Tokens.service(), c.id, rating(1, null));
        assertEquals(409, again.statusCode(), again.asString());
        assertEquals("CONFLICT", again.jsonPath().getString("code"));
        assertEquals(
                5,
                given().auth()
                        .oauth2(alice)
                        .get("/cases/{id}", c.id)
                        .jsonPath()
                        .getInt("rating.score"));

        var events =
                CaseEventsTopic.awaitEvents(
                        Set.of(c.id.toString()),
                        es -> es.stream().anyMatch(e -> e.type() == EventType.CASE_RATED),
                        Duration.ofSeconds(15));
        var rated = events.stream().filter(e -> e.type() == EventType.CASE_RATED).toList();
        assertEquals(1, rated.size(), events.toString());
        assertEquals(5, rated.get(0).payload().at("/case/rating/score").asInt());
        assertEquals("Quick and kind.", rated.get(0).payload().at("/case/rating/comment").asText());
    }

    @Test
    void aBlankCommentIsNoCommentAndEmojiCountAsOneCharacterEach() {
        ChatCase blank = handled(true);
        Response r = rate(Tokens.service(), blank.id, rating(3, "   "));
        assertEquals(200, r.statusCode(), r.asString());
        assertNull(r.jsonPath().get("rating.comment"));

        ChatCase emoji = handled(true);
        Response full = rate(Tokens.service(), emoji.id, rating(4, "🙂".repeat(1000)));
        assertEquals(200, full.statusCode(), full.asString());
        assertEquals(2000, full.jsonPath().getString("rating.comment").length());
    }

    @Test
    void badScoresAndLongCommentsAreRefusedNamingTheField() {
        ChatCase c = handled(true);
        for (Object score : new Object[] {0, 6, -1, 4.5, "4", null, 3_000_000_000L}) {
            Response r = rate(Tokens.service(), c.id, rating(score, null));
            assertEquals(400, r.statusCode(), score + ": " + r.asString());
            assertEquals("BAD_REQUEST", r.jsonPath().getString("code"));
            assertEquals(List.of("score"), r.jsonPath().getList("violations.field"), "" + score);
        }
        Response longComment = rate(Tokens.service(), c.id, rating(4, "x".repeat(1001)));
        assertEquals(400, longComment.statusCode());
        assertEquals(List.of("comment"), longComment.jsonPath().getList("violations.field"));
        assertEquals(
                "The comment is limited to 1,000 characters.",
                longComment.jsonPath().getString("violations[0].message"));
        Response both = rate(Tokens.service(), c.id, rating(9, "x".repeat(1001)));
        assertEquals(List.of("score", "comment"), both.jsonPath().getList("violations.field"));
        Response noBody =
                given().auth()
                        .oauth2(Tokens.service())
                        .contentType(ContentType.JSON)
                        .post("/cases/{id}/rating", c.id);
        assertEquals(400, noBody.statusCode(), noBody.asString());

        // None of the refusals was stored: the first good rating still counts.
        assertEquals(200, rate(Tokens.service(), c.id, rating(2, null)).statusCode());
    }

    @Test
    void onlyAResolvedCaseIsRatedAndOnlyThroughTheGateway() {
        ChatCase open = handled(false);
        Response notYet = rate(Tokens.service(), open.id, rating(4, null));
        assertEquals(409, notYet.statusCode(), notYet.asString());
        assertTrue(notYet.jsonPath().getString("detail").contains("READY"));

        ChatCase c = handled(true);
        // Agents and admins never rate for the customer.
        assertEquals(403, rate(Tokens.of("alice"), c.id, rating(5, null)).statusCode());
        assertEquals(403, rate(Tokens.of("admin"), c.id, rating(5, null)).statusCode());
        assertEquals(
                401,
                given().contentType(ContentType.JSON)
                        .body(rating(5, null))
                        .post("/cases/{id}/rating", c.id)
                        .statusCode());
        Response unknown = rate(Tokens.service(), java.util.UUID.randomUUID(), rating(5, null));
        assertEquals(404, unknown.statusCode());
        assertNull(
                given().auth()
                        .oauth2(Tokens.of("alice"))
                        .get("/cases/{id}", c.id)
                        .jsonPath()
                        .get("rating"));
    }
}
