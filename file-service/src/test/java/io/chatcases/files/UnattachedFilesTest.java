package io.chatcases.files;

import static io.chatcases.files.support.Api.asCustomerOf;
import static io.chatcases.files.support.Api.asSystem;
import static io.chatcases.files.support.Api.uploaded;

import io.chatcases.files.service.Attachments;
import io.chatcases.files.support.CaseServiceDouble;
import io.chatcases.files.support.Samples;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Uploads never sent in a message are deleted after the grace; attached ones are kept. */
@QuarkusTest
class UnattachedFilesTest {
    @Inject Attachments attachments;
    @Inject Pool pool;

    @Test
    void theSweepDeletesOldFilesNoMessageTookUpAndKeepsTheRest() {
        UUID caseId = CaseServiceDouble.newCase();
        UUID sent = uploaded(caseId, "sent.png", Samples.png());
        UUID neverSent = uploaded(caseId, "never-sent.png", Samples.png());
        UUID recent = uploaded(caseId, "recent.png", Samples.png());
        // case-service's metadata check as it ingests the FILE message attaches the file.
        asSystem().when().get("/cases/" + caseId + "/files/" + sent).then().statusCode(200);
        // Two days pass for the first two (the grace is 24 h).
        pool.preparedQuery(
                        "UPDATE stored_file SET created_at = now() - interval '2 days'"
                                + " WHERE id = ANY($1::uuid[])")
                .execute(Tuple.of(new UUID[] {sent, neverSent}))
                .await()
                .indefinitely();

        attachments.sweep().await().indefinitely();

        asCustomerOf(caseId).when().get("/files/" + sent).then().statusCode(200);
        asCustomerOf(caseId).when().get("/files/" + recent).then().statusCode(200);
        asCustomerOf(caseId).when().get("/files/" + neverSent).then().statusCode(404);
        // Too late to send it now: the check case-service makes answers 404, so no message can
        // point at the deleted file.
        asSystem().when().get("/cases/" + caseId + "/files/" + neverSent).then().statusCode(404);
    }

    @Test
    void onlyAServiceActingAsItselfAttachesAFile() {
        UUID caseId = CaseServiceDouble.newCase();
        UUID viewed = uploaded(caseId, "viewed.png", Samples.png());
        // The customer (through the gateway) looking at the metadata does not attach it.
        asCustomerOf(caseId)
                .when()
                .get("/cases/" + caseId + "/files/" + viewed)
                .then()
                .statusCode(200);
        pool.preparedQuery(
                        "UPDATE stored_file SET created_at = now() - interval '2 days'"
                                + " WHERE id = $1")
                .execute(Tuple.of(viewed))
                .await()
                .indefinitely();
        attachments.sweep().await().indefinitely();
        asCustomerOf(caseId).when().get("/files/" + viewed).then().statusCode(404);
    }
}
