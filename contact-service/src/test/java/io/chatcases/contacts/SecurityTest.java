package io.chatcases.contacts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.chatcases.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call what: agents and admins read, admins write, services and admins match. Every refusal
 * is a problem body; 401 also challenges for a bearer token.
 */
@QuarkusTest
class SecurityTest {

    private static final String ID = UUID.randomUUID().toString();
    private static final String CONTACT =
            "{\"firstName\":\"A\",\"email\":\"sec-" + ID + "@example.com\"}";

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("GET", "/contacts", null, null),
                Arguments.of("GET", "/contacts/" + ID, null, null),
                Arguments.of("POST", "/contacts", "application/json", CONTACT),
                Arguments.of("PUT", "/contacts/" + ID, "application/json", CONTACT),
                Arguments.of("DELETE", "/contacts/" + ID, null, null),
                Arguments.of("POST", "/contacts/import", "text/csv", "email\n"),
                Arguments.of("POST", "/contacts/match", "application/json", CONTACT));
    }

    /** user -> endpoints (by index in {@link #endpoints()}) that user may NOT call. */
    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("viewer", 0),
                Arguments.of("viewer", 1),
                Arguments.of("viewer", 2),
                Arguments.of("viewer", 3),
                Arguments.of("viewer", 4),
                Arguments.of("viewer", 5),
                Arguments.of("viewer", 6),
                Arguments.of("alice", 2),
                Arguments.of("alice", 3),
                Arguments.of("alice", 4),
                Arguments.of("alice", 5),
                Arguments.of("alice", 6),
                Arguments.of("service", 0),
                Arguments.of("service", 1),
                Arguments.of("service", 2),
                Arguments.of("service", 3),
                Arguments.of("service", 4),
                Arguments.of("service", 5));
    }

    private static RequestSpecification request(Arguments endpoint) {
        Object[] e = endpoint.get();
        RequestSpecification r = given();
        if (e[2] != null) {
            r.contentType((String) e[2]).body(e[3]);
        }
        return r;
    }

    @ParameterizedTest(name = "[{index}] {0} {1} without a token -> 401")
    @MethodSource("endpoints")
    void withoutTokenIs401Problem(String method, String path, String type, String body) {
        RequestSpecification r = given();
        if (type != null) {
            r.contentType(type).body(body);
        }
        r.when()
                .request(method, path)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"))
                .body("code", equalTo("UNAUTHORIZED"));
    }

    @ParameterizedTest(name = "[{index}] {0} calling endpoint {1} -> 403")
    @MethodSource("refusals")
    void wrongRoleIs403Problem(String user, int endpoint) {
        Arguments e = endpoints().toList().get(endpoint);
        String token = user.equals("service") ? Tokens.service() : Tokens.of(user);
        request(e)
                .auth()
                .oauth2(token)
                .when()
                .request((String) e.get()[0], (String) e.get()[1])
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403))
                .body("title", equalTo("Forbidden"))
                .body("code", equalTo("FORBIDDEN"));
    }

    @ParameterizedTest(name = "[{index}] {0} {1} with a forged token -> 401")
    @MethodSource("endpoints")
    void forgedTokenIs401Problem(String method, String path, String type, String body) {
        String token = Tokens.of("admin");
        String forged = token.substring(0, token.length() - 4) + "AAAA";
        RequestSpecification r = given().auth().oauth2(forged);
        if (type != null) {
            r.contentType(type).body(body);
        }
        r.when()
                .request(method, path)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }
}
