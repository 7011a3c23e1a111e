package io.chatcases.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Customer socket authentication as the widget does it (token in Sec-WebSocket-Protocol), and a
 * socket that lives no longer than its token (a replica issuing 4-second tokens).
 */
class CustomerTokenExpiryIT {

    /** The tile-counting browser suite runs next: leave no Case waiting or owned. */
    @org.junit.jupiter.api.AfterAll
    static void leaveNothingWaiting() {
        Platform.clearWaitingCases();
    }

    static final int PORT = 8095;
    static Process replica;

    @BeforeAll
    static void start() {
        replica = Platform.startGateway(PORT, "-Dgateway.customer-token.ttl=PT4S");
    }

    @AfterAll
    static void stop() {
        Platform.kill(replica);
    }

    @Test
    void theWidgetsWayTokenInSecWebSocketProtocolOpensTheCustomerSocket() {
        Platform.Chat chat = Platform.startChat("Proto", "Col");
        String carrier =
                java.net.URLEncoder.encode(
                                "quarkus-http-upgrade#Authorization#Bearer " + chat.customerToken(),
                                java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20");
        var options =
                new io.vertx.core.http.WebSocketConnectOptions()
                        .setHost("localhost")
                        .setPort(Platform.GATEWAY)
                        .setURI("/ws/customer")
                        .addHeader("Origin", "http://localhost:8080")
                        .setSubProtocols(java.util.List.of("bearer-token-carrier", carrier));
        try (Ws customer = Ws.connect(options, 0)) {
            customer.await(
                    "case", f -> chat.caseId().equals(f.path("case").path("caseId").asText()));
        }
    }

    @Test
    void customerSocketClosesWith1008WhenItsTokenExpires() {
        var r =
                Platform.post(
                        PORT,
                        "/api/chats",
                        "{\"email\":\"expiry@example.com\",\"firstName\":\"Exa\",\"lastName\":\"Piry\"}",
                        null);
        assertEquals(201, r.statusCode(), r.body());
        String token = Platform.json(r.body()).path("customerToken").asText();
        try (Ws customer = Ws.customer(PORT, token)) {
            customer.await("history", f -> true);
            assertEquals(1008, customer.awaitClose(Duration.ofSeconds(15)));
        }
        assertEquals(
                401,
                Ws.upgradeStatus(Ws.customerOptions(PORT, token, "http://localhost:8080")),
                "an expired token opens nothing");
    }
}
