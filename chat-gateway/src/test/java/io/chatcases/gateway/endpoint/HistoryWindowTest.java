package io.chatcases.gateway.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.events.CaseStatus;
import io.chatcases.events.CaseView;
import io.chatcases.events.Channel;
import io.chatcases.events.MessageView;
import io.chatcases.gateway.client.GatewayCaseApi;
import io.chatcases.gateway.config.GatewayConfig;
import io.chatcases.gateway.protocol.Frames;
import io.chatcases.gateway.routing.Audience;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A replay window ({@code gateway.max-replay}) below the 200-message history: opening a socket
 * still gets the history, and only a resume past the window gets {@code resync}.
 */
class HistoryWindowTest {
    static final UUID CASE = UUID.randomUUID();
    static final long LAST_SEQ = 36;

    final List<String> frames = new ArrayList<>();
    final Sessions sessions = new Sessions();
    Session session;

    HistoryWindowTest() {
        sessions.config = proxy(GatewayConfig.class, (name, args) -> 20); // maxReplay()
        sessions.gatewayCases =
                proxy(
                        GatewayCaseApi.class,
                        (name, args) -> {
                            long after = (long) args[1];
                            int limit = (int) args[2];
                            List<MessageView> page = new ArrayList<>();
                            for (long s = after + 1; s <= LAST_SEQ && page.size() < limit; s++) {
                                page.add(CaseStreamTest.msg(s));
                            }
                            return Uni.createFrom().item(page);
                        });
        WebSocketConnection connection =
                proxy(
                        WebSocketConnection.class,
                        (name, args) ->
                                switch (name) {
                                    case "isOpen" -> true;
                                    case "id" -> "c1";
                                    case "sendText" -> {
                                        frames.add((String) args[0]);
                                        yield Uni.createFrom().voidItem();
                                    }
                                    default -> null;
                                });
        session =
                new Session(
                        connection,
                        Audience.Listener.customer("c1", CASE),
                        new RateLimiter(5, 20),
                        1 << 20);
    }

    interface Answer {
        Object apply(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, Answer answer) {
        return (T)
                Proxy.newProxyInstance(
                        type.getClassLoader(),
                        new Class<?>[] {type},
                        (p, m, args) -> answer.apply(m.getName(), args));
    }

    JsonNode frame(int i) throws Exception {
        return Frames.JSON.readTree(frames.get(i));
    }

    @Test
    void theHistoryOnOpenHoldsTheConversationEvenAboveTheReplayWindow() throws Exception {
        CaseView view =
                new CaseView(
                        CASE,
                        1,
                        Channel.WEB_CONNECT,
                        CaseStatus.NEW,
                        null,
                        null,
                        null,
                        LAST_SEQ,
                        false);
        sessions.history(session, CASE, view, false).await().indefinitely();
        assertEquals(1, frames.size(), "one frame: " + frames);
        assertEquals("history", frame(0).path("type").asText());
        assertEquals(LAST_SEQ, frame(0).path("messages").size());
    }

    @Test
    void aResumePastTheReplayWindowGetsResyncAndNoPartialReplay() throws Exception {
        sessions.catchUp(session, CASE, 5, false).await().indefinitely();
        assertEquals(1, frames.size(), "only resync: " + frames);
        assertEquals("resync", frame(0).path("type").asText());
    }

    @Test
    void aResumeWithinTheWindowReplaysExactlyTheGap() throws Exception {
        sessions.catchUp(session, CASE, 26, false).await().indefinitely();
        assertEquals(10, frames.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(27 + i, frame(i).path("message").path("seq").asLong());
        }
        assertTrue(frames.stream().noneMatch(f -> f.contains("resync")));
    }
}
