package io.chatcases.contacts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kind of bad input is a 400 problem naming the field at fault and saying what is wrong. */
@QuarkusTest
class BadInputTest {

    private static final String JSON = "application/json";
    private static final String LONG = "x".repeat(101);
    private static final String GOOD = "{\"firstName\":\"A\",\"email\":\"a@example.com\"";

    static Stream<Arguments> badRequests() {
        String id = UUID.randomUUID().toString();
        return Stream.of(
                // method, path, content type, body, field, message
                args(
                        "POST",
                        "/contacts/match",
                        JSON,
                        "{\"email\":\"nope\"}",
                        "email",
                        "must contain an @"),
                args(
                        "POST",
                        "/contacts/match",
                        JSON,
                        "{\"email\":\"a b@example.com\"}",
                        "email",
                        "must not contain spaces or control characters"),
                args(
                        "POST",
                        "/contacts/match",
                        JSON,
                        "{\"email\":\"a@example\"}",
                        "email",
                        "must have a dot in its domain"),
                args(
                        "POST",
                        "/contacts/match",
                        JSON,
                        "{\"firstName\":\"Ana\"}",
                        "email",
                        "is required"),
                args("POST", "/contacts/match", JSON, "{\"email\":\"  \"}", "email", "is required"),
                args(
                        "POST",
                        "/contacts/match",
                        JSON,
                        "{\"email\":\"a@example.com\",\"firstName\":\"" + LONG + "\"}",
                        "firstName",
                        "size must be between 0 and 100"),
                args(
                        "POST",
                        "/contacts/match",
                        JSON,
                        "{\"email\": ",
                        "body",
                        "is not well-formed JSON"),
                args("POST", "/contacts/match", JSON, "", "body", "is required"),
                args(
                        "POST",
                        "/contacts/match",
                        JSON,
                        "{\"email\":[\"a@example.com\"]}",
                        "email",
                        "has the wrong type or shape"),
                args(
                        "POST",
                        "/contacts",
                        JSON,
                        "{\"lastName\":\"Lima\",\"email\":\"a@example.com\"}",
                        "firstName",
                        "is required"),
                args("POST", "/contacts", JSON, "{\"firstName\":\"Ana\"}", "email", "is required"),
                args(
                        "POST",
                        "/contacts",
                        JSON,
                        GOOD + ",\"emails\":[\"b@example.com\",\"b@@x.com\"]}",
                        "emails[1]",
                        "must contain exactly one @"),
                args(
                        "POST",
                        "/contacts",
                        JSON,
                        GOOD + ",\"phone\":\"call me\"}",
                        "phone",
                        "must be a phone number: digits, spaces, ( ) . - / and an optional leading +"),
                args(
                        "PUT",
                        "/contacts/" + id,
                        JSON,
                        "{\"firstName\":\"\",\"email\":\"a@example.com\"}",
                        "firstName",
                        "is required"),
                args("PUT", "/contacts/not-a-uuid", JSON, GOOD + "}", "id", "must be a UUID"),
                args("GET", "/contacts/not-a-uuid", null, null, "id", "must be a UUID"),
                args("DELETE", "/contacts/42", null, null, "id", "must be a UUID"),
                args(
                        "GET",
                        "/contacts?size=0",
                        null,
                        null,
                        "size",
                        "must be between 1 and 100, was 0"),
                args(
                        "GET",
                        "/contacts?size=101",
                        null,
                        null,
                        "size",
                        "must be between 1 and 100, was 101"),
                args("GET", "/contacts?size=ten", null, null, "size", "must be a whole number"),
                args(
                        "GET",
                        "/contacts?page=-1",
                        null,
                        null,
                        "page",
                        "must be between 0 and 1000000, was -1"),
                args("GET", "/contacts?email=nope", null, null, "email", "must contain an @"),
                args(
                        "POST",
                        "/contacts/import",
                        "text/csv",
                        "mail,name\nx,y\n",
                        "header",
                        "has an unknown column \"mail\"; expected email,firstName,lastName,phone,externalId"),
                args(
                        "POST",
                        "/contacts/import",
                        "text/csv",
                        "",
                        "body",
                        "is empty; expected a header line email,firstName,lastName,phone,externalId"));
    }

    private static Arguments args(
            String method, String path, String type, String body, String field, String message) {
        return Arguments.of(method, path, type, body, field, message);
    }

    @ParameterizedTest(name = "[{index}] {0} {1} -> 400 {4}")
    @MethodSource("badRequests")
    void badInputIs400ProblemNamingTheField(
            String method, String path, String type, String body, String field, String message) {
        RequestSpecification request = given().auth().oauth2(Fixtures.admin());
        if (type != null) {
            request.contentType(type).body(body);
        }
        request.when()
                .request(method, path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Bad Request"))
                .body("code", equalTo("BAD_REQUEST"))
                .body("status", equalTo(400))
                .body("detail", not(emptyString()))
                .body("violations.field", hasItem(field))
                .body("violations.find { it.field == '" + field + "' }.message", equalTo(message));
    }
}
