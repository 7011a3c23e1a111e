package io.chatcases.gateway.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/**
 * POST /api/chats refuses a bad identity with 401 and a code before anything reaches case-service;
 * the demo signer does not exist unless switched on.
 */
@QuarkusTest
class ChatStartIdentityTest {

    private static io.restassured.response.ValidatableResponse start(String identity) {
        return given().contentType("application/json")
                .body(
                        Map.of(
                                "email", "shopper@example.com",
                                "firstName", "Sam",
                                "lastName", "Shopper",
                                "channel", "WEB_CONNECT",
                                "identity", identity))
                .post("/api/chats")
                .then();
    }

    @Test
    void aForgedIdentityIs401WithACode() {
        String foreign =
                IdentityTokensTest.sign(
                        "another-site-secret-that-is-long-enough-0123456789",
                        AlgorithmIdentifiers.HMAC_SHA256,
                        Map.of());
        start(foreign)
                .statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("IDENTITY_INVALID"));
    }

    @Test
    void anExpiredIdentityIs401Expired() {
        long now = NumericDate.now().getValue();
        start(
                        IdentityTokensTest.sign(
                                IdentityTokensTest.WEB_SECRET,
                                AlgorithmIdentifiers.HMAC_SHA256,
                                Map.of("iat", now - 400, "exp", now - 100)))
                .statusCode(401)
                .body("code", equalTo("IDENTITY_EXPIRED"));
    }

    @Test
    void theDemoSignerIsNotFoundWhenOff() {
        given().contentType("application/json")
                .body(Map.of("email", "a@example.com", "firstName", "A", "lastName", "B"))
                .post("/api/demo/identity")
                .then()
                .statusCode(404);
    }
}
