package io.chatcases.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Every answer of the public origin forbids framing (the console included). */
@QuarkusTest
class SecurityHeadersTest {

    @Test
    void answersMayNotBeFramed() {
        for (String path : new String[] {"/", "/api/config", "/widget.js"}) {
            given().when()
                    .get(path)
                    .then()
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Frame-Options", equalTo("DENY"))
                    .header("X-Content-Type-Options", equalTo("nosniff"));
        }
    }

    @Test
    void anOversizedChatStartIsRefusedBeforeItIsRead() {
        given().contentType("application/json")
                .body("{\"email\":\"" + "x".repeat(5000) + "@example.com\"}")
                .when()
                .post("/api/chats")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("TOO_LARGE"));
    }
}
