package io.chatcases.cases.transcripts;

import static io.chatcases.cases.support.Fixtures.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.service.MessageService;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.cases.support.IngestTopic;
import io.chatcases.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** GET /cases/{id}/transcript: the text, its headers, and who may read it. */
@QuarkusTest
class TranscriptDownloadTest {
    @Inject CaseService cases;
    @Inject MessageService messages;

    @Test
    void theServiceGetsTheConversationAsAPlainTextAttachment() {
        ChatCase c = Fixtures.startCase(cases);
        await(
                () ->
                        messages.ingest(
                                IngestTopic.customerText(c.id, "m1", "Hello \u202Eevil"), null));
        await(() -> cases.claim(c.id, Fixtures.agent("cleo")));
        await(
                () ->
                        messages.ingest(
                                IngestTopic.userText(c.id, "agent-cleo", "m2", "Hi, I'm Cleo"),
                                null));

        Response r =
                given().auth()
                        .oauth2(Tokens.service())
                        .get("/cases/{id}/transcript", c.id)
                        .then()
                        .statusCode(200)
                        .header("Content-Type", "text/plain; charset=utf-8")
                        .header(
                                "Content-Disposition",
                                "attachment; filename=\"chat-" + c.number + ".txt\"")
                        .header("X-Content-Type-Options", "nosniff")
                        .extract()
                        .response();
        String text = r.asString();
        assertTrue(text.startsWith("Chat Cases transcript: Case " + c.number + "\n"), text);
        assertTrue(text.contains("Customer: Cus Tomer\n"), text);
        assertTrue(text.contains("(the chat is still open)"), text);
        int hello = text.indexOf("] Cus Tomer:\n    Hello \uFFFDevil\n");
        int claimed = text.indexOf("] Chat Cases:\n    You are now chatting with Cleo Tester\n");
        int reply = text.indexOf("] Agent agent-cleo:\n    Hi, I'm Cleo\n");
        assertTrue(hello > 0 && claimed > hello && reply > claimed, text);
        assertFalse(text.contains("\u202E"), text);
    }

    @Test
    void anAgentReadsTheTranscriptOfACaseTheyMaySee() {
        ChatCase c = Fixtures.startCase(cases);
        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/cases/{id}/transcript", c.id)
                .then()
                .statusCode(200);
    }

    @Test
    void anotherAgentsCaseIsForbiddenWithAProblem() {
        ChatCase c = Fixtures.startCase(cases);
        await(() -> cases.claim(c.id, Fixtures.agent("cleo")));
        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/cases/{id}/transcript", c.id)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void anUnknownCaseIsNotFoundWithAProblem() {
        given().auth()
                .oauth2(Tokens.service())
                .get("/cases/{id}/transcript", UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void withoutATokenOrTheRoleItIsRefused() {
        UUID id = UUID.randomUUID();
        given().get("/cases/{id}/transcript", id).then().statusCode(401);
        given().auth()
                .oauth2(Tokens.of("viewer"))
                .get("/cases/{id}/transcript", id)
                .then()
                .statusCode(403);
    }

    @Test
    void aMalformedCaseIdIsNotFound() {
        assertEquals(
                404,
                given().auth()
                        .oauth2(Tokens.service())
                        .get("/cases/not-a-uuid/transcript")
                        .statusCode());
    }
}
