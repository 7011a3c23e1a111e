package io.chatcases.files;

import static io.chatcases.files.support.Api.asCustomerOf;
import static io.chatcases.files.support.Api.asUser;
import static io.chatcases.files.support.Api.uploaded;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatcases.files.support.CaseServiceDouble;
import io.chatcases.files.support.Samples;
import io.chatcases.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who may download a file and read a Case's Files tab. */
@QuarkusTest
class DownloadAuthorisationTest {

    @Test
    void customerOfOneCaseCannotDownloadAnotherCasesFile() {
        UUID caseA = CaseServiceDouble.newCase();
        UUID caseB = CaseServiceDouble.newCase();
        UUID fileOfB = uploaded(caseB, "b.png", Samples.png());
        asCustomerOf(caseA)
                .when()
                .get("/files/" + fileOfB)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void customerOfOneCaseCannotListAnotherCasesFiles() {
        UUID caseA = CaseServiceDouble.newCase();
        UUID caseB = CaseServiceDouble.newCase();
        uploaded(caseB, "b.png", Samples.png());
        asCustomerOf(caseA).when().get("/cases/" + caseB + "/files").then().statusCode(403);
        asCustomerOf(caseB)
                .when()
                .get("/cases/" + caseB + "/files")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1));
    }

    @Test
    void agentWhomCaseServiceRefusesTheCaseCannotDownload() {
        UUID caseId = CaseServiceDouble.newCase();
        UUID fileId = uploaded(caseId, "a.png", Samples.png());
        CaseServiceDouble.answer(caseId, CaseServiceDouble.ANOTHER_AGENTS);
        asUser("bob")
                .when()
                .get("/files/" + fileId)
                .then()
                .statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        asUser("bob").when().get("/cases/" + caseId + "/files").then().statusCode(403);
    }

    @Test
    void agentMayDownloadWhenCaseServiceAgreesAskedWithTheAgentsOwnToken() {
        UUID caseId = CaseServiceDouble.newCase();
        byte[] png = Samples.png();
        UUID fileId = uploaded(caseId, "a.png", png);
        String token = Tokens.of("carol");
        byte[] body =
                given().auth()
                        .oauth2(token)
                        .when()
                        .get("/files/" + fileId)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray();
        assertArrayEquals(png, body);
        assertEquals(Optional.of("Bearer " + token), CaseServiceDouble.authorizationSeen(caseId));
    }

    @Test
    void unknownFileIsNotFound() {
        asUser("alice")
                .when()
                .get("/files/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void downloadNeedsAnAgentOrServiceToken() {
        UUID caseId = CaseServiceDouble.newCase();
        UUID fileId = uploaded(caseId, "a.png", Samples.png());
        given().when().get("/files/" + fileId).then().statusCode(401);
        asUser("viewer").when().get("/files/" + fileId).then().statusCode(403);
    }
}
