package io.chatcases.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.testing.Tokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 against the running platform: a typed email never opens another customer's chat; only a
 * host-signed identity resumes; Idempotency-Key gives one Case. The local run's identity secret and
 * demo signer come from deploy/local/up.sh.
 */
class ChatIdentityIT {
    /** The local platform's Web Connect identity secret (generated once by up.sh). */
    static final String WEB_SECRET =
            Platform.localSecrets().get("GATEWAY_IDENTITY_WEB_CONNECT_SECRET");

    static String identity(String email, long iatOffset, long lifetime, String secret) {
        long now = NumericDate.now().getValue();
        JwtClaims claims = new JwtClaims();
        claims.setClaim("email", email);
        claims.setClaim("given_name", "Vera");
        claims.setClaim("family_name", "Verified");
        claims.setSubject("shop-user-" + email);
        claims.setIssuedAt(NumericDate.fromSeconds(now + iatOffset));
        claims.setExpirationTime(NumericDate.fromSeconds(now + iatOffset + lifetime));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
        try {
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** These tests start many Cases: leave none waiting for the tile-counting suites. */
    @AfterAll
    static void leaveNothingWaiting() {
        Platform.clearWaitingCases();
    }

    static String email(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    static HttpResponse<String> start(String email, String identity, String key) {
        return start(Platform.GATEWAY, email, identity, key);
    }

    static HttpResponse<String> start(int port, String email, String identity, String key) {
        String body =
                "{\"email\":\""
                        + email
                        + "\",\"firstName\":\"Tina\",\"lastName\":\"Typed\",\"channel\":"
                        + "\"WEB_CONNECT\""
                        + (identity == null ? "" : ",\"identity\":\"" + identity + "\"")
                        + "}";
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/chats"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return Platform.send(b.build());
    }

    @Test
    void aSecondTypedStartGetsAnotherCaseThatCannotReachTheFirst() {
        String email = email("victim");
        HttpResponse<String> first = start(email, null, null);
        assertEquals(201, first.statusCode(), first.body());
        JsonNode a = Platform.json(first.body());
        assertFalse(a.path("emailVerified").asBoolean(true));
        try (Ws victim = Ws.customer(Platform.GATEWAY, a.path("customerToken").asText())) {
            victim.await("history", f -> true);
            victim.send("{\"type\":\"send\",\"clientMsgId\":\"v1\",\"text\":\"my order 4711\"}");
            victim.await("accepted", f -> true);
        }

        HttpResponse<String> second = start(email, null, null);
        assertEquals(201, second.statusCode(), second.body());
        JsonNode b = Platform.json(second.body());
        String attackerToken = b.path("customerToken").asText();
        assertNotEquals(a.path("caseId").asText(), b.path("caseId").asText());

        HttpResponse<String> read =
                Platform.get(
                        Platform.GATEWAY,
                        "/api/chats/" + a.path("caseId").asText() + "/messages",
                        attackerToken);
        assertTrue(
                read.statusCode() == 403 || read.statusCode() == 404,
                read.statusCode() + " " + read.body());
        // The attacker's socket is their own new Case: nothing of the first one arrives.
        try (Ws attacker = Ws.customer(Platform.GATEWAY, attackerToken)) {
            JsonNode caseFrame = attacker.await("case", f -> true);
            assertEquals(b.path("caseId").asText(), caseFrame.path("case").path("caseId").asText());
            JsonNode history = attacker.await("history", f -> true);
            assertFalse(history.toString().contains("4711"), history.toString());
            Ws.sleep(500);
            assertTrue(attacker.messages(a.path("caseId").asText()).isEmpty());
        }
        // Agents see both Cases of the Contact, the typed ones marked.
        String admin = Tokens.of("admin");
        JsonNode view =
                Platform.json(
                        Platform.get(
                                        Platform.GATEWAY,
                                        "/api/cases/" + b.path("caseId").asText(),
                                        admin)
                                .body());
        assertFalse(view.path("emailVerified").asBoolean(true), view.toString());
    }

    @Test
    void aValidIdentityResumesTheOpenVerifiedCase() {
        String email = email("vera");
        HttpResponse<String> first = start(email, identity(email, 0, 300, WEB_SECRET), null);
        assertEquals(201, first.statusCode(), first.body());
        JsonNode a = Platform.json(first.body());
        assertTrue(a.path("emailVerified").asBoolean(false));
        HttpResponse<String> again = start(email, identity(email, 0, 300, WEB_SECRET), null);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(
                a.path("caseId").asText(), Platform.json(again.body()).path("caseId").asText());
        // The identity's names win over what was typed.
        JsonNode view =
                Platform.json(
                        Platform.get(
                                        Platform.GATEWAY,
                                        "/api/cases/" + a.path("caseId").asText(),
                                        Tokens.of("admin"))
                                .body());
        assertTrue(view.path("emailVerified").asBoolean(false), view.toString());
        // A typed start with the same email still gets a Case of its own.
        HttpResponse<String> typed = start(email, null, null);
        assertEquals(201, typed.statusCode());
        assertNotEquals(
                a.path("caseId").asText(), Platform.json(typed.body()).path("caseId").asText());
    }

    @Test
    void forgedExpiredAndForeignIdentitiesAre401() {
        String email = email("mallory");
        String valid = identity(email, 0, 300, WEB_SECRET);
        String[] parts = valid.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + "AAAA";
        HttpResponse<String> r = start(email, forged, null);
        assertEquals(401, r.statusCode(), r.body());
        assertEquals("IDENTITY_INVALID", Platform.json(r.body()).path("code").asText());
        r = start(email, identity(email, -900, 300, WEB_SECRET), null);
        assertEquals(401, r.statusCode(), r.body());
        assertEquals("IDENTITY_EXPIRED", Platform.json(r.body()).path("code").asText());
        r =
                start(
                        email,
                        identity(email, 0, 300, "another-shop-secret-0123456789-0123456789"),
                        null);
        assertEquals(401, r.statusCode(), r.body());
        assertEquals("IDENTITY_INVALID", Platform.json(r.body()).path("code").asText());
        r = start(email, identity(email, 0, 3600, WEB_SECRET), null);
        assertEquals(401, r.statusCode(), r.body());
    }

    /**
     * Real concurrency through a gateway: a replica of its own whose start rate limit (20 per
     * source and minute) does not get in the way of 120 starts from this one address.
     */
    @Test
    void theSameIdempotencyKeyGivesOneCaseAndOneToken() throws Exception {
        int clients = 8;
        int port = 8092;
        Process replica = Platform.startGateway(port, "-Dgateway.chat-starts-per-minute=100000");
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            for (int round = 0; round < 15; round++) {
                String email = email("double");
                String key = UUID.randomUUID().toString();
                CyclicBarrier barrier = new CyclicBarrier(clients);
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    answers.add(
                            pool.submit(
                                    () -> {
                                        barrier.await();
                                        return start(port, email, null, key);
                                    }));
                }
                Set<String> cases = new HashSet<>();
                Set<String> tokens = new HashSet<>();
                for (Future<HttpResponse<String>> f : answers) {
                    HttpResponse<String> r = f.get();
                    assertTrue(r.statusCode() == 200 || r.statusCode() == 201, r.body());
                    JsonNode body = Platform.json(r.body());
                    cases.add(body.path("caseId").asText());
                    tokens.add(body.path("customerToken").asText());
                }
                assertEquals(1, cases.size(), "round " + round + ": " + cases);
                assertEquals(1, tokens.size(), "round " + round);
            }
            // Another key (a new attempt) is another Case.
            String email = email("again");
            String first =
                    Platform.json(start(port, email, null, "k1").body()).path("caseId").asText();
            String second =
                    Platform.json(start(port, email, null, "k2").body()).path("caseId").asText();
            assertNotEquals(first, second);
        } finally {
            pool.shutdownNow();
            Platform.kill(replica);
        }
    }

    @Test
    void theLocalDemoSignerSignsWhatTheGatewayAccepts() {
        String email = email("sam");
        HttpResponse<String> signed =
                Platform.post(
                        Platform.GATEWAY,
                        "/api/demo/identity",
                        "{\"email\":\"" + email + "\",\"firstName\":\"Sam\",\"lastName\":\"Shop\"}",
                        null);
        assertEquals(200, signed.statusCode(), signed.body());
        String identity = Platform.json(signed.body()).path("identity").asText();
        HttpResponse<String> r = start(email, identity, null);
        assertEquals(201, r.statusCode(), r.body());
        assertTrue(Platform.json(r.body()).path("emailVerified").asBoolean(false));
    }
}
