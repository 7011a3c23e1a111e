package io.chatcases.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.testing.Tokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A replica's metrics count its sockets; a stopping replica tells its clients 1001 (go elsewhere).
 */
class ShutdownAndMetricsIT {
    static final int PORT = 8093;

    @Test
    void metricsCountSocketsAndAGracefulStopClosesThemWith1001() throws Exception {
        Process replica = Platform.startGateway(PORT);
        Platform.Chat chat = Platform.startChat("Gus", "Graceful");
        try (Ws agent = Ws.agent(PORT, Tokens.of("carol"));
                Ws customer = Ws.customer(PORT, chat.customerToken())) {
            agent.await("tiles", f -> true);
            customer.await("history", f -> true);
            customer.send("type", "send", "clientMsgId", "m1", "text", "counted");
            customer.await("accepted", f -> true);

            // Metrics are served on the management port only, never on the public one.
            assertEquals(404, Platform.get(PORT, "/q/metrics", null).statusCode());
            String metrics = Platform.get(Platform.managementPort(PORT), "/q/metrics", null).body();
            assertTrue(metrics.contains("chat_sockets_open{kind=\"agent\"} 1.0"), metrics);
            assertTrue(metrics.contains("chat_sockets_open{kind=\"customer\"} 1.0"), metrics);
            assertTrue(metrics.contains("chat_sends_accepted_total"), metrics);

            replica.destroy(); // SIGTERM: a graceful stop, as Kubernetes does
            assertEquals(1001, agent.awaitClose(Duration.ofSeconds(20)));
            assertEquals(1001, customer.awaitClose(Duration.ofSeconds(20)));
        } finally {
            Platform.kill(replica);
            Platform.clearWaitingCases();
        }
    }
}
