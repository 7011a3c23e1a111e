package io.chatcases.cases.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.chatcases.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A body naming a field twice is the caller's mistake: 400, never 500 (HostileInputIT). */
@QuarkusTest
class DuplicateKeyBodyTest {

    @Test
    void aReadMarkWithSeqTwiceIsABadRequest() {
        given().auth()
                .oauth2(Tokens.of("alice"))
                .contentType("application/json")
                .body("{\"seq\":1,\"seq\":2}")
                .post("/cases/{id}/read", UUID.randomUUID())
                .then()
                .statusCode(400)
                .body("code", equalTo("BAD_REQUEST"));
    }

    @Test
    void aQuickReplyWithAFieldTwiceIsABadRequest() {
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType("application/json")
                .body("{\"title\":\"a\",\"title\":\"b\",\"body\":\"x\"}")
                .post("/quick-replies")
                .then()
                .statusCode(400)
                .body("code", equalTo("BAD_REQUEST"));
    }
}
