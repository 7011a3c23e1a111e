package io.chatcases.cases.starts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;

import io.chatcases.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An empty cases.greeting (the test profile's setting) switches the greeting off. */
@QuarkusTest
class GreetingOffTest {
    @Test
    void withAnEmptyGreetingANewCaseHasNoMessages() {
        String email = "no-greet-" + UUID.randomUUID() + "@example.com";
        String caseId =
                IdempotencyKeyTest.start(email, null)
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("caseId");
        given().auth()
                .oauth2(Tokens.service())
                .get("/cases/" + caseId + "/messages")
                .then()
                .statusCode(200)
                .body("$", empty());
    }
}
