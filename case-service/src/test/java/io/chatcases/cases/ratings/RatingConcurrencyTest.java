package io.chatcases.cases.ratings;

import static io.chatcases.cases.ratings.RatingTest.rate;
import static io.chatcases.cases.ratings.RatingTest.rating;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Ratings sent at once (two tabs, retries): exactly one is stored, the others get 409. */
@QuarkusTest
class RatingConcurrencyTest {
    @Inject CaseService cases;

    @Test
    void concurrentRatingsStoreExactlyOne() throws Exception {
        int n = 6;
        String service = Tokens.service();
        String alice = Tokens.of("alice");
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            for (int round = 0; round < 10; round++) {
                ChatCase c = Fixtures.startCase(cases);
                given().auth().oauth2(alice).post("/cases/{id}/claim", c.id).then().statusCode(200);
                given().auth()
                        .oauth2(alice)
                        .post("/cases/{id}/resolve", c.id)
                        .then()
                        .statusCode(200);
                CyclicBarrier start = new CyclicBarrier(n);
                List<Future<Response>> futures = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int score = i % 5 + 1;
                    futures.add(
                            pool.submit(
                                    () -> {
                                        start.await();
                                        return rate(service, c.id, rating(score, "tab " + score));
                                    }));
                }
                List<Response> answers = new ArrayList<>();
                for (Future<Response> f : futures) {
                    answers.add(f.get());
                }
                List<Response> won = answers.stream().filter(r -> r.statusCode() == 200).toList();
                assertEquals(1, won.size(), "round " + round);
                answers.stream()
                        .filter(r -> r.statusCode() != 200)
                        .forEach(r -> assertEquals(409, r.statusCode(), r.asString()));
                Response stored = given().auth().oauth2(alice).get("/cases/{id}", c.id);
                assertEquals(
                        won.get(0).jsonPath().getInt("rating.score"),
                        stored.jsonPath().getInt("rating.score"),
                        "round " + round);
                assertEquals(
                        won.get(0).jsonPath().getString("rating.comment"),
                        stored.jsonPath().getString("rating.comment"));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
