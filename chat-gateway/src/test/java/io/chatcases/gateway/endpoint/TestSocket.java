package io.chatcases.gateway.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.gateway.protocol.FrameSchemas;
import io.chatcases.gateway.protocol.Frames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A test client of the gateway's sockets: records every frame it receives, and checks every frame
 * it sends and receives against schema/frames (a violation fails the test at {@link #close}).
 */
final class TestSocket implements WebSocket.Listener, AutoCloseable {
    final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket ws;

    static TestSocket connect(URI uri, String bearer) {
        TestSocket t = new TestSocket();
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        t.ws = b.connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, t).join();
        return t;
    }

    /** Sends a well-formed frame (checked against its schema first). */
    void send(String json) {
        violations.addAll(FrameSchemas.problems(json));
        sendRaw(json);
    }

    /** Sends anything, e.g. a malformed frame. */
    void sendRaw(String text) {
        ws.sendText(text, true).join();
    }

    /** The first frame of {@code type} matching {@code test}, waiting up to 10 s. */
    JsonNode await(String type, Predicate<JsonNode> test) {
        return org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () ->
                                frames.stream()
                                        .filter(f -> type.equals(f.path("type").asText()))
                                        .filter(test)
                                        .findFirst(),
                        Optional::isPresent)
                .get();
    }

    List<JsonNode> all(String type) {
        return frames.stream().filter(f -> type.equals(f.path("type").asText())).toList();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            violations.addAll(FrameSchemas.problems(text));
            frames.add(Frames.JSON.valueToTree(parse(text)));
        }
        webSocket.request(1);
        return null;
    }

    private static JsonNode parse(String text) {
        try {
            return Frames.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            ws.sendClose(1000, "done").join();
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("frames violating schema/frames: " + violations);
        }
    }
}
