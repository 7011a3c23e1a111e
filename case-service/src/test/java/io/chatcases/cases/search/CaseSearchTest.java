package io.chatcases.cases.search;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.events.Channel;
import io.chatcases.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conversations list over HTTP with real Keycloak tokens: views, search by name, email, number
 * and message text, visibility, paging, and refusals. Each test uses words of its own (the test
 * database holds other tests' Cases).
 */
@QuarkusTest
class CaseSearchTest {
    @Inject CaseService cases;
    @Inject AgroalDataSource db;

    private String word;

    @BeforeEach
    void freshWord() {
        // Letters only: a word no other test writes.
        StringBuilder w = new StringBuilder("zq");
        for (char c : UUID.randomUUID().toString().replace("-", "").toCharArray()) {
            w.append((char) ('a' + Character.digit(c, 16) % 26));
        }
        word = w.substring(0, 12);
    }

    private ChatCase start(String first, String last, String email) {
        return Fixtures.await(
                        () ->
                                cases.start(
                                        Channel.WEB_CONNECT,
                                        new CaseService.ContactMatch(
                                                UUID.randomUUID(),
                                                email,
                                                first,
                                                last,
                                                ("" + first.charAt(0) + last.charAt(0))
                                                        .toUpperCase(Locale.ROOT))))
                .kase();
    }

    private void message(ChatCase c, long seq, String kind, String text) throws Exception {
        try (Connection conn = db.getConnection();
                PreparedStatement st =
                        conn.prepareStatement(
                                "INSERT INTO message (case_id, seq, id, kind, sender_type, text,"
                                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            st.setObject(1, c.id);
            st.setLong(2, 1000 + seq);
            st.setObject(3, UUID.randomUUID());
            st.setString(4, kind);
            st.setString(5, kind.equals("SYSTEM") ? "SYSTEM" : "CUSTOMER");
            st.setString(6, text);
            st.setTimestamp(7, Timestamp.from(Instant.now()));
            st.executeUpdate();
        }
    }

    /** {@code query} as "view=all&q=two+words": '+' stands for a space, as in a form. */
    private static Response search(String user, String query) {
        var request = given().auth().oauth2(Tokens.of(user));
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            request = request.queryParam(kv[0], kv[1].replace('+', ' '));
        }
        return request.get("/cases/search");
    }

    private static List<String> ids(Response r) {
        assertEquals(200, r.statusCode(), r.asString());
        return r.jsonPath().getList("cases.case.caseId");
    }

    @Test
    void findsByNameEmailNumberAndMessageTextAsWordPrefixes() throws Exception {
        ChatCase byName = start("Ingrid", "Oak" + word, "ingrid-" + word + "@example.com");
        ChatCase byText = start("Pat", "Lee", "pat." + word + "@example.org");
        message(byText, 1, "TEXT", "My parcel " + word + "x never arrived");
        ChatCase systemOnly = start("Sam", "Ray", "sam-" + UUID.randomUUID() + "@example.net");
        message(systemOnly, 1, "SYSTEM", "Alice took " + word + "x");

        // A name prefix, any case; the email's parts; the Case number; message text.
        assertTrue(
                ids(search("alice", "view=all&q=" + ("OAK" + word).substring(0, 9)))
                        .contains(byName.id.toString()));
        assertTrue(
                ids(search("alice", "view=all&q=ingrid-" + word)).contains(byName.id.toString()));
        assertEquals(
                List.of(byName.id.toString()),
                ids(search("alice", "view=all&q=#" + byName.number)).stream()
                        .filter(id -> id.equals(byName.id.toString()))
                        .toList());
        Response text = search("alice", "view=all&q=parcel+" + word);
        assertEquals(List.of(byText.id.toString()), ids(text));
        assertEquals(
                "My parcel " + word + "x never arrived",
                text.jsonPath().getString("cases[0].match"));
        // System messages are not searched.
        assertFalse(
                ids(search("alice", "view=all&q=took+" + word)).contains(systemOnly.id.toString()));
        // Every word is required.
        assertEquals(List.of(), ids(search("alice", "view=all&q=parcel+" + word + "+missingword")));
    }

    @Test
    void agentsFindOnlyWaitingCasesAndTheirOwnAdminsEverything() throws Exception {
        ChatCase waiting = start("Wai", "Ting" + word, "w-" + word + "@example.com");
        ChatCase alices = start("Ali", "Ces" + word, "a-" + word + "@example.com");
        ChatCase bobs = start("Bo", "Bs" + word, "b-" + word + "@example.com");
        given().auth()
                .oauth2(Tokens.of("alice"))
                .post("/cases/{id}/claim", alices.id)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(Tokens.of("bob"))
                .post("/cases/{id}/claim", bobs.id)
                .then()
                .statusCode(200);

        Set<String> alice = new HashSet<>(ids(search("alice", "view=all&q=" + word)));
        assertEquals(Set.of(waiting.id.toString(), alices.id.toString()), alice);
        assertEquals(List.of(alices.id.toString()), ids(search("alice", "view=mine&q=" + word)));
        assertEquals(List.of(waiting.id.toString()), ids(search("bob", "view=waiting&q=" + word)));
        Set<String> admin = new HashSet<>(ids(search("admin", "view=open&q=" + word)));
        assertEquals(
                Set.of(waiting.id.toString(), alices.id.toString(), bobs.id.toString()), admin);

        given().auth()
                .oauth2(Tokens.of("alice"))
                .post("/cases/{id}/resolve", alices.id)
                .then()
                .statusCode(200);
        assertEquals(
                List.of(alices.id.toString()), ids(search("alice", "view=resolved&q=" + word)));
        assertEquals(List.of(), ids(search("alice", "view=open&q=ces" + word)));
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() throws Exception {
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            started.add(
                    start("Page", "Number" + word, "p" + i + "-" + word + "@example.com")
                            .id
                            .toString());
        }
        // Waiting: oldest first; every other view: newest first.
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response r =
                    search(
                            "alice",
                            "view=waiting&limit=2&q=number"
                                    + word
                                    + (cursor == null ? "" : "&cursor=" + cursor));
            seen.addAll(ids(r));
            cursor = r.jsonPath().getString("next");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(started, seen);
        assertEquals(3, pages);
        List<String> newest = ids(search("admin", "view=all&limit=5&q=number" + word));
        List<String> reversed = new ArrayList<>(started);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, newest);
        assertNull(
                search("admin", "view=all&limit=5&q=number" + word).jsonPath().getString("next"));
    }

    @Test
    void hostileWordsAreJustWords() {
        for (String q :
                List.of(
                        "'",
                        "\\",
                        "a' | 'b",
                        "!x",
                        "x:*",
                        "(a",
                        "a&",
                        "--",
                        "%00",
                        "@@",
                        "*",
                        "<->",
                        "' OR 1=1 --",
                        "日本語",
                        "a:A")) {
            Response r =
                    given().auth()
                            .oauth2(Tokens.of("alice"))
                            .queryParam("q", q)
                            .queryParam("view", "all")
                            .get("/cases/search");
            assertEquals(200, r.statusCode(), q + " -> " + r.asString());
            assertNotNull(r.jsonPath().getList("cases"));
        }
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        assertBad("view=everything", "view");
        assertBad("limit=0", "limit");
        assertBad("limit=101", "limit");
        assertBad("cursor=not-a-cursor", "cursor");
        assertBad("q=" + "a".repeat(201), "q");
        assertBad("q=a+b+c+d+e+f+g+h+i", "q");
        given().get("/cases/search").then().statusCode(401);
        given().auth().oauth2(Tokens.of("viewer")).get("/cases/search").then().statusCode(403);
    }

    private static void assertBad(String query, String field) {
        Response r = search("alice", query);
        assertEquals(400, r.statusCode(), query);
        assertEquals("application/problem+json", r.contentType().split(";")[0]);
        assertTrue(r.asString().contains(field), query + " -> " + r.asString());
    }
}
