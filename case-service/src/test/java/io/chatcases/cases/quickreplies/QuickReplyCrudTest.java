package io.chatcases.cases.quickreplies;

import static io.chatcases.cases.quickreplies.QuickReplyApi.PATH;
import static io.chatcases.cases.quickreplies.QuickReplyApi.as;
import static io.chatcases.cases.quickreplies.QuickReplyApi.create;
import static io.chatcases.cases.quickreplies.QuickReplyApi.freshShortcut;
import static io.chatcases.cases.quickreplies.QuickReplyApi.input;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class QuickReplyCrudTest {

    @Test
    void adminCreatesAgentReadsAdminReplacesAndDeletes() {
        String shortcut = freshShortcut();
        ExtractableResponse<Response> created =
                as("admin")
                        .body(input(shortcut, "Welcome", "Hello {{ contact.firstName }}!"))
                        .post(PATH)
                        .then()
                        .statusCode(201)
                        .body("shortcut", equalTo(shortcut))
                        .body("title", equalTo("Welcome"))
                        .body("body", equalTo("Hello {{ contact.firstName }}!"))
                        .body("createdAt", notNullValue())
                        .extract();
        String id = created.path("id");
        assertTrue(
                created.header("Location").endsWith(PATH + "/" + id), created.header("Location"));
        String createdAt = created.path("createdAt");

        as("alice")
                .get(PATH + "/" + id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("shortcut", equalTo(shortcut))
                .body("createdAt", equalTo(createdAt));

        String renamed = freshShortcut();
        String updatedAt =
                as("admin")
                        .body(input(renamed, "Welcome back", "Case {{case.number}}"))
                        .put(PATH + "/" + id)
                        .then()
                        .statusCode(200)
                        .body("id", equalTo(id))
                        .body("shortcut", equalTo(renamed))
                        .body("title", equalTo("Welcome back"))
                        .body("body", equalTo("Case {{case.number}}"))
                        .body("createdAt", equalTo(createdAt))
                        .extract()
                        .path("updatedAt");
        assertTrue(!Instant.parse(updatedAt).isBefore(Instant.parse(createdAt)));

        as("alice")
                .get(PATH + "/" + id)
                .then()
                .statusCode(200)
                .body("shortcut", equalTo(renamed))
                .body("updatedAt", equalTo(updatedAt));

        as("admin").delete(PATH + "/" + id).then().statusCode(204);
        as("alice").get(PATH + "/" + id).then().statusCode(404);
    }

    @Test
    void shortcutIsStoredLowerCase() {
        String shortcut = freshShortcut();
        as("admin")
                .body(QuickReplyApi.validInput("Say-" + shortcut.toUpperCase()))
                .post(PATH)
                .then()
                .statusCode(201)
                .body("shortcut", equalTo("say-" + shortcut));
    }

    @Test
    void prefixFilterMatchesShortcutStartsCaseInsensitively() {
        String prefix = freshShortcut();
        create(prefix + "-b");
        create(prefix + "-a");
        create(freshShortcut());

        as("alice")
                .queryParam("q", prefix.toUpperCase())
                .get(PATH)
                .then()
                .statusCode(200)
                .body("shortcut", contains(prefix + "-a", prefix + "-b"));
    }

    @Test
    void prefixFilterTreatsUnderscoreAndPercentLiterally() {
        String prefix = freshShortcut();
        create(prefix + "_x");
        create(prefix + "ax");

        as("alice")
                .queryParam("q", prefix + "_")
                .get(PATH)
                .then()
                .statusCode(200)
                .body("shortcut", contains(prefix + "_x"));
        as("alice")
                .queryParam("q", prefix + "%")
                .get(PATH)
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void listWithoutFilterIsSortedByShortcutAndIncludesNewReplies() {
        String shortcut = freshShortcut();
        create(shortcut);

        List<String> shortcuts =
                as("alice")
                        .get(PATH)
                        .then()
                        .statusCode(200)
                        .body("shortcut", hasItem(shortcut))
                        .extract()
                        .jsonPath()
                        .getList("shortcut", String.class);
        List<String> sorted = new ArrayList<>(shortcuts);
        sorted.sort(null);
        assertEquals(sorted, shortcuts);
    }

    @Test
    void replacingWithItsOwnShortcutSucceeds() {
        String shortcut = freshShortcut();
        String id = create(shortcut);

        as("admin")
                .body(input(shortcut.toUpperCase(), "New title", "Bye {{contact.lastName}}"))
                .put(PATH + "/" + id)
                .then()
                .statusCode(200)
                .body("shortcut", equalTo(shortcut))
                .body("title", equalTo("New title"));
    }

    @Test
    void deletedReplyLeavesTheList() {
        String shortcut = freshShortcut();
        String id = create(shortcut);

        as("admin").delete(PATH + "/" + id).then().statusCode(204);

        as("alice").get(PATH).then().statusCode(200).body("id", not(hasItem(id)));
    }
}
