package io.chatcases.cases.quickreplies;

import static io.chatcases.cases.quickreplies.QuickReplyApi.PATH;
import static io.chatcases.cases.quickreplies.QuickReplyApi.PROBLEM_JSON;
import static io.chatcases.cases.quickreplies.QuickReplyApi.as;
import static io.chatcases.cases.quickreplies.QuickReplyApi.create;
import static io.chatcases.cases.quickreplies.QuickReplyApi.freshShortcut;
import static io.chatcases.cases.quickreplies.QuickReplyApi.input;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kind of bad input is a 400 problem naming the field, and nothing is saved. */
@QuarkusTest
class QuickReplyValidationTest {

    private static final String OK_BODY = "Hi {{contact.firstName}}";

    /** name, shortcut, title, body, expected field, text the message contains. */
    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of(
                        "unknown placeholder",
                        null,
                        "T",
                        "Hi {{contact.email}}",
                        "body",
                        "unknown placeholder {{contact.email}}"),
                Arguments.of(
                        "malformed braces",
                        null,
                        "T",
                        "Hi {{contact.firstName} there",
                        "body",
                        "malformed placeholder {{contact.firstName}"),
                Arguments.of(
                        "stray closing braces",
                        null,
                        "T",
                        "Hi {contact.firstName}}",
                        "body",
                        "{contact.firstName}}"),
                Arguments.of(
                        "shortcut with a space",
                        "has space",
                        "T",
                        OK_BODY,
                        "shortcut",
                        "letters, digits"),
                Arguments.of(
                        "shortcut starting with a dash",
                        "-dash",
                        "T",
                        OK_BODY,
                        "shortcut",
                        "letters, digits"),
                Arguments.of(
                        "shortcut of 41 characters",
                        "s".repeat(41),
                        "T",
                        OK_BODY,
                        "shortcut",
                        "at most 40"),
                Arguments.of("empty shortcut", "", "T", OK_BODY, "shortcut", "is required"),
                Arguments.of("missing shortcut", "<null>", "T", OK_BODY, "shortcut", "is required"),
                Arguments.of("empty title", null, "", OK_BODY, "title", "is required"),
                Arguments.of("blank title", null, "   ", OK_BODY, "title", "is required"),
                Arguments.of("missing title", null, null, OK_BODY, "title", "is required"),
                Arguments.of(
                        "title of 121 characters",
                        null,
                        "t".repeat(121),
                        OK_BODY,
                        "title",
                        "at most 120"),
                Arguments.of("empty body", null, "T", "", "body", "is required"),
                Arguments.of(
                        "body of 4001 characters",
                        null,
                        "T",
                        "b".repeat(4001),
                        "body",
                        "at most 4000"));
    }

    @ParameterizedTest(name = "POST with {0}")
    @MethodSource("badInputs")
    void createRefusesBadInputWithAProblemNamingTheField(
            String name, String shortcut, String title, String body, String field, String text) {
        String sent =
                shortcut == null ? freshShortcut() : shortcut.equals("<null>") ? null : shortcut;
        as("admin")
                .body(input(sent, title, body))
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM_JSON))
                .body("status", equalTo(400))
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo(field))
                .body("violations[0].message", containsString(text));
        if (shortcut == null) {
            as("alice").queryParam("q", sent).get(PATH).then().body("size()", equalTo(0));
        }
    }

    @ParameterizedTest(name = "PUT with {0}")
    @MethodSource("badInputs")
    void replaceRefusesBadInputAndKeepsTheReply(
            String name, String shortcut, String title, String body, String field, String text) {
        String original = freshShortcut();
        String id = create(original);
        String sent =
                shortcut == null ? freshShortcut() : shortcut.equals("<null>") ? null : shortcut;
        as("admin")
                .body(input(sent, title, body))
                .put(PATH + "/" + id)
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM_JSON))
                .body("violations.field", contains(field))
                .body("violations[0].message", containsString(text));
        as("admin").get(PATH + "/" + id).then().body("shortcut", equalTo(original));
    }

    @Test
    void everyBadPlaceholderIsNamed() {
        as("admin")
                .body(input(freshShortcut(), "T", "{{agent.nickname}} and {{case.number}"))
                .post(PATH)
                .then()
                .statusCode(400)
                .body("violations.field", contains("body", "body"))
                .body("violations[0].message", containsString("{{agent.nickname}}"))
                .body("violations[1].message", containsString("{{case.number}"));
    }

    @Test
    void severalBadFieldsAreReportedTogether() {
        as("admin")
                .body(input("bad shortcut", "", "x".repeat(4001)))
                .post(PATH)
                .then()
                .statusCode(400)
                .body("violations.field", contains("body", "shortcut", "title"));
    }

    @Test
    void malformedJsonIsA400Problem() {
        as("admin")
                .body("{\"shortcut\": \"x\", \"title\": ")
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM_JSON))
                .body("violations.field", contains("request"))
                .body("detail", containsString("not well-formed JSON"));
    }

    @Test
    void aFieldOfTheWrongTypeIsA400ProblemNamingIt() {
        as("admin")
                .body(Map.of("shortcut", freshShortcut(), "title", Map.of("a", 1), "body", "b"))
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM_JSON))
                .body("violations.field", contains("title"));
    }

    @Test
    void aMissingBodyIsA400Problem() {
        as("admin")
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM_JSON))
                .body("violations.field", contains("request"));
    }

    @Test
    void aBodyThatIsNotJsonIsA415Problem() {
        as("admin")
                .contentType(ContentType.TEXT)
                .body("shortcut=x")
                .post(PATH)
                .then()
                .statusCode(415)
                .contentType(startsWith(PROBLEM_JSON))
                .body("status", equalTo(415));
    }
}
