package io.chatcases.cases.quickreplies;

import static io.chatcases.cases.quickreplies.QuickReplyApi.PATH;
import static io.chatcases.cases.quickreplies.QuickReplyApi.PROBLEM_JSON;
import static io.chatcases.cases.quickreplies.QuickReplyApi.as;
import static io.chatcases.cases.quickreplies.QuickReplyApi.create;
import static io.chatcases.cases.quickreplies.QuickReplyApi.freshShortcut;
import static io.chatcases.cases.quickreplies.QuickReplyApi.input;
import static io.chatcases.cases.quickreplies.QuickReplyApi.validInput;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatcases.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class QuickReplyConflictTest {

    private static final int THREADS = 10;
    private static final int ROUNDS = 10;

    @TestHTTPResource(PATH)
    URI endpoint;

    @Test
    void creatingATakenShortcutIsA409Problem() {
        String shortcut = freshShortcut();
        create(shortcut);

        as("admin")
                .body(validInput(shortcut))
                .post(PATH)
                .then()
                .statusCode(409)
                .contentType(startsWith(PROBLEM_JSON))
                .body("status", equalTo(409))
                .body("code", equalTo("SHORTCUT_TAKEN"))
                .body("detail", containsString(shortcut));
    }

    @Test
    void shortcutsThatDifferOnlyInCaseCollide() {
        String shortcut = freshShortcut();
        create(shortcut);

        as("admin").body(validInput(shortcut.toUpperCase())).post(PATH).then().statusCode(409);
    }

    @Test
    void renamingToAnotherRepliesShortcutIsA409AndChangesNothing() {
        String taken = freshShortcut();
        create(taken);
        String mine = freshShortcut();
        String id = create(mine);

        as("admin")
                .body(input(taken, "Renamed", "Bye"))
                .put(PATH + "/" + id)
                .then()
                .statusCode(409)
                .contentType(startsWith(PROBLEM_JSON))
                .body("code", equalTo("SHORTCUT_TAKEN"));

        as("admin")
                .get(PATH + "/" + id)
                .then()
                .statusCode(200)
                .body("shortcut", equalTo(mine))
                .body("title", equalTo("Greeting"));
    }

    @Test
    void tenAdminsCreatingOneShortcutAtOnceGiveExactlyOneWinner() throws Exception {
        HttpClient http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
        String token = Tokens.of("admin");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String shortcut = freshShortcut();
                String json = new ObjectMapper().writeValueAsString(validInput(shortcut));
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<Integer>> statuses = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    statuses.add(pool.submit(() -> post(http, token, json, start)));
                }
                Map<Integer, Integer> counts = new TreeMap<>();
                for (Future<Integer> status : statuses) {
                    counts.merge(status.get(30, TimeUnit.SECONDS), 1, Integer::sum);
                }
                assertEquals(Map.of(201, 1, 409, THREADS - 1), counts, "round " + round);
                as("alice").queryParam("q", shortcut).get(PATH).then().body("size()", equalTo(1));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private int post(HttpClient http, String token, String json, CyclicBarrier start)
            throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(endpoint)
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(20))
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build();
        start.await(10, TimeUnit.SECONDS);
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
