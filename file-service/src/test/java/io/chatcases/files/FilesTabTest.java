package io.chatcases.files;

import static io.chatcases.files.support.Api.asCustomerOf;
import static io.chatcases.files.support.Api.asSystem;
import static io.chatcases.files.support.Api.asUser;
import static io.chatcases.files.support.Api.upload;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;

import io.chatcases.files.support.CaseServiceDouble;
import io.chatcases.files.support.Samples;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Files tab list and the metadata check case-service makes before a FILE message. */
@QuarkusTest
class FilesTabTest {

    @Test
    void listsTheCasesFilesNewestFirstWithWhoSentThemAndWhen() {
        UUID caseId = CaseServiceDouble.newCase();
        String first = uploadedBy(asCustomerOf(caseId), caseId, "first.png");
        String second = uploadedBy(asUser("alice"), caseId, "second.png");
        String third = uploadedBy(asSystem(), caseId, "third.png");
        uploadedBy(asSystem(), UUID.randomUUID(), "other-case.png");

        asUser("alice")
                .when()
                .get("/cases/" + caseId + "/files")
                .then()
                .statusCode(200)
                .body("fileId", contains(third, second, first))
                .body("name", contains("third.png", "second.png", "first.png"))
                .body("uploaderType", contains("SYSTEM", "AGENT", "CUSTOMER"))
                .body("uploaderName[1]", equalTo("Alice Anderson"))
                .body("uploaderName[2]", equalTo("Customer"))
                .body("contentType", everyItem(equalTo("image/png")))
                .body("createdAt", everyItem(notNullValue()));
    }

    @Test
    void metadataIsFoundOnlyUnderTheFilesOwnCase() {
        UUID caseId = CaseServiceDouble.newCase();
        byte[] png = Samples.png();
        String fileId = uploadedBy(asCustomerOf(caseId), caseId, "a.png");
        asSystem()
                .when()
                .get("/cases/" + caseId + "/files/" + fileId)
                .then()
                .statusCode(200)
                .body("fileId", equalTo(fileId))
                .body("name", equalTo("a.png"))
                .body("size", equalTo(png.length))
                .body("contentType", equalTo("image/png"));
        asSystem()
                .when()
                .get("/cases/" + UUID.randomUUID() + "/files/" + fileId)
                .then()
                .statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }

    private static String uploadedBy(
            io.restassured.specification.RequestSpecification as, UUID caseId, String name) {
        return upload(as, caseId, name, Samples.png(), "image/png")
                .then()
                .statusCode(201)
                .extract()
                .path("fileId");
    }
}
