package io.chatcases.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The harness's one Vert.x: HTTP calls and WebSockets towards the gateways, on two loops. */
final class Net {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Vertx VERTX =
            Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setPreferNativeTransport(true));
    private static final HttpClient HTTP =
            VERTX.createHttpClient(
                    new HttpClientOptions().setKeepAlive(true),
                    new PoolOptions().setHttp1MaxSize(64));
    private static final WebSocketClient WS =
            VERTX.createWebSocketClient(
                    new WebSocketClientOptions()
                            // Vert.x allows 50 sockets per host by default and queues the rest.
                            .setMaxConnections(100_000)
                            .setMaxFrameSize(1 << 20)
                            .setMaxMessageSize(8 << 20)
                            .setConnectTimeout(20_000));

    private Net() {}

    /** A started chat: its Case and the customer token. */
    record Chat(UUID caseId, String customerToken) {}

    /** {@code POST /api/chats} on a gateway, as the widget does (no identity: unverified). */
    static Future<Chat> startChat(int port, String email, String first, String last) {
        String body =
                JSON.createObjectNode()
                        .put("email", email)
                        .put("firstName", first)
                        .put("lastName", last)
                        .toString();
        return request(HttpMethod.POST, port, "/api/chats", body, null)
                .map(
                        json ->
                                new Chat(
                                        UUID.fromString(json.path("caseId").asText()),
                                        json.path("customerToken").asText()));
    }

    /** An HTTP call answering 2xx with a JSON body (failed otherwise, with status and body). */
    static Future<JsonNode> request(
            HttpMethod method, int port, String path, String body, String bearer) {
        RequestOptions options =
                new RequestOptions()
                        .setMethod(method)
                        .setHost("127.0.0.1")
                        .setPort(port)
                        .setURI(path)
                        .setTimeout(30_000)
                        .putHeader("Content-Type", "application/json");
        if (bearer != null) {
            options.putHeader("Authorization", "Bearer " + bearer);
        }
        return HTTP.request(options)
                .compose(r -> body == null ? r.send() : r.send(Buffer.buffer(body)))
                .compose(
                        response ->
                                response.body()
                                        .compose(
                                                b -> {
                                                    if (response.statusCode() / 100 != 2) {
                                                        return Future.failedFuture(
                                                                method
                                                                        + " "
                                                                        + path
                                                                        + ": "
                                                                        + response.statusCode()
                                                                        + " "
                                                                        + b);
                                                    }
                                                    return Future.succeededFuture(parse(b));
                                                }));
    }

    static JsonNode parse(Buffer b) {
        try {
            return b.length() == 0 ? JSON.nullNode() : JSON.readTree(b.getBytes());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + b, e);
        }
    }

    /**
     * The customer's socket: the token as a query parameter (the SDK's way), no Origin (Vert.x
     * would send its own, which the gateway's Origin check refuses with 403).
     */
    static Future<WebSocket> customerSocket(int port, String token) {
        return WS.connect(
                new WebSocketConnectOptions()
                        .setAllowOriginHeader(false)
                        .setHost("127.0.0.1")
                        .setPort(port)
                        .setURI(
                                "/ws/customer?token="
                                        + URLEncoder.encode(token, StandardCharsets.UTF_8)));
    }

    /** The console's socket: the access token in Sec-WebSocket-Protocol. */
    static Future<WebSocket> agentSocket(int port, String token) {
        String carrier =
                URLEncoder.encode(
                                "quarkus-http-upgrade#Authorization#Bearer " + token,
                                StandardCharsets.UTF_8)
                        .replace("+", "%20");
        return WS.connect(
                new WebSocketConnectOptions()
                        .setHost("127.0.0.1")
                        .setPort(port)
                        .setURI("/ws/agent")
                        .setSubProtocols(List.of("bearer-token-carrier", carrier)));
    }

    /** Waits for a Vert.x future from a plain thread. */
    static <T> T await(Future<T> future, long seconds) {
        CompletableFuture<T> done = new CompletableFuture<>();
        future.onComplete(
                r -> {
                    if (r.succeeded()) {
                        done.complete(r.result());
                    } else {
                        done.completeExceptionally(r.cause());
                    }
                });
        try {
            return done.get(seconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
