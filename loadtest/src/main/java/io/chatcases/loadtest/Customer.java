package io.chatcases.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocket;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** A customer's socket bound to its Case: sends, and checks what it receives (order, once). */
final class Customer {
    final UUID caseId;
    final int port;
    private final String token;
    private final Crowd crowd;
    private volatile WebSocket ws;
    private long lastSeq;

    /** Completed by the {@code history} frame that follows the open. */
    final CompletableFuture<Long> ready = new CompletableFuture<>();

    /** Set when the socket closes (code, or -1). */
    final CompletableFuture<Integer> closed = new CompletableFuture<>();

    Customer(Net.Chat chat, int port, Crowd crowd) {
        this.caseId = chat.caseId();
        this.token = chat.customerToken();
        this.port = port;
        this.crowd = crowd;
    }

    /** Opens the socket; the future completes on the upgrade (the history frame follows). */
    Future<Customer> connect() {
        long start = System.nanoTime();
        return Net.customerSocket(port, token)
                .map(
                        socket -> {
                            ws = socket;
                            socket.textMessageHandler(this::onText);
                            socket.closeHandler(
                                    v ->
                                            closed.complete(
                                                    socket.closeStatusCode() == null
                                                            ? -1
                                                            : (int) socket.closeStatusCode()));
                            ready.thenRun(() -> crowd.handshakes.record(System.nanoTime() - start));
                            return this;
                        });
    }

    void send(String clientMsgId) {
        ws.writeTextMessage(
                "{\"type\":\"send\",\"clientMsgId\":\""
                        + clientMsgId
                        + "\",\"text\":\"bench "
                        + clientMsgId
                        + "\"}");
    }

    void close() {
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
                synchronized (this) {
                    long seq = m.path("seq").asLong();
                    if (seq <= lastSeq) {
                        tracker.duplicates.incrementAndGet();
                        return;
                    }
                    if (lastSeq > 0 && seq > lastSeq + 1) {
                        tracker.gaps.incrementAndGet();
                    }
                    lastSeq = seq;
                }
                if (!"CUSTOMER".equals(m.path("sender").path("type").asText())) {
                    tracker.delivered(m.path("clientMsgId").asText(null), false, now);
                }
            }
            case "accepted" -> tracker.accepted(frame.path("clientMsgId").asText(null), now);
            case "history" -> {
                synchronized (this) {
                    for (JsonNode m : frame.path("messages")) {
                        lastSeq = Math.max(lastSeq, m.path("seq").asLong());
                    }
                }
                ready.complete(lastSeq);
            }
            case "error" -> crowd.error("customer", frame);
            default -> {}
        }
    }
}
