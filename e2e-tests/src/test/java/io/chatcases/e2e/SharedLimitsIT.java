package io.chatcases.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Limits hold across replicas: two extra gateways (8096, 8097) behind a "load balancer" on
 * 127.0.0.1 (trusted, so X-Forwarded-For names the client) share the chat-start window and the
 * socket caps through the gateway database.
 */
class SharedLimitsIT {

    /** The tile-counting browser suite runs next: leave no Case waiting or owned. */
    @org.junit.jupiter.api.AfterAll
    static void leaveNothingWaiting() {
        Platform.clearWaitingCases();
    }

    static final int A = 8096;
    static final int B = 8097;
    static final String[] SETTINGS = {
        "-Dgateway.limits.trusted-proxies=127.0.0.1/32",
        "-Dgateway.chat-starts-per-minute=3",
        "-Dgateway.limits.sockets-per-customer=2",
        // An evicted socket on the other replica is closed at that replica's next renewal.
        "-Dgateway.limits.renew-every=2s"
    };
    static Process a;
    static Process b;

    @BeforeAll
    static void startReplicas() {
        a = Platform.startGateway(A, SETTINGS);
        b = Platform.startGateway(B, SETTINGS);
    }

    @AfterAll
    static void stopReplicas() {
        Platform.kill(a);
        Platform.kill(b);
    }

    @Test
    void chatStartLimitIsSharedByTheReplicasPerForwardedClient() {
        // A client address of our own (benchmarking range), so no other test shares its window.
        String client =
                "198.18."
                        + ThreadLocalRandom.current().nextInt(256)
                        + "."
                        + ThreadLocalRandom.current().nextInt(1, 255);
        // Windows are whole minutes: keep all six starts inside one.
        if (LocalTime.now().getSecond() > 45) {
            Ws.sleep((61 - LocalTime.now().getSecond()) * 1000L);
        }
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(start(i % 2 == 0 ? A : B, client).statusCode());
        }
        assertEquals(List.of(201, 201, 201, 429, 429, 429), statuses);
        // Another forwarded client behind the same proxy has its own window.
        assertEquals(201, start(A, client.replaceFirst("^198\\.18\\.", "198.19.")).statusCode());
    }

    /** A customer socket with its history, and a moment for its lease to be written. */
    static Ws opened(int port, String token) {
        Ws ws = Ws.customer(port, token);
        ws.await("history", f -> true);
        Ws.sleep(500);
        return ws;
    }

    /**
     * The cap of sockets per Case holds across the replicas, and the newest socket wins: one too
     * many closes another replica's socket first, then this replica's oldest (1008; on this replica
     * at once, on the other at its next renewal). So the sockets of a killed replica never keep
     * their own reconnects out, nor push out a live socket of the replica they land on.
     */
    @Test
    void customerSocketCapIsSharedByTheReplicasAndTheNewestSocketWins() {
        HttpResponse<String> started =
                start(A, "198.18.255." + (1 + ThreadLocalRandom.current().nextInt(254)));
        assertEquals(201, started.statusCode(), started.body());
        String token = Platform.json(started.body()).path("customerToken").asText();
        // One at a time, each lease written before the next socket opens: their age orders them.
        // A socket over the cap evicts the other replica's leases first (one of them may be a
        // killed replica's), then its own replica's oldest.
        try (Ws first = opened(A, token);
                Ws second = opened(B, token)) {
            try (Ws third = opened(A, token)) {
                assertEquals(
                        1008,
                        second.awaitClose(Duration.ofSeconds(10)),
                        "the other replica's, though newer than A's own first");
                assertTrue(first.isOpen(), "A's own live socket stays");
                try (Ws fourth = opened(A, token)) {
                    assertEquals(
                            1008,
                            first.awaitClose(Duration.ofSeconds(10)),
                            "then the oldest of the replica's own");
                    Ws.sleep(1000);
                    assertTrue(third.isOpen() && fourth.isOpen(), "the newest two stay");
                }
            }
        }
    }

    @Test
    void anOversizedChatStartIsRefusedBeforeItIsRead() {
        String padding = "x".repeat(5000);
        HttpResponse<String> r =
                Platform.post(
                        A,
                        "/api/chats",
                        "{\"email\":\"big@example.com\",\"firstName\":\""
                                + padding
                                + "\",\"lastName\":\"B\"}",
                        null);
        assertEquals(413, r.statusCode(), r.body());
        assertEquals("TOO_LARGE", Platform.json(r.body()).path("code").asText());
    }

    @Test
    void anAgentResumeNamingTooManyCasesIsRefused() {
        try (Ws alice = Ws.agent(A, io.chatcases.testing.Tokens.of("alice"))) {
            alice.await("tiles", f -> true);
            var cases = Ws.JSON.createObjectNode();
            for (int i = 0; i < 51; i++) {
                cases.put(UUID.randomUUID().toString(), 0);
            }
            alice.send(
                    Ws.JSON
                            .createObjectNode()
                            .put("type", "resume")
                            .set("cases", cases)
                            .toString());
            alice.await("error", f -> "TOO_LARGE".equals(f.path("code").asText()));
            assertTrue(alice.isOpen());
        }
    }

    static HttpResponse<String> start(int port, String forwardedFor) {
        String email = "limits-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        return Platform.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/chats"))
                        .header("Content-Type", "application/json")
                        .header("X-Forwarded-For", forwardedFor)
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"email\":\""
                                                + email
                                                + "\",\"firstName\":\"Lim\",\"lastName\":\"Its\"}"))
                        .build());
    }
}
