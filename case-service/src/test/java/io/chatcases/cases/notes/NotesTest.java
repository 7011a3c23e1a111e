package io.chatcases.cases.notes;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.support.CaseEventsTopic;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.cases.support.IngestTopic;
import io.chatcases.events.EventType;
import io.chatcases.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Private notes over HTTP with real Keycloak tokens (RULE: note-visibility): who may write one,
 * where it sits in the conversation, and that the customer-facing read path (the gateway's service
 * token) never serves one.
 */
@QuarkusTest
class NotesTest {
    @Inject CaseService cases;

    private static Response note(String user, Object caseId, String clientMsgId, String text) {
        return given().auth()
                .oauth2(Tokens.of(user))
                .contentType(ContentType.JSON)
                .body(Map.of("clientMsgId", clientMsgId, "text", text))
                .post("/cases/{id}/notes", caseId);
    }

    private static List<Map<String, Object>> messages(String token, Object caseId) {
        return given().auth()
                .oauth2(token)
                .get("/cases/{id}/messages?after=0", caseId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    private static List<Object> kinds(List<Map<String, Object>> messages) {
        return messages.stream().map(m -> m.get("kind")).toList();
    }

    private ChatCase claimedBy(String agent) {
        ChatCase c = Fixtures.startCase(cases);
        given().auth()
                .oauth2(Tokens.of(agent))
                .post("/cases/{id}/claim", c.id)
                .then()
                .statusCode(200);
        return c;
    }

    @Test
    void aNoteSitsBetweenTheMessagesForAgentsAndIsNeverServedForTheCustomer() {
        ChatCase c = claimedBy("alice");
        Response r = note("alice", c.id, "n-" + UUID.randomUUID(), "Refund approved by Bob");
        assertEquals(201, r.statusCode(), r.asString());
        assertEquals("NOTE", r.jsonPath().getString("kind"));
        assertEquals("USER", r.jsonPath().getString("sender.type"));
        assertTrue(r.jsonPath().getString("sender.name").startsWith("Alice "));
        long noteSeq = r.jsonPath().getLong("seq");
        try (IngestTopic ingest = new IngestTopic()) {
            ingest.send(IngestTopic.customerText(c.id, "after-note", "any news?"));
        }
        CaseEventsTopic.awaitEvents(
                Set.of(c.id.toString()),
                ev ->
                        ev.stream()
                                .anyMatch(
                                        e ->
                                                "after-note"
                                                        .equals(
                                                                e.payload()
                                                                        .at("/message/clientMsgId")
                                                                        .asText())),
                Duration.ofSeconds(30));

        List<Map<String, Object>> agents = messages(Tokens.of("alice"), c.id);
        int at = kinds(agents).indexOf("NOTE");
        assertEquals(noteSeq, ((Number) agents.get(at).get("seq")).longValue());
        assertEquals("SYSTEM", agents.get(at - 1).get("kind"), "the claim before the note");
        assertEquals("any news?", agents.get(at + 1).get("text"), "the customer after it");
        assertEquals(kinds(agents), kinds(messages(Tokens.of("admin"), c.id)));

        List<Map<String, Object>> customers = messages(Tokens.service(), c.id);
        assertFalse(kinds(customers).contains("NOTE"), customers.toString());
        assertEquals(agents.size() - 1, customers.size());
        assertTrue(
                customers.stream().noneMatch(m -> "Refund approved by Bob".equals(m.get("text"))));
        // Paging after the note's seq from the customer side goes straight on to the next one.
        List<Map<String, Object>> after =
                given().auth()
                        .oauth2(Tokens.service())
                        .get("/cases/{id}/messages?after=" + (noteSeq - 1), c.id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("$");
        assertEquals(noteSeq + 1, ((Number) after.get(0).get("seq")).longValue());

        // The note travels as message.posted (to agents' consoles) carrying kind NOTE.
        CaseEventsTopic.Event posted =
                CaseEventsTopic.eventsFor(Set.of(c.id.toString())).stream()
                        .filter(e -> e.type() == EventType.MESSAGE_POSTED)
                        .filter(e -> e.payload().at("/message/seq").asLong() == noteSeq)
                        .findFirst()
                        .orElseThrow();
        assertEquals("NOTE", posted.payload().at("/message/kind").asText());
    }

    @Test
    void onlyThoseWhoMaySeeTheCaseWriteNotes() {
        ChatCase c = claimedBy("alice");
        Response bob = note("bob", c.id, "bob-1", "I should not");
        assertEquals(403, bob.statusCode(), bob.asString());
        assertEquals("FORBIDDEN", bob.jsonPath().getString("code"));
        assertTrue(bob.contentType().startsWith("application/problem+json"), bob.contentType());
        // An admin sees every Case; anyone sees a NEW one.
        assertEquals(201, note("admin", c.id, "admin-1", "checked").statusCode());
        ChatCase fresh = Fixtures.startCase(cases);
        assertEquals(201, note("bob", fresh.id, "bob-2", "looks like spam").statusCode());
        // The gateway's service token reads for customers: it may not write notes.
        given().auth()
                .oauth2(Tokens.service())
                .contentType(ContentType.JSON)
                .body(Map.of("clientMsgId", "svc-1", "text", "x"))
                .post("/cases/{id}/notes", c.id)
                .then()
                .statusCode(403);
        Response missing = note("alice", UUID.randomUUID(), "m-1", "x");
        assertEquals(404, missing.statusCode());
        assertEquals("NOT_FOUND", missing.jsonPath().getString("code"));
        assertEquals(
                List.of("NOTE"),
                kinds(messages(Tokens.of("admin"), c.id)).stream().filter("NOTE"::equals).toList(),
                "only the admin's note was stored");
    }

    @Test
    void badNotesAreRefusedPreciselyAndAResendIsStoredOnce() {
        ChatCase c = claimedBy("alice");
        Response blank = note("alice", c.id, "b-1", "   ");
        assertEquals(400, blank.statusCode());
        assertEquals("text", blank.jsonPath().getString("violations[0].field"));
        Response tooLong = note("alice", c.id, "b-2", "x".repeat(4001));
        assertEquals(413, tooLong.statusCode());
        assertEquals("TOO_LARGE", tooLong.jsonPath().getString("code"));
        Response noId =
                given().auth()
                        .oauth2(Tokens.of("alice"))
                        .contentType(ContentType.JSON)
                        .body(Map.of("text", "x"))
                        .post("/cases/{id}/notes", c.id);
        assertEquals(400, noId.statusCode());
        assertEquals("clientMsgId", noId.jsonPath().getString("violations[0].field"));

        Response first = note("alice", c.id, "same", "once");
        Response again = note("alice", c.id, "same", "once");
        assertEquals(201, first.statusCode());
        assertEquals(200, again.statusCode());
        assertEquals(first.jsonPath().getString("id"), again.jsonPath().getString("id"));
        assertEquals(
                1,
                kinds(messages(Tokens.of("alice"), c.id)).stream().filter("NOTE"::equals).count());
        // An admin's resend with Alice's clientMsgId is no resend of hers.
        assertEquals(409, note("admin", c.id, "same", "once").statusCode());
    }

    @Test
    void aSendReusingANotesClientMsgIdIsRefusedAndNeverReannouncesTheNote() {
        ChatCase c = claimedBy("alice");
        assertEquals(201, note("alice", c.id, "shared-id", "private").statusCode());
        try (IngestTopic ingest = new IngestTopic()) {
            ingest.send(IngestTopic.customerText(c.id, "shared-id", "guess"));
        }
        List<CaseEventsTopic.Event> events =
                CaseEventsTopic.awaitEvents(
                        Set.of(c.id.toString()),
                        ev -> ev.stream().anyMatch(e -> e.type() == EventType.MESSAGE_REJECTED),
                        Duration.ofSeconds(30));
        CaseEventsTopic.Event rejected =
                events.stream()
                        .filter(e -> e.type() == EventType.MESSAGE_REJECTED)
                        .findFirst()
                        .orElseThrow();
        assertEquals("CONFLICT", rejected.payload().at("/rejection/code").asText());
        assertEquals(
                1,
                events.stream()
                        .filter(e -> e.type() == EventType.MESSAGE_POSTED)
                        .filter(e -> "NOTE".equals(e.payload().at("/message/kind").asText()))
                        .count());
    }
}
