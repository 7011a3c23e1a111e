package io.chatcases.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A test WebSocket client: records every frame, waits for frames, reports the close code. */
public final class Ws implements AutoCloseable {
    static final Vertx VERTX = Vertx.vertx();
    static final ObjectMapper JSON = new ObjectMapper();

    final WebSocket socket;
    final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private Ws(WebSocket socket) {
        this.socket = socket;
        socket.textMessageHandler(
                text -> {
                    try {
                        frames.add(JSON.readTree(text));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        socket.closeHandler(
                v ->
                        closed.complete(
                                socket.closeStatusCode() == null
                                        ? -1
                                        : (int) socket.closeStatusCode()));
    }

    /** The agent console's way: the token in Sec-WebSocket-Protocol. */
    static Ws agent(int port, String token) {
        return connect(agentOptions(port, token), 0);
    }

    static WebSocketConnectOptions agentOptions(int port, String token) {
        String carrier =
                URLEncoder.encode(
                                "quarkus-http-upgrade#Authorization#Bearer " + token,
                                StandardCharsets.UTF_8)
                        .replace("+", "%20");
        return new WebSocketConnectOptions()
                .setHost("localhost")
                .setPort(port)
                .setURI("/ws/agent")
                .setSubProtocols(List.of("bearer-token-carrier", carrier));
    }

    static Ws customer(int port, String token) {
        return connect(customerOptions(port, token, "http://localhost:8080"), 0);
    }

    static WebSocketConnectOptions customerOptions(int port, String token, String origin) {
        WebSocketConnectOptions o =
                new WebSocketConnectOptions()
                        .setHost("localhost")
                        .setPort(port)
                        .setURI(
                                "/ws/customer?token="
                                        + URLEncoder.encode(token, StandardCharsets.UTF_8));
        if (origin != null) {
            o.addHeader("Origin", origin);
        }
        return o;
    }

    /** Connects; {@code receiveBuffer} > 0 shrinks the socket's receive buffer (slow readers). */
    static Ws connect(WebSocketConnectOptions options, int receiveBuffer) {
        WebSocketClientOptions clientOptions =
                new WebSocketClientOptions().setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 22);
        if (receiveBuffer > 0) {
            clientOptions.setReceiveBufferSize(receiveBuffer);
        }
        WebSocketClient client = VERTX.createWebSocketClient(clientOptions);
        try {
            // Handlers are attached on the event loop as the upgrade completes: the server's first
            // frames (hello, tiles, case, history) follow at once and must not be missed.
            return client.connect(options)
                    .map(Ws::new)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("connect failed: " + e.getMessage(), e);
        }
    }

    /** The HTTP status of a refused upgrade (e.g. 401, 403), or 101 when it was accepted. */
    static int upgradeStatus(WebSocketConnectOptions options) {
        try {
            Ws ws = connect(options, 0);
            ws.close();
            return 101;
        } catch (IllegalStateException e) {
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof UpgradeRejectedException)) {
                cause = cause.getCause();
            }
            if (cause == null) {
                throw e;
            }
            return ((UpgradeRejectedException) cause).getStatus();
        }
    }

    void send(String json) {
        socket.writeTextMessage(json);
    }

    void send(Object... fields) {
        var node = JSON.createObjectNode();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            node.set((String) fields[i], JSON.valueToTree(fields[i + 1]));
        }
        send(node.toString());
    }

    /** The first frame (from the start) matching, waiting up to {@code timeout}. */
    JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode f : frames) {
                if (match.test(f)) {
                    return f;
                }
            }
            sleep(20);
        }
        throw new AssertionError(
                "no matching frame within "
                        + timeout
                        + " (closed: "
                        + closed.getNow(null)
                        + "); got "
                        + frames);
    }

    JsonNode await(String type, Predicate<JsonNode> match) {
        return await(
                f -> type.equals(f.path("type").asText()) && match.test(f), Duration.ofSeconds(15));
    }

    List<JsonNode> all(String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : frames) {
            if (type.equals(f.path("type").asText())) {
                out.add(f);
            }
        }
        return out;
    }

    /** Messages of a Case as received, from history and message frames, in arrival order. */
    List<JsonNode> messages(String caseId) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : frames) {
            String type = f.path("type").asText();
            if ("message".equals(type)
                    && caseId.equals(f.path("message").path("caseId").asText())) {
                out.add(f.path("message"));
            } else if ("history".equals(type) && caseId.equals(f.path("caseId").asText())) {
                f.path("messages").forEach(out::add);
            }
        }
        return out;
    }

    int awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("socket not closed within " + timeout);
        }
    }

    boolean isOpen() {
        return !closed.isDone();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
    }
}
