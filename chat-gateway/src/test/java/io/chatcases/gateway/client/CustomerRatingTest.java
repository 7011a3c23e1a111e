package io.chatcases.gateway.client;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatcases.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The customer rates their chat through the gateway (rest/ChatResource) with the customer token the
 * gateway issued for that Case: only their own Case, and case-service's answers (as its contracts
 * describe them) reach them unchanged. The double refuses any request no contract covers, so a
 * refusal the gateway must make itself cannot leak through to case-service.
 */
@QuarkusTest
@QuarkusTestResource(value = CaseServiceContractsTest.Stub.class, restrictToAnnotatedClass = true)
class CustomerRatingTest {
    @Inject CustomerTokens tokens;

    @AfterEach
    void noRequestOutsideTheContracts() {
        assertEquals(List.of(), CaseServiceContractsTest.stub.violations());
    }

    private static Response rate(String token, UUID caseId, Object body) {
        var r = given().contentType(ContentType.JSON);
        if (token != null) {
            r = r.auth().oauth2(token);
        }
        return (body == null ? r : r.body(body)).post("/api/chats/{id}/rating", caseId);
    }

    @Test
    void theCustomerRatesTheirResolvedChat() {
        UUID mine = UUID.randomUUID();
        Response r = rate(tokens.issue(mine), mine, Map.of("score", 5, "comment", "Thanks"));
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(mine.toString(), r.jsonPath().getString("caseId"));
        assertEquals(5, r.jsonPath().getInt("rating.score"));
    }

    @Test
    void aCustomerCannotRateAnotherCustomersCase() {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        Response r = rate(tokens.issue(mine), theirs, Map.of("score", 1));
        assertEquals(403, r.statusCode(), r.asString());
        assertEquals("FORBIDDEN", r.jsonPath().getString("code"));
        assertEquals("This token is for another Case.", r.jsonPath().getString("detail"));
    }

    @Test
    void withoutACustomerTokenNobodyRates() {
        UUID id = UUID.randomUUID();
        assertEquals(401, rate(null, id, Map.of("score", 5)).statusCode());
        // An agent's token is no customer token: agents never rate for the customer.
        Response agent = rate(Tokens.of("alice"), id, Map.of("score", 5));
        assertEquals(401, agent.statusCode(), agent.asString());
        assertEquals("UNAUTHORIZED", agent.jsonPath().getString("code"));
    }

    @Test
    void aSecondRatingIsRefusedAsCaseServiceRefusesIt() {
        UUID rated = CaseServiceContractsTest.RATED;
        Response r = rate(tokens.issue(rated), rated, Map.of("score", 1));
        assertEquals(409, r.statusCode(), r.asString());
        assertEquals("CONFLICT", r.jsonPath().getString("code"));
    }

    @Test
    void aRatingWithoutABodyIsRefusedByTheGateway() {
        UUID mine = UUID.randomUUID();
        Response r = rate(tokens.issue(mine), mine, null);
        assertEquals(400, r.statusCode(), r.asString());
        assertEquals("body", r.jsonPath().getString("violations[0].field"));
    }
}
