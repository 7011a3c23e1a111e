package io.chatcases.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.chatcases.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Concurrent first chats with one new email end with exactly one Contact: real threads released
 * together by a barrier, real HTTP with a real service token, real PostgreSQL; many rounds.
 */
@QuarkusTest
class MatchConcurrencyTest {

    private static final int CALLERS = 50;
    private static final int ROUNDS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/contacts/match")
    URI matchUri;

    @Inject AgroalDataSource db;

    private static ExecutorService callers;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        callers = Executors.newFixedThreadPool(CALLERS);
        http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
    }

    @AfterAll
    static void stop() {
        callers.shutdownNow();
    }

    @Test
    void fiftySimultaneousFirstMatchesOfOneNewEmailCreateExactlyOneContact() throws Exception {
        String token = Tokens.service();
        Random random = new Random(42);
        for (int round = 0; round < ROUNDS; round++) {
            String tag = Fixtures.suffix();
            String canonical = "race-" + tag + "@example.com";
            String firstName = "Race" + tag;
            CyclicBarrier start = new CyclicBarrier(CALLERS);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                String body =
                        JSON.writeValueAsString(
                                Map.of(
                                        "email",
                                        spelling(canonical, random),
                                        "firstName",
                                        firstName,
                                        "lastName",
                                        "Caller" + i));
                HttpRequest request =
                        HttpRequest.newBuilder(matchUri)
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build();
                answers.add(
                        callers.submit(
                                () -> {
                                    start.await(10, TimeUnit.SECONDS);
                                    return http.send(request, HttpResponse.BodyHandlers.ofString());
                                }));
            }

            Set<String> ids = new HashSet<>();
            int created = 0;
            String creatorLastName = null;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                assertTrue(
                        response.statusCode() == 200 || response.statusCode() == 201,
                        "round " + round + ": " + response.statusCode() + " " + response.body());
                JsonNode contact = JSON.readTree(response.body());
                ids.add(contact.get("id").asText());
                assertEquals(canonical, contact.get("email").asText());
                if (response.statusCode() == 201) {
                    created++;
                    creatorLastName = contact.get("lastName").asText();
                }
            }
            assertEquals(1, ids.size(), "round " + round + ": every answer names one contact");
            assertEquals(1, created, "round " + round + ": exactly one answer is 201");

            String id = ids.iterator().next();
            assertEquals(id, ownerOf(canonical), "round " + round);
            assertEquals(1, contactsNamed(firstName), "round " + round + ": no stray contacts");
            assertEquals(creatorLastName, lastNameOf(id), "round " + round);
        }
    }

    /** The address in random letter case with surrounding white space. */
    private static String spelling(String email, Random random) {
        StringBuilder sb = new StringBuilder(random.nextBoolean() ? "  " : "\t ");
        for (char c : email.toCharArray()) {
            sb.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return sb.append(random.nextBoolean() ? " " : " \n").toString();
    }

    private String ownerOf(String email) throws Exception {
        return queryString(
                "SELECT contact_id::text FROM contact_email WHERE email = ?",
                email.toLowerCase(Locale.ROOT));
    }

    private String lastNameOf(String id) throws Exception {
        return queryString("SELECT last_name FROM contact WHERE id = ?::uuid", id);
    }

    private int contactsNamed(String firstName) throws Exception {
        return Integer.parseInt(
                queryString("SELECT count(*)::text FROM contact WHERE first_name = ?", firstName));
    }

    private String queryString(String sql, String param) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
