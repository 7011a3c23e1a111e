package io.chatcases.cases.starts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatcases.cases.domain.StartKeys;
import io.chatcases.cases.service.ChatStarts;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.events.Channel;
import io.chatcases.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Idempotency-Key on a chat start: double clicks and retries get the same Case. */
@QuarkusTest
class IdempotencyKeyTest {

    static Response start(String email, String key) {
        var spec =
                given().auth()
                        .oauth2(Tokens.service())
                        .contentType("application/json")
                        .body(
                                "{\"email\":\""
                                        + email
                                        + "\",\"firstName\":\"Ida\",\"lastName\":\"Key\"}");
        if (key != null) {
            spec = spec.header("Idempotency-Key", key);
        }
        return spec.post("/cases");
    }

    @Test
    void theSameKeyAndEmailAnswerWithTheSameCaseAndAnsweredAt() {
        String email = "idem-" + UUID.randomUUID() + "@example.com";
        String key = UUID.randomUUID().toString();
        Response first = start(email, key);
        first.then().statusCode(201);
        Response again = start(email, key);
        again.then().statusCode(200).body("caseId", equalTo(first.path("caseId")));
        assertEquals(
                first.header("Chat-Start-Answered-At"), again.header("Chat-Start-Answered-At"));
    }

    @Inject ChatStarts starts;

    /** Back-dates every key of this email's scope by 25 hours (as if a day had passed). */
    private static void age(String key, String email) {
        String scope = StartKeys.scope(key, email, Channel.WEB_CONNECT);
        int updated =
                Fixtures.execute(
                        "UPDATE chat_start_key SET created_at = created_at - interval '25 hours'"
                                + " WHERE scope = ?1",
                        scope);
        assertEquals(1, updated);
    }

    @Test
    void anExpiredKeyStartsAfreshAndIsForgotten() {
        String email = "expired-" + UUID.randomUUID() + "@example.com";
        String key = UUID.randomUUID().toString();
        String first = start(email, key).then().statusCode(201).extract().path("caseId");
        age(key, email);
        String second =
                start(email, key)
                        .then()
                        .statusCode(201)
                        .body("caseId", not(equalTo(first)))
                        .extract()
                        .path("caseId");
        start(email, key).then().statusCode(200).body("caseId", equalTo(second));
        age(key, email);
        int forgotten = Fixtures.await(() -> starts.forgetExpiredKeys(Instant.now()));
        assertEquals(true, forgotten >= 1, "forgotten " + forgotten);
    }

    @Test
    void aKeyIsScopedToTheEmail() {
        String key = UUID.randomUUID().toString();
        String a =
                start("a-" + UUID.randomUUID() + "@example.com", key)
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("caseId");
        start("b-" + UUID.randomUUID() + "@example.com", key)
                .then()
                .statusCode(201)
                .body("caseId", not(equalTo(a)));
    }

    @Test
    void aBadKeyIsRefused() {
        start("bad-" + UUID.randomUUID() + "@example.com", "x".repeat(201))
                .then()
                .statusCode(400)
                .body("code", equalTo("BAD_REQUEST"));
    }

    @ParameterizedTest(name = "{0} clients, {1} rounds")
    @CsvSource({"2, 40", "8, 25"})
    void simultaneousStartsWithOneKeyMakeOneCase(int clients, int rounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            for (int round = 0; round < rounds; round++) {
                String email = "race-" + UUID.randomUUID() + "@example.com";
                String key = UUID.randomUUID().toString();
                CyclicBarrier barrier = new CyclicBarrier(clients);
                List<Future<Response>> answers = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    answers.add(
                            pool.submit(
                                    () -> {
                                        barrier.await();
                                        return start(email, key);
                                    }));
                }
                Set<String> caseIds = new HashSet<>();
                Set<String> answeredAt = new HashSet<>();
                int created = 0;
                for (Future<Response> f : answers) {
                    Response r = f.get();
                    assertEquals(
                            true,
                            r.statusCode() == 200 || r.statusCode() == 201,
                            "round " + round + ": " + r.statusCode() + " " + r.asString());
                    created += r.statusCode() == 201 ? 1 : 0;
                    caseIds.add(r.path("caseId"));
                    answeredAt.add(r.header("Chat-Start-Answered-At"));
                }
                assertEquals(1, caseIds.size(), "round " + round + ": " + caseIds);
                assertEquals(1, answeredAt.size(), "round " + round + ": " + answeredAt);
                assertEquals(1, created, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
