package io.chatcases.cases.transcripts;

import static io.chatcases.cases.support.Fixtures.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.service.Housekeeping;
import io.chatcases.cases.service.TranscriptExports;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.events.CaseStatus;
import io.chatcases.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A close schedules its transcript file; file-service being down (a closed port in the module
 * tests) never blocks the close, the row waits with back-off, and concurrent export runs (two
 * replicas) never take the same row. The real upload is in e2e-tests' TranscriptIT.
 */
@QuarkusTest
class TranscriptOnCloseTest {
    @Inject CaseService cases;
    @Inject Housekeeping housekeeping;
    @Inject TranscriptExports exports;
    @Inject Pool pool;

    private ChatCase resolved() {
        ChatCase c = Fixtures.startCase(cases);
        await(() -> cases.claim(c.id, Fixtures.agent("cleo")));
        await(() -> cases.resolve(c.id, Fixtures.agent("cleo")));
        return c;
    }

    record Export(long throughSeq, int attempts, UUID fileId, String lastError) {}

    private List<Export> exportsOf(UUID caseId) {
        return await(
                () ->
                        pool.preparedQuery(
                                        "SELECT through_seq, attempts, file_id, last_error FROM"
                                                + " transcript_export WHERE case_id = $1")
                                .execute(Tuple.of(caseId))
                                .map(
                                        rows -> {
                                            List<Export> out = new ArrayList<>();
                                            for (Row r : rows) {
                                                out.add(
                                                        new Export(
                                                                r.getLong(0),
                                                                r.getInteger(1),
                                                                r.getUUID(2),
                                                                r.getString(3)));
                                            }
                                            return out;
                                        }));
    }

    private void makeDue(UUID caseId) {
        await(
                () ->
                        pool.preparedQuery(
                                        "UPDATE transcript_export SET next_attempt_at = now() -"
                                                + " interval '1 second' WHERE case_id = $1")
                                .execute(Tuple.of(caseId)));
    }

    @Test
    void aCloseSchedulesOneTranscriptOfTheMessagesSoFar() {
        ChatCase c = resolved();
        ChatCase closed = await(() -> housekeeping.closeNow(c.id));
        assertEquals(CaseStatus.CLOSED, closed.status);
        // Closing again is answered, and schedules nothing more.
        await(() -> housekeeping.closeNow(c.id));
        await(() -> housekeeping.closeResolvedBefore(java.time.Instant.now().plusSeconds(1)));

        List<Export> rows = exportsOf(c.id);
        assertEquals(1, rows.size());
        assertEquals(closed.lastSeq, rows.get(0).throughSeq());
        assertEquals(0, rows.get(0).attempts());
    }

    @Test
    void fileServiceDownNeitherBlocksTheCloseNorLosesTheTranscript() {
        ChatCase c = resolved();
        assertEquals(CaseStatus.CLOSED, await(() -> housekeeping.closeNow(c.id)).status);
        makeDue(c.id);

        await(exports::exportDue);
        Export after = exportsOf(c.id).get(0);
        assertEquals(1, after.attempts());
        assertNull(after.fileId());
        assertNotNull(after.lastError(), "the failure is recorded");

        // Backed off: not due again at once.
        await(exports::exportDue);
        assertEquals(1, exportsOf(c.id).get(0).attempts());

        // Due again later: tried again.
        makeDue(c.id);
        await(exports::exportDue);
        assertEquals(2, exportsOf(c.id).get(0).attempts());
    }

    @Test
    void concurrentExportRunsNeverTakeTheSameClose() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ChatCase c = resolved();
            await(() -> housekeeping.closeNow(c.id));
            ids.add(c.id);
        }
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= 5; round++) {
                ids.forEach(this::makeDue);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Integer>> runs = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    runs.add(
                            threads.submit(
                                    () -> {
                                        start.await();
                                        return await(exports::exportDue);
                                    }));
                }
                for (Future<Integer> run : runs) {
                    assertEquals(0, run.get(), "file-service is down: nothing stored");
                }
                for (UUID id : ids) {
                    assertEquals(
                            round,
                            exportsOf(id).get(0).attempts(),
                            "each due close taken by exactly one run in round " + round);
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void onlyAnAdminClosesAndOnlyAResolvedCase() {
        ChatCase open = Fixtures.startCase(cases);
        given().auth()
                .oauth2(Tokens.of("admin"))
                .post("/cases/{id}/close", open.id)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("CONFLICT"));
        assertTrue(exportsOf(open.id).isEmpty());

        ChatCase c = resolved();
        given().auth()
                .oauth2(Tokens.of("alice"))
                .post("/cases/{id}/close", c.id)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.of("admin"))
                .post("/cases/{id}/close", c.id)
                .then()
                .statusCode(200)
                .body("status", equalTo("CLOSED"));
        given().auth()
                .oauth2(Tokens.of("admin"))
                .post("/cases/{id}/close", UUID.randomUUID())
                .then()
                .statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        assertEquals(1, exportsOf(c.id).size());
    }
}
