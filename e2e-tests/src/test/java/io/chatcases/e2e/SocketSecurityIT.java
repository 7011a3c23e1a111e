package io.chatcases.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

/** Refusals on the public sockets and REST: precise errors, nobody else affected. */
class SocketSecurityIT {
    /** The local platform's customer-token secret (application.properties default; local only). */
    static final String LOCAL_SECRET = "local-only-customer-token-secret-change-me-0123456789";

    static String customerToken(String caseId, float minutesAhead, String secret) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("chat-gateway");
        claims.setAudience("chat-customer");
        claims.setSubject(caseId);
        claims.setExpirationTimeMinutesInTheFuture(minutesAhead);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
        return jws.getCompactSerialization();
    }

    @Test
    void upgradesWithoutAValidTokenAreRefusedWith401() throws Exception {
        Platform.Chat chat = Platform.startChat("Sam", "Secure");
        assertEquals(
                401,
                Ws.upgradeStatus(
                        Ws.customerOptions(Platform.GATEWAY, "", "http://localhost:8080")));
        String forged =
                customerToken(chat.caseId(), 10, "another-secret-another-secret-another-secret");
        assertEquals(
                401,
                Ws.upgradeStatus(
                        Ws.customerOptions(Platform.GATEWAY, forged, "http://localhost:8080")));
        String expired = customerToken(chat.caseId(), -10, LOCAL_SECRET);
        assertEquals(
                401,
                Ws.upgradeStatus(
                        Ws.customerOptions(Platform.GATEWAY, expired, "http://localhost:8080")));
        assertEquals(401, Ws.upgradeStatus(Ws.agentOptions(Platform.GATEWAY, "not-a-jwt")));
        String alice = Tokens.of("alice");
        assertEquals(
                401,
                Ws.upgradeStatus(
                        Ws.agentOptions(
                                Platform.GATEWAY, alice.substring(0, alice.length() - 3) + "abc")));
        assertEquals(403, Ws.upgradeStatus(Ws.agentOptions(Platform.GATEWAY, Tokens.of("viewer"))));
        assertEquals(
                101,
                Ws.upgradeStatus(
                        Ws.customerOptions(
                                Platform.GATEWAY, chat.customerToken(), "http://localhost:8080")));
    }

    @Test
    void aForeignOriginIsRefused() {
        Platform.Chat chat = Platform.startChat("Olga", "Origin");
        assertEquals(
                403,
                Ws.upgradeStatus(
                        Ws.customerOptions(
                                Platform.GATEWAY, chat.customerToken(), "https://evil.example")));
    }

    @Test
    void aCustomerTokenNeverReachesAnotherCase() {
        Platform.Chat mine = Platform.startChat("Mia", "Mine");
        Platform.Chat other = Platform.startChat("Theo", "Theirs");
        try (Ws customer = Ws.customer(Platform.GATEWAY, mine.customerToken())) {
            customer.await("history", f -> true);
            customer.send(
                    "type",
                    "send",
                    "caseId",
                    other.caseId(),
                    "clientMsgId",
                    "x1",
                    "text",
                    "sneaky");
            JsonNode error = customer.await("error", f -> "x1".equals(f.path("ref").asText()));
            assertEquals("FORBIDDEN", error.path("code").asText());
            assertEquals(
                    403,
                    Platform.get(
                                    Platform.GATEWAY,
                                    "/api/chats/" + other.caseId() + "/messages",
                                    mine.customerToken())
                            .statusCode());
            assertEquals(
                    200,
                    Platform.get(
                                    Platform.GATEWAY,
                                    "/api/chats/" + mine.caseId() + "/messages",
                                    mine.customerToken())
                            .statusCode());
            // The other customer's conversation is never delivered here.
            try (Ws theirs = Ws.customer(Platform.GATEWAY, other.customerToken())) {
                theirs.await("history", f -> true);
                theirs.send("type", "send", "clientMsgId", "t1", "text", "private words");
                theirs.await("accepted", f -> true);
                theirs.await(
                        "message",
                        f -> "private words".equals(f.path("message").path("text").asText()));
            }
            assertTrue(
                    customer.frames.stream().noneMatch(f -> f.toString().contains(other.caseId())),
                    "leak: " + customer.frames);
        } finally {
            Platform.clearWaitingCases();
        }
    }

    @Test
    void anAgentWhoDoesNotOwnTheCaseCannotWriteToItsCustomer() {
        Platform.Chat chat = Platform.startChat("Nils", "Nonowner");
        Platform.post(
                Platform.GATEWAY,
                "/api/cases/" + chat.caseId() + "/claim",
                "{}",
                Tokens.of("alice"));
        try (Ws bob = Ws.agent(Platform.GATEWAY, Tokens.of("bob"))) {
            bob.await("tiles", f -> true);
            bob.send(
                    "type",
                    "send",
                    "caseId",
                    chat.caseId(),
                    "clientMsgId",
                    "bob-1",
                    "text",
                    "let me in");
            JsonNode error = bob.await("error", f -> "bob-1".equals(f.path("ref").asText()));
            assertEquals("FORBIDDEN", error.path("code").asText());
            assertTrue(bob.isOpen());
        } finally {
            Platform.post(
                    Platform.GATEWAY,
                    "/api/cases/" + chat.caseId() + "/resolve",
                    "{}",
                    Tokens.of("alice"));
        }
    }

    @Test
    void malformedAndUnknownFramesGetBadFrameAndTheSocketStaysOpen() {
        try (Ws alice = Ws.agent(Platform.GATEWAY, Tokens.of("alice"))) {
            alice.await("tiles", f -> true);
            alice.send("{not json");
            alice.await("error", f -> "BAD_FRAME".equals(f.path("code").asText()));
            alice.send("type", "teleport", "requestId", "t-1");
            JsonNode unknown = alice.await("error", f -> "t-1".equals(f.path("ref").asText()));
            assertEquals("BAD_FRAME", unknown.path("code").asText());
            alice.send("type", "claim", "caseId", "not-a-uuid", "requestId", "t-2");
            alice.await("error", f -> "t-2".equals(f.path("ref").asText()));
            assertTrue(alice.isOpen());
        }
    }

    @Test
    void anOversizedFrameClosesWith1009() {
        Platform.Chat chat = Platform.startChat("Olive", "Oversize");
        try (Ws customer = Ws.customer(Platform.GATEWAY, chat.customerToken())) {
            customer.await("history", f -> true);
            customer.send(
                    "{\"type\":\"send\",\"clientMsgId\":\"big\",\"text\":\""
                            + "x".repeat(70_000)
                            + "\"}");
            assertEquals(1009, customer.awaitClose(Duration.ofSeconds(10)));
        } finally {
            Platform.clearWaitingCases();
        }
    }

    @Test
    void aLongTextIsRefusedAsTooLargeWithoutClosing() {
        Platform.Chat chat = Platform.startChat("Lena", "Long");
        try (Ws customer = Ws.customer(Platform.GATEWAY, chat.customerToken())) {
            customer.await("history", f -> true);
            customer.send("type", "send", "clientMsgId", "long", "text", "y".repeat(5000));
            assertEquals(
                    "TOO_LARGE",
                    customer.await("error", f -> "long".equals(f.path("ref").asText()))
                            .path("code")
                            .asText());
            assertTrue(customer.isOpen());
        } finally {
            Platform.clearWaitingCases();
        }
    }

    @Test
    void aFloodIsRateLimitedThenClosedWhileOtherSocketsCarryOn() {
        Platform.Chat flooder = Platform.startChat("Flo", "Flood");
        Platform.Chat calm = Platform.startChat("Cal", "Calm");
        try (Ws flood = Ws.customer(Platform.GATEWAY, flooder.customerToken());
                Ws other = Ws.customer(Platform.GATEWAY, calm.customerToken())) {
            flood.await("history", f -> true);
            other.await("history", f -> true);
            for (int i = 0; i < 200 && flood.isOpen(); i++) {
                flood.send("type", "typing");
            }
            flood.await("error", f -> "RATE_LIMITED".equals(f.path("code").asText()));
            assertEquals(1008, flood.awaitClose(Duration.ofSeconds(10)));
            other.send("type", "send", "clientMsgId", "calm-1", "text", "still here");
            other.await("accepted", f -> "calm-1".equals(f.path("clientMsgId").asText()));
        } finally {
            Platform.clearWaitingCases();
        }
    }
}
