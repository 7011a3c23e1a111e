package io.chatcases.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
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

    static Response start(String email, String channel, Boolean verified) {
        return given().auth()
                .oauth2(Tokens.service())
                .contentType("application/json")
                .body(
                        "{\"email\":\""
                                + email
                                + "\",\"firstName\":\"Dana\",\"lastName\":\"Doe\",\"channel\":\""
                                + channel
                                + "\""
                                + (verified == null ? "" : ",\"emailVerified\":" + verified)
                                + "}")
                .post("/cases");
    }

    @Test
    void aChatStartsUnmatchedWhileContactServiceIsDown() {
        String email = "Dana-" + UUID.randomUUID() + "@Example.com ";
        start(email, "WEB_CONNECT", null)
                .then()
                .statusCode(201)
                .body("status", equalTo("NEW"))
                .body("contact.id", nullValue())
                .body("contact.firstName", equalTo("Dana"))
                .body("contact.email", equalTo(email.trim().toLowerCase()))
                .body("emailVerified", equalTo(false))
                .body("lastSeq", equalTo(0));
    }

    @Test
    void aTypedEmailNeverResumesAnOpenCase() {
        String email = "twice-" + UUID.randomUUID() + "@example.com";
        String first =
                start(email, "WEB_CONNECT", null).then().statusCode(201).extract().path("caseId");
        start(email, "WEB_CONNECT", null)
                .then()
                .statusCode(201)
                .body("caseId", not(equalTo(first)))
                .body("emailVerified", equalTo(false));
        // Claiming to be verified is up to the gateway; a plain false is the same as absent.
        start(email.toUpperCase(), "WEB_CONNECT", false)
                .then()
                .statusCode(201)
                .body("caseId", not(equalTo(first)));
    }

    @Test
    void aVerifiedStartResumesOnlyAVerifiedOpenCaseOnThatChannel() {
        String email = "verified-" + UUID.randomUUID() + "@example.com";
        // An unverified Case exists first (somebody typed the email): a verified start does not
        // take it over, because its token is in the typist's hands.
        String typed =
                start(email, "WEB_CONNECT", null).then().statusCode(201).extract().path("caseId");
        String verified =
                start(email, "WEB_CONNECT", true)
                        .then()
                        .statusCode(201)
                        .body("caseId", not(equalTo(typed)))
                        .body("emailVerified", equalTo(true))
                        .extract()
                        .path("caseId");
        start(email.toUpperCase(), "WEB_CONNECT", true)
                .then()
                .statusCode(200)
                .body("caseId", equalTo(verified));
        start(email, "SUPPORT_SDK", true)
                .then()
                .statusCode(201)
                .body("caseId", not(equalTo(verified)));
        // A typed start after the verified one is a new Case again.
        start(email, "WEB_CONNECT", null)
                .then()
                .statusCode(201)
                .body("caseId", not(equalTo(verified)))
                .body("emailVerified", equalTo(false));
    }

    @Test
    void onlyServicesAndAdminsMayStartAChat() {
        given().auth()
                .oauth2(Tokens.of("alice"))
                .contentType("application/json")
                .body(
                        "{\"email\":\"a@example.com\",\"firstName\":\"A\",\"lastName\":\"B\","
                                + "\"emailVerified\":true}")
                .post("/cases")
                .then()
                .statusCode(403);
    }
}
