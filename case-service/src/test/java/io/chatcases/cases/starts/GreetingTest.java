package io.chatcases.cases.starts;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatcases.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** With cases.greeting set, a new Case starts with exactly one SYSTEM greeting. */
@QuarkusTest
@TestProfile(GreetingTest.On.class)
class GreetingTest {
    static final String GREETING = "An agent will be with you shortly.";

    public static class On implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cases.greeting", GREETING);
        }
    }

    static JsonPath messages(String caseId) {
        return given().auth()
                .oauth2(Tokens.service())
                .get("/cases/" + caseId + "/messages")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void aNewCaseStartsWithTheGreetingAsASystemMessage() {
        String email = "greet-" + UUID.randomUUID() + "@example.com";
        var started = IdempotencyKeyTest.start(email, null).then().statusCode(201).extract();
        assertEquals(1, (int) started.path("lastSeq"), "the greeting took seq 1");
        JsonPath m = messages(started.path("caseId"));
        assertEquals(List.of(1), m.getList("seq"));
        assertEquals(List.of("SYSTEM"), m.getList("kind"));
        assertEquals(List.of("SYSTEM"), m.getList("sender.type"));
        assertEquals(List.of(GREETING), m.getList("text"));
    }

    @Test
    void aStartRepeatedWithItsKeyIsGreetedOnceEvenConcurrently() throws Exception {
        String email = "greet-once-" + UUID.randomUUID() + "@example.com";
        String key = UUID.randomUUID().toString();
        int n = 6;
        CyclicBarrier barrier = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(
                        pool.submit(
                                () -> {
                                    barrier.await();
                                    return IdempotencyKeyTest.start(email, key)
                                            .then()
                                            .extract()
                                            .<String>path("caseId");
                                }));
            }
            Set<String> cases = new HashSet<>();
            for (Future<String> a : answers) {
                cases.add(a.get());
            }
            assertEquals(1, cases.size(), "one Case for one key: " + cases);
            // And once more, after the fact.
            IdempotencyKeyTest.start(email, key).then().statusCode(200);
            JsonPath m = messages(cases.iterator().next());
            assertEquals(List.of(GREETING), m.getList("text"), "greeted exactly once");
        } finally {
            pool.shutdownNow();
        }
    }
}
