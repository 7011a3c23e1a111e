package io.chatcases.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * A WebSocket client for the fault suites: like {@link Ws}, but every frame carries its arrival
 * time and a listener may react to frames on the event loop (50 consoles claiming at once).
 */
final class Live implements AutoCloseable {
    /** One received frame and when it arrived (System.nanoTime). */
    record Frame(JsonNode json, long at) {
        String type() {
            return json.path("type").asText();
        }
    }

    final WebSocket socket;
    final List<Frame> frames = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();

    /** The close frame's reason, once closed (null when none came). */
    volatile String closeReason;

    private volatile BiConsumer<Live, JsonNode> listener;

    private Live(WebSocket socket, BiConsumer<Live, JsonNode> listener) {
        this.socket = socket;
        this.listener = listener;
        socket.textMessageHandler(
                text -> {
                    JsonNode json;
                    try {
                        json = Ws.JSON.readTree(text);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    frames.add(new Frame(json, System.nanoTime()));
                    BiConsumer<Live, JsonNode> l = this.listener;
                    if (l != null) {
                        l.accept(this, json);
                    }
                });
        socket.closeHandler(
                v -> {
                    closeReason = socket.closeReason();
                    closed.complete(
                            socket.closeStatusCode() == null ? -1 : (int) socket.closeStatusCode());
                });
    }

    static Live connect(WebSocketConnectOptions options, BiConsumer<Live, JsonNode> listener) {
        return connectAsync(options, listener).join();
    }

    /**
     * Connects without blocking; fails after 10 s. A socket whose handshake completes after that is
     * closed at once: the caller gave up on it and retries, and a forgotten open socket would hold
     * one of the Case's socket leases and evict a live one (ManySocketsKillIT counted such 1008s on
     * a busy machine).
     */
    static CompletableFuture<Live> connectAsync(
            WebSocketConnectOptions options, BiConsumer<Live, JsonNode> listener) {
        var client =
                Ws.VERTX.createWebSocketClient(
                        new WebSocketClientOptions()
                                .setMaxFrameSize(1 << 20)
                                .setMaxMessageSize(1 << 22)
                                .setConnectTimeout(5000));
        CompletableFuture<Live> result = new CompletableFuture<>();
        client.connect(options)
                .onComplete(
                        ar -> {
                            if (ar.failed()) {
                                result.completeExceptionally(ar.cause());
                            } else if (result.isDone()
                                    || !result.complete(new Live(ar.result(), listener))) {
                                ar.result().close();
                            }
                        });
        return result.orTimeout(10, TimeUnit.SECONDS);
    }

    void send(Object... fields) {
        var node = Ws.JSON.createObjectNode();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            node.set((String) fields[i], Ws.JSON.valueToTree(fields[i + 1]));
        }
        socket.writeTextMessage(node.toString());
    }

    List<JsonNode> all(String type) {
        List<JsonNode> out = new ArrayList<>();
        for (Frame f : frames) {
            if (type.equals(f.type())) {
                out.add(f.json());
            }
        }
        return out;
    }

    /** The first frame matching, waiting up to {@code timeout}. */
    Frame await(String type, Predicate<JsonNode> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Frame f : frames) {
                if (type.equals(f.type()) && match.test(f.json())) {
                    return f;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "no "
                                + type
                                + " frame within "
                                + timeout
                                + "; got "
                                + frames.size()
                                + (closed.isDone()
                                        ? "; closed " + closed.join() + " " + closeReason
                                        : "; still open"));
            }
            Ws.sleep(20);
        }
    }

    /** Message frames and history contents of a Case, in arrival order. */
    List<JsonNode> messages(String caseId) {
        List<JsonNode> out = new ArrayList<>();
        for (Frame f : frames) {
            JsonNode j = f.json();
            if ("message".equals(f.type())
                    && caseId.equals(j.path("message").path("caseId").asText())) {
                out.add(j.path("message"));
            } else if ("history".equals(f.type()) && caseId.equals(j.path("caseId").asText())) {
                j.path("messages").forEach(out::add);
            }
        }
        return out;
    }

    boolean isOpen() {
        return !closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
    }
}
