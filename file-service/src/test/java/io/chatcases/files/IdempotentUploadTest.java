package io.chatcases.files;

import static io.chatcases.files.support.Api.asCustomerOf;
import static io.chatcases.files.support.Api.asSystem;
import static io.chatcases.files.support.Api.asUser;
import static io.chatcases.files.support.Api.upload;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatcases.files.service.Attachments;
import io.chatcases.files.support.CaseServiceDouble;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
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

/**
 * A service's own file with an Idempotency-Key (case-service's transcript on close): one file per
 * key and Case, also for concurrent repeats; kept by the unattached sweep; refused for others.
 */
@QuarkusTest
class IdempotentUploadTest {
    private static final byte[] TRANSCRIPT =
            "Chat Cases transcript: Case 7\n\n[2026-11-30 10:00:00 UTC] Ann:\n    hi \u00e9\n"
                    .getBytes(StandardCharsets.UTF_8);

    @Inject Attachments attachments;
    @Inject Pool pool;

    private static Response keyed(RequestSpecification as, UUID caseId, String key) {
        return upload(
                as.header("Idempotency-Key", key),
                caseId,
                "chat-7.txt",
                TRANSCRIPT,
                "text/plain; charset=utf-8");
    }

    private long filesOf(UUID caseId) {
        return pool.preparedQuery("SELECT count(*) FROM stored_file WHERE case_id = $1")
                .execute(Tuple.of(caseId))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    void aRepeatedKeyAnswersTheFirstFile() {
        UUID caseId = CaseServiceDouble.newCase();
        String first =
                keyed(asSystem(), caseId, "transcript-" + caseId + "-5")
                        .then()
                        .statusCode(201)
                        .body("name", equalTo("chat-7.txt"))
                        .body("contentType", equalTo("text/plain"))
                        .extract()
                        .path("fileId");
        keyed(asSystem(), caseId, "transcript-" + caseId + "-5")
                .then()
                .statusCode(200)
                .body("fileId", equalTo(first));
        // Another close of the same Case (another key) is another file.
        keyed(asSystem(), caseId, "transcript-" + caseId + "-9").then().statusCode(201);
        assertEquals(2, filesOf(caseId));
        byte[] body =
                asCustomerOf(caseId)
                        .when()
                        .get("/files/" + first)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray();
        assertEquals(
                new String(TRANSCRIPT, StandardCharsets.UTF_8),
                new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void concurrentUploadsWithOneKeyStoreOneFile() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                UUID caseId = CaseServiceDouble.newCase();
                CyclicBarrier start = new CyclicBarrier(4);
                List<Future<Response>> calls = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    calls.add(
                            threads.submit(
                                    () -> {
                                        start.await();
                                        return keyed(asSystem(), caseId, "k-" + caseId);
                                    }));
                }
                Set<String> ids = new HashSet<>();
                int created = 0;
                for (Future<Response> call : calls) {
                    Response r = call.get();
                    assertEquals(
                            true, r.statusCode() == 200 || r.statusCode() == 201, r.asString());
                    created += r.statusCode() == 201 ? 1 : 0;
                    ids.add(r.path("fileId"));
                }
                assertEquals(1, ids.size(), "every answer names the one file");
                assertEquals(1, created, "exactly one upload created it");
                assertEquals(1, filesOf(caseId));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theSweepKeepsAKeyedFile() {
        UUID caseId = CaseServiceDouble.newCase();
        String id =
                keyed(asSystem(), caseId, "transcript-sweep")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("fileId");
        pool.preparedQuery(
                        "UPDATE stored_file SET created_at = now() - interval '2 days' WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id)))
                .await()
                .indefinitely();
        attachments.sweep().await().indefinitely();
        asSystem().when().get("/files/" + id).then().statusCode(200);
    }

    @Test
    void onlyTheSystemSendsAKeyAndOnlyAValidOne() {
        UUID caseId = CaseServiceDouble.newCase();
        keyed(asCustomerOf(caseId), caseId, "k1")
                .then()
                .statusCode(400)
                .body("code", equalTo("BAD_REQUEST"));
        keyed(asUser("alice"), caseId, "k1")
                .then()
                .statusCode(400)
                .body("code", equalTo("BAD_REQUEST"));
        keyed(asSystem(), caseId, "x".repeat(201)).then().statusCode(400);
        keyed(asSystem(), caseId, "has space").then().statusCode(400);
        assertEquals(0, filesOf(caseId));
    }
}
