package io.chatcases.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.chatcases.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Starting chats. The test profile points the contact-service client at a closed port, so these
 * tests also prove that a chat starts while contact-service is down.
 */
@QuarkusTest
class StartChatTest {

    private static Response start(String email, String channel) {
        return given().auth()
                .oauth2(Tokens.service())
                .contentType("application/json")
                .body(
                        "{\"email\":\""
                                + email
                                + "\",\"firstName\":\"Dana\",\"lastName\":\"Doe\",\"channel\":\""
                                + channel
                                + "\"}")
                .post("/cases");
    }

    @Test
    void aChatStartsUnmatchedWhileContactServiceIsDown() {
        String email = "Dana-" + UUID.randomUUID() + "@Example.com ";
        start(email, "WEB_CONNECT")
                .then()
                .statusCode(201)
                .body("status", equalTo("NEW"))
                .body("contact.id", nullValue())
                .body("contact.firstName", equalTo("Dana"))
                .body("contact.email", equalTo(email.trim().toLowerCase()))
                .body("lastSeq", equalTo(0));
    }

    @Test
    void aTypedEmailNeverResumesAnotherOpenCase() {
        String email = "twice-" + UUID.randomUUID() + "@example.com";
        String first = start(email, "WEB_CONNECT").then().statusCode(201).extract().path("caseId");
        String second =
                start(email.toUpperCase(), "WEB_CONNECT")
                        .then()
                        .statusCode(201)
                        .body("contact.email", equalTo(email))
                        .extract()
                        .path("caseId");
        org.junit.jupiter.api.Assertions.assertNotEquals(first, second);
    }
}
