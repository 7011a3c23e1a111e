package io.chatcases.gateway.endpoint;

import static io.chatcases.gateway.endpoint.HistoryWindowTest.proxy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.gateway.protocol.Frames;
import io.chatcases.gateway.routing.Audience;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A socket whose opening state cannot be loaded: a transient failure closes it with 1013 after the
 * error frame (the client reconnects and resumes); a refusal leaves it open with its error.
 */
class OpenFailureTest {
    final List<String> frames = new ArrayList<>();
    final List<Integer> closes = new ArrayList<>();
    final Session session =
            new Session(
                    proxy(
                            WebSocketConnection.class,
                            (name, args) ->
                                    switch (name) {
                                        case "isOpen" -> closes.isEmpty();
                                        case "id" -> "c1";
                                        case "sendText" -> {
                                            frames.add((String) args[0]);
                                            yield Uni.createFrom().voidItem();
                                        }
                                        case "close" -> {
                                            closes.add(((CloseReason) args[0]).getCode());
                                            yield Uni.createFrom().voidItem();
                                        }
                                        default -> null;
                                    }),
                    Audience.Listener.customer("c1", UUID.randomUUID()),
                    new RateLimiter(5, 20),
                    1 << 20);

    @Test
    void aServiceThatDoesNotAnswerClosesTheSocketWithTryAgainLater() {
        Sends.openFailed(session, new io.vertx.core.VertxException("Connection was closed"));
        assertEquals("UNAVAILABLE", code(0));
        assertEquals(List.of(1013), closes);
    }

    @Test
    void aFiveHundredClosesTooButARefusalKeepsTheSocketOpen() {
        Sends.openFailed(session, new WebApplicationException(503));
        assertEquals(List.of(1013), closes);

        closes.clear();
        Sends.openFailed(session, new WebApplicationException(404));
        assertEquals("NOT_FOUND", code(1));
        assertTrue(closes.isEmpty(), "a refusal is an answer, not a reason to reconnect");
    }

    private String code(int i) {
        return Frames.parse(frames.get(i)).path("code").asText();
    }
}
