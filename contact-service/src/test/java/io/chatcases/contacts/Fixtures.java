package io.chatcases.contacts;

import static io.restassured.RestAssured.given;

import io.chatcases.testing.Tokens;
import io.restassured.http.ContentType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test data that no other test or earlier run can collide with: the test database persists between
 * runs, so every address and name carries a random suffix.
 */
public final class Fixtures {
    private Fixtures() {}

    public static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    public static String email(String prefix) {
        return prefix + "-" + suffix() + "@example.com";
    }

    public static String admin() {
        return Tokens.of("admin");
    }

    /** A create/update body; emails beyond the first are further addresses. */
    public static Map<String, Object> contact(String first, String last, String... emails) {
        Map<String, Object> body = new HashMap<>();
        body.put("firstName", first);
        body.put("lastName", last);
        body.put("email", emails[0]);
        List<String> others = Arrays.asList(emails).subList(1, emails.length);
        body.put("emails", others);
        return body;
    }

    /** Creates a Contact as admin and returns its id. */
    public static String create(Map<String, Object> body) {
        return given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/contacts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
