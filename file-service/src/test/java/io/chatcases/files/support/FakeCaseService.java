package io.chatcases.files.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server standing in for case-service's {@code GET /cases/{id}} (case-service does not
 * run during file-service's tests). It answers 200 for any Case unless a test told it otherwise
 * through {@code PUT /_fake/cases/{id}} (see {@link CaseServiceDouble}): 403, 404, 500, {@code
 * hang} (answers after 10 s) or {@code drop} (closes the connection). It answers 401 without a
 * bearer token and remembers the Authorization header it last saw per Case, so tests can check that
 * file-service forwards the agent's own token.
 */
public class FakeCaseService implements QuarkusTestResourceLifecycleManager {
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Map<String, String> seenAuthorization = new ConcurrentHashMap<>();
    private HttpServer server;
    private ExecutorService executor;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/cases/", this::caseRead);
        server.createContext("/_fake/cases/", this::control);
        server.start();
        return Map.of(
                "quarkus.rest-client.case-service.url",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void caseRead(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/cases/".length());
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            send(exchange, 401, "");
            return;
        }
        seenAuthorization.put(id, auth);
        String answer = answers.getOrDefault(id, "200");
        switch (answer) {
            case "hang" -> {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(exchange, 200, "{\"id\":\"" + id + "\"}");
            }
            case "drop" -> exchange.close();
            default -> {
                int status = Integer.parseInt(answer);
                send(exchange, status, status == 200 ? "{\"id\":\"" + id + "\"}" : "");
            }
        }
    }

    private void control(HttpExchange exchange) throws IOException {
        String rest = exchange.getRequestURI().getPath().substring("/_fake/cases/".length());
        if (exchange.getRequestMethod().equals("PUT")) {
            String answer =
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                            .strip();
            answers.put(rest, answer);
            send(exchange, 204, "");
        } else if (rest.endsWith("/authorization")) {
            String id = rest.substring(0, rest.length() - "/authorization".length());
            String seen = seenAuthorization.get(id);
            send(exchange, seen == null ? 404 : 200, seen == null ? "" : seen);
        } else {
            send(exchange, 405, "");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }
}
