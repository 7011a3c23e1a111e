package io.chatcases.cases.quickreplies;

import static io.restassured.RestAssured.given;

import io.chatcases.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Calls to {@code /quick-replies} for the tests; every shortcut is fresh (the test DB persists).
 */
final class QuickReplyApi {
    static final String PATH = "/quick-replies";
    static final String PROBLEM_JSON = "application/problem+json";

    private QuickReplyApi() {}

    /** A shortcut no earlier run used. */
    static String freshShortcut() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** A request body; null values are sent as JSON null. */
    static Map<String, Object> input(String shortcut, String title, String body) {
        Map<String, Object> m = new HashMap<>();
        m.put("shortcut", shortcut);
        m.put("title", title);
        m.put("body", body);
        return m;
    }

    static Map<String, Object> validInput(String shortcut) {
        return input(shortcut, "Greeting", "Hi {{contact.firstName}}, I'm {{agent.firstName}}.");
    }

    static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON);
    }

    /** Creates a Quick Reply as admin and returns its id. */
    static String create(String shortcut) {
        return as("admin")
                .body(validInput(shortcut))
                .post(PATH)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
