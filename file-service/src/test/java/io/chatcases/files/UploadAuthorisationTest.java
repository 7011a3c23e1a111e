package io.chatcases.files;

import static io.chatcases.files.support.Api.asCustomerOf;
import static io.chatcases.files.support.Api.asSystem;
import static io.chatcases.files.support.Api.asUser;
import static io.chatcases.files.support.Api.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatcases.files.support.CaseServiceDouble;
import io.chatcases.files.support.Samples;
import io.chatcases.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who may upload to which Case. */
@QuarkusTest
class UploadAuthorisationTest {

    @Test
    void customerOfOneCaseCannotUploadToAnother() {
        UUID caseA = CaseServiceDouble.newCase();
        UUID caseB = CaseServiceDouble.newCase();
        upload(asCustomerOf(caseA), caseB, "a.png", Samples.png(), "image/png")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("FORBIDDEN"));
        assertNoFiles(caseB);
    }

    @Test
    void agentWhomCaseServiceRefusesTheCaseIsForbidden() {
        UUID caseId = CaseServiceDouble.newCase();
        CaseServiceDouble.answer(caseId, CaseServiceDouble.ANOTHER_AGENTS);
        upload(asUser("bob"), caseId, "a.png", Samples.png(), "image/png")
                .then()
                .statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        assertNoFiles(caseId);
    }

    @Test
    void uploadToACaseCaseServiceDoesNotKnowIsNotFound() {
        UUID caseId = UUID.randomUUID();
        upload(asUser("alice"), caseId, "a.png", Samples.png(), "image/png")
                .then()
                .statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        assertNoFiles(caseId);
    }

    @Test
    void agentMayUploadWhenCaseServiceAgreesAskedWithTheAgentsOwnToken() {
        UUID caseId = CaseServiceDouble.newCase();
        String token = Tokens.of("alice");
        upload(given().auth().oauth2(token), caseId, "a.png", Samples.png(), "image/png")
                .then()
                .statusCode(201);
        assertEquals(Optional.of("Bearer " + token), CaseServiceDouble.authorizationSeen(caseId));
    }

    @Test
    void serviceActingAsItselfMayUploadToAnyCase() {
        UUID caseId = CaseServiceDouble.newCase();
        upload(asSystem(), caseId, "a.png", Samples.png(), "image/png").then().statusCode(201);
        assertEquals(Optional.empty(), CaseServiceDouble.authorizationSeen(caseId));
    }

    @Test
    void signedInUserWithoutAgentRoleIsForbidden() {
        UUID caseId = CaseServiceDouble.newCase();
        upload(asUser("viewer"), caseId, "a.png", Samples.png(), "image/png")
                .then()
                .statusCode(403);
        assertNoFiles(caseId);
    }

    @Test
    void uploadWithoutTokenIsUnauthorized() {
        UUID caseId = CaseServiceDouble.newCase();
        upload(given(), caseId, "a.png", Samples.png(), "image/png").then().statusCode(401);
        String token = Tokens.of("alice");
        String forged = token.substring(0, token.length() - 4) + "AAAA";
        upload(given().auth().oauth2(forged), caseId, "a.png", Samples.png(), "image/png")
                .then()
                .statusCode(401);
        assertNoFiles(caseId);
    }

    @Test
    void malformedChatCaseHeaderIsABadRequest() {
        UUID caseId = CaseServiceDouble.newCase();
        upload(
                        asSystem().header("X-Chat-Case", "not-a-case"),
                        caseId,
                        "a.png",
                        Samples.png(),
                        "image/png")
                .then()
                .statusCode(400)
                .body("code", equalTo("BAD_REQUEST"));
    }

    @Test
    void formWithoutCaseOrFileIsABadRequest() {
        asSystem()
                .multiPart("file", "a.png", Samples.png(), "image/png")
                .when()
                .post("/files")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("The form needs a 'caseId' field"));
        asSystem()
                .multiPart("caseId", UUID.randomUUID().toString())
                .when()
                .post("/files")
                .then()
                .statusCode(400)
                .body("detail", equalTo("The form needs a 'file' part"));
    }

    private static void assertNoFiles(UUID caseId) {
        asSystem()
                .when()
                .get("/cases/" + caseId + "/files")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }
}
