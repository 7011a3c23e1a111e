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

    /** Set when the socket closes (code, or -1) and is not reopened. */
    final CompletableFuture<Integer> closed = new CompletableFuture<>();

    /**
     * Reconnect as the widget does (after 1-2 s) when the gateway says "try again later" (1013) or
     * the connection fails, until the socket has its history.
     */
    volatile boolean retry;

    private volatile boolean closing;
    private long firstAttempt;

    Customer(Net.Chat chat, int port, Crowd crowd) {
        this.caseId = chat.caseId();
        this.token = chat.customerToken();
        this.port = port;
        this.crowd = crowd;
    }

    /** Opens the socket; the future completes on the upgrade (the history frame follows). */
    Future<Customer> connect() {
        if (firstAttempt == 0) {
            firstAttempt = System.nanoTime();
            ready.thenRun(() -> crowd.handshakes.record(System.nanoTime() - firstAttempt));
        }
        return Net.customerSocket(port, token)
                .map(
                        socket -> {
                            ws = socket;
                            socket.textMessageHandler(this::onText);
                            socket.closeHandler(
                                    v -> {
                                        Short code = socket.closeStatusCode();
                                        if (!reconnect(code)) {
                                            if (!closing) {
                                                crowd.closed("customer", code);
                                            }
                                            closed.complete(code == null ? -1 : (int) code);
                                        }
                                    });
                            return this;
                        })
                .recover(
                        failure ->
                                reconnect(null)
                                        ? Future.succeededFuture(this)
                                        : Future.failedFuture(failure));
    }

    /** Schedules another attempt when this customer retries and has no history yet. */
    private boolean reconnect(Short code) {
        if (!retry || closing || ready.isDone() || (code != null && code != 1013)) {
            return false;
        }
        crowd.reconnects.incrementAndGet();
        Net.VERTX.setTimer(
                1000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(1000),
                id -> connect());
        return true;
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
                synchronized (this) {
                    long seq = m.path("seq").asLong();
                    if (!tracker.inOrder(lastSeq, seq)) {
                        return;
                    }
                    lastSeq = seq;
                }
                if (!"CUSTOMER".equals(m.path("sender").path("type").asText())) {
                    tracker.delivered(m, false, now);
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
            case "error" -> {
                if (!retry) {
                    crowd.error("customer", frame);
                }
            }
            default -> {}
        }
    }
}
