package io.chatcases.files;

import static io.chatcases.files.support.Api.asCustomerOf;
import static io.chatcases.files.support.Api.upload;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatcases.files.support.CaseServiceDouble;
import io.chatcases.files.support.Samples;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Per-Case quota (test profile: 6 files, 600K bytes), also under concurrent uploads. */
@QuarkusTest
class CaseQuotaUploadTest {

    @Test
    void theSeventhFileOfACaseIsRefusedWithQuotaExceeded() {
        UUID caseId = CaseServiceDouble.newCase();
        for (int i = 0; i < 6; i++) {
            upload(asCustomerOf(caseId), caseId, "f" + i + ".png", Samples.png(), "image/png")
                    .then()
                    .statusCode(201);
        }
        upload(asCustomerOf(caseId), caseId, "f7.png", Samples.png(), "image/png")
                .then()
                .statusCode(409)
                .body("code", equalTo("QUOTA_EXCEEDED"));
        // Another Case is not affected.
        UUID other = CaseServiceDouble.newCase();
        upload(asCustomerOf(other), other, "f.png", Samples.png(), "image/png")
                .then()
                .statusCode(201);
    }

    @Test
    void concurrentUploadsNeverPassTheByteQuota() throws Exception {
        UUID caseId = CaseServiceDouble.newCase();
        // 5 x 200K against 600K: exactly three fit, whatever the interleaving.
        int n = 5;
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] bytes = Samples.pngOfSize(200 * 1024, i);
            String name = "big" + i + ".png";
            results.add(
                    CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    start.await();
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                                return upload(
                                                asCustomerOf(caseId),
                                                caseId,
                                                name,
                                                bytes,
                                                "image/png")
                                        .statusCode();
                            },
                            pool));
        }
        long created = 0;
        long refused = 0;
        for (CompletableFuture<Integer> r : results) {
            int status = r.get();
            created += status == 201 ? 1 : 0;
            refused += status == 409 ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(3, created);
        assertEquals(2, refused);
    }
}
