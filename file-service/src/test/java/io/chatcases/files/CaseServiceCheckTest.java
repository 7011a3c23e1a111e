package io.chatcases.files;

import static io.chatcases.files.support.Api.asUser;
import static io.chatcases.files.support.Api.uploaded;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.files.support.CaseServiceDouble;
import io.chatcases.files.support.Samples;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The call to case-service (the REST client against a real HTTP server): when it cannot answer in
 * time, or answers with an error, agents are refused with 503: access is never granted by default.
 */
@QuarkusTest
class CaseServiceCheckTest {

    @Test
    void caseServiceTooSlowFailsClosedAfterTheTimeout() {
        UUID caseId = CaseServiceDouble.newCase();
        UUID fileId = uploaded(caseId, "a.png", Samples.png());
        CaseServiceDouble.answer(caseId, "hang");
        long start = System.nanoTime();
        asUser("alice")
                .when()
                .get("/files/" + fileId)
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("code", equalTo("UNAVAILABLE"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 1900 && millis < 6000, "answered after " + millis + " ms");
    }

    @Test
    void caseServiceErrorFailsClosed() {
        UUID caseId = CaseServiceDouble.newCase();
        CaseServiceDouble.answer(caseId, "500");
        asUser("alice")
                .when()
                .get("/cases/" + caseId + "/files")
                .then()
                .statusCode(503)
                .body("code", equalTo("UNAVAILABLE"));
    }

    @Test
    void caseServiceDroppingTheConnectionFailsClosed() {
        UUID caseId = CaseServiceDouble.newCase();
        CaseServiceDouble.answer(caseId, "drop");
        asUser("alice")
                .when()
                .get("/cases/" + caseId + "/files")
                .then()
                .statusCode(503)
                .body("code", equalTo("UNAVAILABLE"));
    }
}
