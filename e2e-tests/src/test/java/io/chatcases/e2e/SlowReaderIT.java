package io.chatcases.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatcases.testing.Tokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A socket that stops reading is closed with 1013 once its unwritten output passes the bound,
 * instead of the gateway buffering without limit; a socket that keeps reading is not affected.
 */
class SlowReaderIT {
    static final int PORT = 8092;

    @Test
    void aReaderThatStopsReadingIsClosedWith1013AndOthersCarryOn() throws Exception {
        Process replica =
                Platform.startGateway(
                        PORT,
                        "-Dgateway.max-pending-chars=2000000",
                        "-Dgateway.rate.per-second=1000",
                        "-Dgateway.rate.burst=1000");
        Platform.Chat chat = Platform.startChat("Sid", "Slow");
        try (RawSocket slow = new RawSocket(PORT, Tokens.of("bob"));
                Ws reader = Ws.agent(PORT, Tokens.of("carol"));
                Ws customer = Ws.customer(PORT, chat.customerToken())) {
            reader.await("tiles", f -> true);
            customer.await("history", f -> true);
            // A long conversation: each history frame of it is ~800 KB.
            String big = "z".repeat(3900);
            for (int i = 0; i < 200; i++) {
                customer.send("type", "send", "clientMsgId", "s" + i, "text", big);
            }
            reader.await(
                    f -> "s199".equals(f.path("message").path("clientMsgId").asText()),
                    Duration.ofSeconds(60));

            // The slow agent asks for the long history again and again and never reads.
            for (int i = 0; i < 30; i++) {
                slow.sendText(
                        "{\"type\":\"open\",\"caseId\":\""
                                + chat.caseId()
                                + "\",\"requestId\":\"o"
                                + i
                                + "\"}");
                Ws.sleep(100);
            }
            assertEquals(1013, slow.readUntilClose(60_000));

            // The reader that keeps up still gets new messages.
            customer.send("type", "send", "clientMsgId", "after", "text", "still flowing");
            customer.await("accepted", f -> "after".equals(f.path("clientMsgId").asText()));
            reader.await(
                    f -> "after".equals(f.path("message").path("clientMsgId").asText()),
                    Duration.ofSeconds(15));
        } finally {
            Platform.kill(replica);
            Platform.clearWaitingCases();
        }
    }
}
