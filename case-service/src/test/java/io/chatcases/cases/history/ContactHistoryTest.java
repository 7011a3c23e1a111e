package io.chatcases.cases.history;

import static io.chatcases.cases.support.Fixtures.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.service.Caller;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.cases.support.IngestTopic;
import io.chatcases.events.Channel;
import io.chatcases.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * RULE: history: the Case panel shows the Contact's other Cases, open and past, whoever owns them,
 * to whoever may read the Case on screen, read-only; nothing of another Contact, and nothing for a
 * Case the caller may not read.
 */
@QuarkusTest
class ContactHistoryTest {
    @Inject CaseService cases;

    private ChatCase startFor(CaseService.ContactMatch contact) {
        return await(() -> cases.start(Channel.WEB_CONNECT, contact)).kase();
    }

    private static CaseService.ContactMatch contact(String tag) {
        UUID id = UUID.randomUUID();
        return new CaseService.ContactMatch(
                id, tag + "-" + id + "@example.com", "Hilda", "History", "HH");
    }

    @Test
    void anAgentReadsTheContactsPastAndColleaguesCasesButNoOtherContacts() {
        CaseService.ContactMatch hilda = contact("history");
        Caller bob = Fixtures.agent("bob-hist-" + UUID.randomUUID());
        Caller carol = Fixtures.agent("carol-hist-" + UUID.randomUUID());
        ChatCase past = startFor(hilda);
        await(() -> cases.claim(past.id, bob));
        try (IngestTopic ingest = new IngestTopic()) {
            ingest.send(IngestTopic.customerText(past.id, "h-1", "my parcel never came"));
        }
        awaitText(past.id, "my parcel never came");
        await(() -> cases.resolve(past.id, bob));
        ChatCase carols = startFor(hilda);
        await(() -> cases.claim(carols.id, carol));
        ChatCase current = startFor(hilda);
        ChatCase stranger = startFor(contact("stranger"));

        // Alice may read the NEW Case on screen: she sees the Contact's two other Cases, newest
        // first, whoever owns them; never the Case itself nor another Contact's.
        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/cases/{id}/history", current.id)
                .then()
                .statusCode(200)
                .body("caseId", contains(carols.id.toString(), past.id.toString()))
                .body("status", contains("READY", "RESOLVED"))
                .body("owner.id", contains(carol.id(), bob.id()));
        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/cases/{id}/history/{other}/messages", current.id, past.id)
                .then()
                .statusCode(200)
                .body("text", hasItem("my parcel never came"))
                .body("text", hasItem(containsString("resolved by")));
        // Read-only: the past Case itself stays closed to her outside the history.
        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/cases/{id}/messages", past.id)
                .then()
                .statusCode(403);
        // Another Contact's Case is never reachable through this history.
        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/cases/{id}/history/{other}/messages", current.id, stranger.id)
                .then()
                .statusCode(404)
                .body("detail", containsString("history"));
        // Nor the Case on screen itself, nor a Case that does not exist.
        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/cases/{id}/history/{other}/messages", current.id, current.id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/cases/{id}/history/{other}/messages", current.id, UUID.randomUUID())
                .then()
                .statusCode(404);
    }

    @Test
    void aCaseTheCallerMayNotReadOpensNoHistory() {
        CaseService.ContactMatch hilda = contact("history-forbidden");
        Caller carol = Fixtures.agent("carol-hist-" + UUID.randomUUID());
        ChatCase past = startFor(hilda);
        ChatCase carols = startFor(hilda);
        await(() -> cases.claim(carols.id, carol));

        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/cases/{id}/history", carols.id)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/cases/{id}/history/{other}/messages", carols.id, past.id)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.of("viewer"))
                .get("/cases/{id}/history", past.id)
                .then()
                .statusCode(403);
        // An admin sees every Case's history.
        given().auth()
                .oauth2(Tokens.of("admin"))
                .get("/cases/{id}/history", carols.id)
                .then()
                .statusCode(200)
                .body("caseId", contains(past.id.toString()));
    }

    @Test
    void aCaseAloneHasAnEmptyHistoryAndTheLimitIsChecked() {
        ChatCase alone = startFor(contact("alone"));
        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/cases/{id}/history", alone.id)
                .then()
                .statusCode(200)
                .body("", empty());
        given().auth()
                .oauth2(Tokens.of("alice"))
                .queryParam("limit", 0)
                .get("/cases/{id}/history", alone.id)
                .then()
                .statusCode(400)
                .body("detail", containsString("limit"));
    }

    private void awaitText(UUID caseId, String text) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        List<?> texts = List.of();
        while (System.nanoTime() < deadline) {
            texts =
                    given().auth()
                            .oauth2(Tokens.service())
                            .get("/cases/{id}/messages", caseId)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("text");
            if (texts.contains(text)) return;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertEquals(List.of(text), texts, "the message is stored in time");
    }
}
