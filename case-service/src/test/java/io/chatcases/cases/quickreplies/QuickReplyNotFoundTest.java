package io.chatcases.cases.quickreplies;

import static io.chatcases.cases.quickreplies.QuickReplyApi.PATH;
import static io.chatcases.cases.quickreplies.QuickReplyApi.PROBLEM_JSON;
import static io.chatcases.cases.quickreplies.QuickReplyApi.as;
import static io.chatcases.cases.quickreplies.QuickReplyApi.create;
import static io.chatcases.cases.quickreplies.QuickReplyApi.freshShortcut;
import static io.chatcases.cases.quickreplies.QuickReplyApi.validInput;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class QuickReplyNotFoundTest {

    @Test
    void readingAnUnknownIdIsA404Problem() {
        String id = UUID.randomUUID().toString();
        as("alice")
                .get(PATH + "/" + id)
                .then()
                .statusCode(404)
                .contentType(startsWith(PROBLEM_JSON))
                .body("status", equalTo(404))
                .body("code", equalTo("NOT_FOUND"))
                .body("detail", containsString(id));
    }

    @Test
    void replacingAnUnknownIdIsA404Problem() {
        as("admin")
                .body(validInput(freshShortcut()))
                .put(PATH + "/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType(startsWith(PROBLEM_JSON))
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void deletingAnUnknownIdIsA404Problem() {
        as("admin")
                .delete(PATH + "/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType(startsWith(PROBLEM_JSON))
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void deletingTwiceIsA404TheSecondTime() {
        String id = create(freshShortcut());
        as("admin").delete(PATH + "/" + id).then().statusCode(204);
        as("admin").delete(PATH + "/" + id).then().statusCode(404);
    }

    @Test
    void anIdThatIsNotAUuidIsNotFound() {
        as("alice")
                .get(PATH + "/not-a-uuid")
                .then()
                .statusCode(404)
                .contentType(startsWith(PROBLEM_JSON));
    }
}
