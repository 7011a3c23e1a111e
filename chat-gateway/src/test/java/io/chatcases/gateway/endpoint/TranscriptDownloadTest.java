package io.chatcases.gateway.endpoint;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.events.CaseStatus;
import io.chatcases.events.CaseView;
import io.chatcases.events.Channel;
import io.chatcases.gateway.client.CustomerTokens;
import io.chatcases.gateway.protocol.Frames;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * GET /api/chats/{caseId}/transcript: the customer's own Case only (401 / 403 problems), the text
 * and its attachment name as case-service wrote them, UTF-8 said explicitly.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeCaseService.class, restrictToAnnotatedClass = true)
class TranscriptDownloadTest {
    @Inject CustomerTokens tokens;

    @Test
    void theCustomerGetsTheirTranscriptAsAUtf8Attachment() {
        CaseView kase = FakeCaseService.add(Channel.WEB_CONNECT, CaseStatus.CLOSED, null);
        Response r =
                given().auth()
                        .oauth2(tokens.issue(kase.caseId()))
                        .get("/api/chats/" + kase.caseId() + "/transcript")
                        .andReturn();
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals("text/plain; charset=utf-8", r.header("Content-Type"));
        assertEquals(
                "attachment; filename=\"chat-" + kase.number() + ".txt\"",
                r.header("Content-Disposition"));
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertTrue(r.header("Cache-Control").contains("no-store"));
        assertEquals(
                FakeCaseService.transcriptOf(kase),
                new String(r.asByteArray(), StandardCharsets.UTF_8));
    }

    @Test
    void anotherCasesTokenAndNoTokenAreRefusedWithProblems() throws Exception {
        CaseView mine = FakeCaseService.add(Channel.WEB_CONNECT, CaseStatus.READY, null);
        CaseView other = FakeCaseService.add(Channel.WEB_CONNECT, CaseStatus.READY, null);
        String path = "/api/chats/" + other.caseId() + "/transcript";

        Response foreign = given().auth().oauth2(tokens.issue(mine.caseId())).get(path).andReturn();
        assertEquals(403, foreign.statusCode());
        assertTrue(foreign.contentType().startsWith("application/problem+json"));
        assertEquals("FORBIDDEN", Frames.JSON.readTree(foreign.asString()).path("code").asText());

        Response none = given().get(path).andReturn();
        assertEquals(401, none.statusCode());
        assertEquals("UNAUTHORIZED", Frames.JSON.readTree(none.asString()).path("code").asText());
    }

    @Test
    void anUnknownCaseIsNotFound() throws Exception {
        UUID gone = UUID.randomUUID();
        Response r =
                given().auth()
                        .oauth2(tokens.issue(gone))
                        .get("/api/chats/" + gone + "/transcript")
                        .andReturn();
        assertEquals(404, r.statusCode());
        assertEquals("NOT_FOUND", Frames.JSON.readTree(r.asString()).path("code").asText());
    }
}
