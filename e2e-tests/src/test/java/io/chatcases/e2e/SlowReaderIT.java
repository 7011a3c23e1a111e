package io.chatcases.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatcases.testing.Tokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A socket that stops reading is closed with 1013 once its bounded outbound queue fills, instead of
 * the gateway buffering without limit; the agent who keeps reading is not affected.
 */
class SlowReaderIT {
    static final int PORT = 8092;

    @Test
    void aReaderThatStopsReadingIsClosedWith1013() {
        Process replica =
                Platform.startGateway(
                        PORT,
                        "-Dgateway.max-pending-frames=16",
                        "-Dgateway.rate.per-second=1000",
                        "-Dgateway.rate.burst=1000");
        Platform.Chat chat = Platform.startChat("Sid", "Slow");
        try (Ws slow = Ws.connect(Ws.agentOptions(PORT, Tokens.of("bob")), 4096);
                Ws reader = Ws.agent(PORT, Tokens.of("carol"));
                Ws customer = Ws.customer(PORT, chat.customerToken())) {
            slow.await("tiles", f -> true);
            reader.await("tiles", f -> true);
            customer.await("history", f -> true);
            slow.socket.pause(); // stops reading: the kernel buffers fill, then the gateway's queue
            String big = "z".repeat(3900);
            for (int i = 0; i < 400 && slow.isOpen(); i++) {
                customer.send("type", "send", "clientMsgId", "s" + i, "text", big);
                if (i % 50 == 49) {
                    Ws.sleep(200);
                }
            }
            slow.socket.resume();
            assertEquals(1013, slow.awaitClose(Duration.ofSeconds(30)));
            reader.await(
                    "message",
                    f -> ("s399".equals(f.path("message").path("clientMsgId").asText())));
        } finally {
            Platform.kill(replica);
            Platform.clearWaitingCases();
        }
    }
}
