package io.chatcases.files;

import static io.chatcases.files.support.Api.asCustomerOf;
import static io.chatcases.files.support.Api.asSystem;
import static io.chatcases.files.support.Api.upload;
import static io.chatcases.files.support.Api.uploaded;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatcases.files.support.CaseServiceDouble;
import io.chatcases.files.support.Samples;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What a stored file does, whatever the backend: each storage has a subclass running these same
 * tests against it ({@link LocalDiskStorageTest}, {@link S3StorageTest}).
 */
abstract class StoredFileBehaviour {

    /** The storage keys that exist for the Case, read from the backend itself. */
    protected abstract List<String> storedKeys(UUID caseId) throws IOException;

    @Test
    void uploadedFileDownloadsAsIdenticalBytesWithSafeHeaders() throws IOException {
        UUID caseId = CaseServiceDouble.newCase();
        byte[] png = Samples.png();
        Response created =
                upload(asCustomerOf(caseId), caseId, "Grüße aus Köln.png", png, "image/png");
        created.then()
                .statusCode(201)
                .header("Location", containsString("/files/"))
                .body("name", equalTo("Grüße aus Köln.png"))
                .body("size", equalTo(png.length))
                .body("contentType", equalTo("image/png"));
        UUID fileId = UUID.fromString(created.path("fileId"));

        Response download = asCustomerOf(caseId).when().get("/files/" + fileId);
        download.then()
                .statusCode(200)
                .contentType("image/png")
                .header("X-Content-Type-Options", "nosniff")
                .header("Accept-Ranges", "bytes")
                .header("ETag", "\"" + Samples.sha256(png) + "\"")
                .header("Content-Length", String.valueOf(png.length))
                .header("Transfer-Encoding", nullValue())
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"Gr__e aus K_ln.png\";"
                                + " filename*=UTF-8''Gr%C3%BC%C3%9Fe%20aus%20K%C3%B6ln.png");
        byte[] body = download.asByteArray();
        assertArrayEquals(png, body);
        assertEquals(Samples.sha256(png), Samples.sha256(body));
        assertEquals(List.of(caseId + "/" + fileId), storedKeys(caseId));
    }

    @Test
    void fileOverTheLimitIsRefusedAndNothingIsStored() throws IOException {
        UUID caseId = CaseServiceDouble.newCase();
        byte[] tooBig = Samples.pngOfSize(256 * 1024 + 1, 1);
        upload(asCustomerOf(caseId), caseId, "big.png", tooBig, "image/png")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("TOO_LARGE"))
                .body("status", equalTo(413));
        assertNothingStored(caseId);
    }

    @Test
    void bodyFarOverTheLimitIsCutOffAndNothingIsStored() throws IOException {
        UUID caseId = CaseServiceDouble.newCase();
        byte[] huge = Samples.pngOfSize(3 * 1024 * 1024, 2);
        upload(asCustomerOf(caseId), caseId, "huge.png", huge, "image/png")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("TOO_LARGE"));
        assertNothingStored(caseId);
    }

    @Test
    void htmlNamedPngAndSentAsPngIsRefused() throws IOException {
        UUID caseId = CaseServiceDouble.newCase();
        upload(asCustomerOf(caseId), caseId, "cat.png", Samples.html(), "image/png")
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("code", equalTo("UNSUPPORTED_TYPE"))
                .body(
                        "detail",
                        startsWith("This file type isn't allowed (web page). Allowed: images"));
        assertNothingStored(caseId);
    }

    @Test
    void svgNamedPngAndSentAsPngIsRefused() throws IOException {
        UUID caseId = CaseServiceDouble.newCase();
        upload(asCustomerOf(caseId), caseId, "cat.png", Samples.svg(), "image/png")
                .then()
                .statusCode(415)
                .body("code", equalTo("UNSUPPORTED_TYPE"))
                .body("detail", containsString("(SVG image)"));
        assertNothingStored(caseId);
    }

    @Test
    void pathTraversalNameIsKeptOnlyAsSanitisedMetadata() throws IOException {
        UUID caseId = CaseServiceDouble.newCase();
        Response created =
                upload(
                        asCustomerOf(caseId),
                        caseId,
                        "../../etc/passwd.png",
                        Samples.png(),
                        "image/png");
        created.then().statusCode(201).body("name", equalTo("passwd.png"));
        UUID fileId = UUID.fromString(created.path("fileId"));
        assertEquals(List.of(caseId + "/" + fileId), storedKeys(caseId));
        asCustomerOf(caseId)
                .when()
                .get("/files/" + fileId)
                .then()
                .statusCode(200)
                .header("Content-Disposition", startsWith("attachment; filename=\"passwd.png\""));
    }

    @Test
    void singleRangesAnswerPartialContentWithExactBytes() {
        UUID caseId = CaseServiceDouble.newCase();
        byte[] bytes = Samples.pngOfSize(100_000, 3);
        UUID fileId = uploaded(caseId, "clip.png", bytes);

        assertRange(caseId, fileId, "bytes=0-99", 0, 100, bytes);
        assertRange(caseId, fileId, "bytes=99990-", 99_990, 10, bytes);
        assertRange(caseId, fileId, "bytes=-5", 99_995, 5, bytes);
        assertRange(caseId, fileId, "bytes=50000-50000", 50_000, 1, bytes);
        assertRange(caseId, fileId, "bytes=99000-200000", 99_000, 1000, bytes);
    }

    @Test
    void rangeStartingPastTheEndIsNotSatisfiable() {
        UUID caseId = CaseServiceDouble.newCase();
        UUID fileId = uploaded(caseId, "clip.png", Samples.pngOfSize(1000, 4));
        asCustomerOf(caseId)
                .header("Range", "bytes=1000-")
                .when()
                .get("/files/" + fileId)
                .then()
                .statusCode(416)
                .header("Content-Range", "bytes */1000")
                .contentType("application/problem+json")
                .body("code", equalTo("RANGE_NOT_SATISFIABLE"));
    }

    @Test
    void rangeUnderAStaleIfRangeSendsTheWholeFile() {
        UUID caseId = CaseServiceDouble.newCase();
        byte[] bytes = Samples.pngOfSize(2000, 5);
        UUID fileId = uploaded(caseId, "clip.png", bytes);
        byte[] body =
                asCustomerOf(caseId)
                        .header("Range", "bytes=0-9")
                        .header("If-Range", "\"an-older-version\"")
                        .when()
                        .get("/files/" + fileId)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray();
        assertArrayEquals(bytes, body);
    }

    @Test
    void matchingIfNoneMatchAnswersNotModified() {
        UUID caseId = CaseServiceDouble.newCase();
        byte[] png = Samples.png();
        UUID fileId = uploaded(caseId, "a.png", png);
        String etag = "\"" + Samples.sha256(png) + "\"";
        asCustomerOf(caseId)
                .header("If-None-Match", etag)
                .when()
                .get("/files/" + fileId)
                .then()
                .statusCode(304)
                .header("ETag", etag)
                .body(emptyOrNullString());
        asCustomerOf(caseId)
                .header("If-None-Match", "\"something-else\"")
                .when()
                .get("/files/" + fileId)
                .then()
                .statusCode(200);
    }

    private static void assertRange(
            UUID caseId, UUID fileId, String range, int start, int length, byte[] whole) {
        byte[] body =
                asCustomerOf(caseId)
                        .header("Range", range)
                        .when()
                        .get("/files/" + fileId)
                        .then()
                        .statusCode(206)
                        .header(
                                "Content-Range",
                                "bytes " + start + "-" + (start + length - 1) + "/" + whole.length)
                        .header("Content-Length", String.valueOf(length))
                        .extract()
                        .asByteArray();
        assertArrayEquals(Arrays.copyOfRange(whole, start, start + length), body, range);
    }

    private void assertNothingStored(UUID caseId) throws IOException {
        asSystem()
                .when()
                .get("/cases/" + caseId + "/files")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        assertEquals(List.of(), storedKeys(caseId), "blobs of the Case");
        Path uploads =
                Path.of(
                        ConfigProvider.getConfig()
                                .getValue("quarkus.http.body.uploads-directory", String.class));
        // Quarkus deletes the spooled part when the request ends, just after the answer is sent.
        long deadline = System.currentTimeMillis() + 3000;
        List<Path> left = spooled(uploads);
        while (!left.isEmpty() && System.currentTimeMillis() < deadline) {
            sleep();
            left = spooled(uploads);
        }
        assertEquals(List.of(), left, "spooled uploads left behind");
    }

    private static List<Path> spooled(Path uploads) throws IOException {
        if (!Files.exists(uploads)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(uploads)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
