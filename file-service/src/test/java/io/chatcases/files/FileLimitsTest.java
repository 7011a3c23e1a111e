package io.chatcases.files;

import static io.chatcases.files.support.Api.asCustomerOf;
import static io.chatcases.files.support.Api.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.chatcases.files.config.FilesConfig;
import io.chatcases.files.support.CaseServiceDouble;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the UI is told before uploading, and refusals in words rather than MIME types. */
@QuarkusTest
class FileLimitsTest {
    @Inject FilesConfig config;

    @Test
    void theLimitsArePublicAndComeFromTheServicesOwnSettings() {
        given().when()
                .get("/files/limits")
                .then()
                .statusCode(200)
                .body("maxBytes", equalTo((int) config.maxSize().asLongValue()))
                .body(
                        "allowed",
                        equalTo(
                                "images, PDF, text files, audio, video, Office documents and"
                                        + " OpenDocument files"));
    }

    @Test
    void aWindowsProgramIsRefusedInWords() {
        UUID caseId = CaseServiceDouble.newCase();
        byte[] exe =
                "MZ\u0090\u0000\u0003\u0000\u0000\u0000 not really a program"
                        .getBytes(StandardCharsets.ISO_8859_1);
        upload(asCustomerOf(caseId), caseId, "setup.exe", exe, "application/octet-stream")
                .then()
                .statusCode(415)
                .body("code", equalTo("UNSUPPORTED_TYPE"))
                .body(
                        "detail",
                        equalTo(
                                "This file type isn't allowed (Windows program). Allowed: images,"
                                        + " PDF, text files, audio, video, Office documents and"
                                        + " OpenDocument files."));
    }

    @Test
    void aTooLargeFileSaysBothSizesInWords() {
        UUID caseId = CaseServiceDouble.newCase();
        byte[] big = new byte[(int) config.maxSize().asLongValue() + 1];
        upload(asCustomerOf(caseId), caseId, "big.txt", big, "text/plain")
                .then()
                .statusCode(413)
                .body("code", equalTo("TOO_LARGE"))
                .body("detail", equalTo("This file is 256 KB; files can be up to 256 KB."));
    }
}
