package io.chatcases.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatcases.gateway.client.CustomerTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * case-service does not answer at all (nothing listens on its port): the customer's REST calls and
 * the agents' calls the gateway proxies get a 503 problem with {@code UNAVAILABLE} and {@code
 * Retry-After}, not a bare 500 or an empty 502, so the widget and the console know to retry.
 */
@QuarkusTest
@TestProfile(CaseServiceDownTest.Down.class)
class CaseServiceDownTest {
    public static class Down implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.upstreams.case-service", "http://127.0.0.1:9");
        }
    }

    @Inject CustomerTokens tokens;

    @Test
    void startingAChatIsAnsweredWithTryAgainLater() {
        Response r =
                given().contentType(ContentType.JSON)
                        .body(
                                Map.of(
                                        "email", "down@example.test",
                                        "firstName", "Dana",
                                        "lastName", "Down",
                                        "channel", "WEB_CONNECT"))
                        .post("/api/chats");
        assertUnavailable(r);
    }

    @Test
    void readingTheConversationIsAnsweredWithTryAgainLater() {
        UUID caseId = UUID.randomUUID();
        Response r =
                given().auth()
                        .oauth2(tokens.issue(caseId))
                        .get("/api/chats/" + caseId + "/messages?after=0");
        assertUnavailable(r);
    }

    @Test
    void anAgentsProxiedCallIsAnsweredWithTryAgainLater() {
        // /api/tiles is proxied to case-service as it is (the token is case-service's to check).
        assertUnavailable(given().auth().oauth2("any-agent-token").get("/api/tiles"));
        assertUnavailable(
                given().auth().oauth2("any-agent-token").get("/api/cases/" + UUID.randomUUID()));
    }

    private static void assertUnavailable(Response r) {
        assertEquals(503, r.statusCode(), r.asString());
        assertEquals("application/problem+json", r.contentType());
        assertEquals("UNAVAILABLE", r.jsonPath().getString("code"));
        assertEquals(UnreachableMapper.RETRY_AFTER_SECONDS, r.header("Retry-After"));
    }
}
