package io.chatcases.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.testing.KeycloakAgents;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocket;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An agent console's socket: sees the waiting Cases and its own, claims, sends, and checks that
 * each Case's messages arrive in seq order and once.
 */
final class Agent {
    final KeycloakAgents.Agent who;
    final int port;
    private final Crowd crowd;
    private volatile WebSocket ws;
    private final Map<UUID, Long> lastSeq = new ConcurrentHashMap<>();

    /** Cases this console shows as waiting (NEW), from tiles and case frames. */
    final Set<UUID> waiting = ConcurrentHashMap.newKeySet();

    private final Map<String, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile boolean closing;

    Agent(KeycloakAgents.Agent who, int port, Crowd crowd) {
        this.who = who;
        this.port = port;
        this.crowd = crowd;
    }

    String id() {
        return who.id();
    }

    Future<Agent> connect() {
        return Net.agentSocket(port, who.token())
                .map(
                        socket -> {
                            ws = socket;
                            socket.textMessageHandler(this::onText);
                            socket.closeHandler(
                                    v -> {
                                        if (!closing) {
                                            crowd.closed("agent", socket.closeStatusCode());
                                        }
                                    });
                            return this;
                        });
    }

    /** Claims over the socket; completes with the {@code claimed} or {@code error} frame. */
    CompletableFuture<JsonNode> claim(UUID caseId) {
        return command("claim", caseId);
    }

    CompletableFuture<JsonNode> resolve(UUID caseId) {
        return command("resolve", caseId);
    }

    private CompletableFuture<JsonNode> command(String type, UUID caseId) {
        String requestId = "q" + requests.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        answers.put(requestId, answer);
        ws.writeTextMessage(
                "{\"type\":\""
                        + type
                        + "\",\"caseId\":\""
                        + caseId
                        + "\",\"requestId\":\""
                        + requestId
                        + "\"}");
        return answer;
    }

    void send(UUID caseId, String clientMsgId) {
        ws.writeTextMessage(
                "{\"type\":\"send\",\"caseId\":\""
                        + caseId
                        + "\",\"clientMsgId\":\""
                        + clientMsgId
                        + "\",\"text\":\"bench "
                        + clientMsgId
                        + "\"}");
    }

    /**
     * Sends a fresh access token ({@code auth}), as the console does before the old one expires
     * (Keycloak's last five minutes; the gateway closes the socket with 1008 at expiry).
     */
    void refreshToken() {
        WebSocket socket = ws;
        if (socket != null && !socket.isClosed()) {
            socket.writeTextMessage(
                    Net.JSON
                            .createObjectNode()
                            .put("type", "auth")
                            .put("token", who.token())
                            .toString());
        }
    }

    void close() {
        closing = true;
        WebSocket socket = ws;
        if (socket != null && !socket.isClosed()) {
            socket.close((short) 1000);
        }
    }

    private void onText(String text) {
        long now = System.nanoTime();
        JsonNode frame = Crowd.parse(text);
        Tracker tracker = crowd.tracker;
        switch (frame.path("type").asText()) {
            case "message" -> {
                JsonNode m = frame.path("message");
                long seq = m.path("seq").asLong();
                boolean[] fresh = {false};
                lastSeq.compute(
                        UUID.fromString(m.path("caseId").asText()),
                        (id, last) -> (fresh[0] = tracker.inOrder(last, seq)) ? seq : last);
                if (fresh[0] && "CUSTOMER".equals(m.path("sender").path("type").asText())) {
                    tracker.delivered(m, true, now);
                }
            }
            case "case" -> onCase(frame.path("case"), now);
            case "tiles" -> {
                for (JsonNode tile : frame.path("tiles")) {
                    JsonNode c = tile.path("case");
                    if ("NEW".equals(c.path("status").asText())) {
                        waiting.add(UUID.fromString(c.path("caseId").asText()));
                    }
                }
                ready.complete(null);
            }
            case "accepted" -> tracker.accepted(frame.path("clientMsgId").asText(null), now);
            case "claimed", "resolved" -> answer(frame.path("requestId").asText(), frame);
            case "error" -> {
                CompletableFuture<JsonNode> waitingFor =
                        answers.remove(frame.path("ref").asText(""));
                if (waitingFor != null) {
                    waitingFor.complete(frame);
                } else {
                    crowd.error("agent", frame);
                }
            }
            default -> {}
        }
    }

    private void answer(String requestId, JsonNode frame) {
        CompletableFuture<JsonNode> a = answers.remove(requestId);
        if (a != null) {
            a.complete(frame);
        }
    }

    private void onCase(JsonNode c, long now) {
        UUID caseId = UUID.fromString(c.path("caseId").asText());
        if ("NEW".equals(c.path("status").asText())) {
            waiting.add(caseId);
        } else {
            waiting.remove(caseId);
            crowd.caseSeen(this, caseId, c, now);
        }
    }
}
