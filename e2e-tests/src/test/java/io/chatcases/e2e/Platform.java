package io.chatcases.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/** The running local platform (deploy/local/up.sh) and extra gateway replicas started by tests. */
public final class Platform {
    static final int GATEWAY = 8080;
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Path ROOT =
            Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();

    private Platform() {}

    /** A started chat as the widget gets it. */
    record Chat(String caseId, long number, String customerToken) {}

    static Chat startChat(String firstName, String lastName) {
        return startChat(firstName, lastName, "WEB_CONNECT");
    }

    static Chat startChat(String firstName, String lastName, String channel) {
        String email =
                firstName.toLowerCase()
                        + "-"
                        + UUID.randomUUID().toString().substring(0, 8)
                        + "@example.com";
        return startChatAs(email, firstName, lastName, channel);
    }

    static Chat startChatAs(String email, String firstName, String lastName, String channel) {
        return startChatAt(GATEWAY, email, firstName, lastName, channel);
    }

    /** Starts a chat through the gateway on {@code port}. */
    static Chat startChatAt(
            int port, String email, String firstName, String lastName, String channel) {
        HttpResponse<String> r =
                post(
                        port,
                        "/api/chats",
                        "{\"email\":\""
                                + email
                                + "\",\"firstName\":\""
                                + firstName
                                + "\",\"lastName\":\""
                                + lastName
                                + "\",\"channel\":\""
                                + channel
                                + "\"}",
                        null);
        if (r.statusCode() != 201) {
            throw new AssertionError("chat start: " + r.statusCode() + " " + r.body());
        }
        JsonNode body = json(r.body());
        return new Chat(
                body.path("caseId").asText(),
                body.path("number").asLong(),
                body.path("customerToken").asText());
    }

    static HttpResponse<String> post(int port, String path, String body, String bearer) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    static HttpResponse<String> get(int port, String path, String bearer) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return Ws.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The management port (metrics, OpenAPI) of a replica started on {@code port}: port + 2000,
     * clear of the platform's own 9080-9083 and of Kafka's 9092/9093.
     */
    static int managementPort(int port) {
        return port + 2000;
    }

    /**
     * The local platform's generated secrets ({@code deploy/local/secrets.sh} writes them to {@code
     * $STATE_DIR/local-secrets.env}): extra replicas need the same ones, and tests that forge
     * customer tokens sign with the same key.
     */
    static java.util.Map<String, String> localSecrets() {
        String state = System.getenv("STATE_DIR");
        Path file =
                (state == null || state.isBlank()
                                ? ROOT.resolve("deploy/local/.state")
                                : Path.of(state))
                        .resolve("local-secrets.env");
        try {
            java.util.Map<String, String> env = new java.util.HashMap<>();
            for (String line : java.nio.file.Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    env.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return env;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(
                    file + " is missing: start the platform with deploy/local/up.sh", e);
        }
    }

    /**
     * Starts another gateway replica from the built jar on {@code port}; extra -D settings allowed.
     */
    static Process startGateway(int port, String... settings) {
        java.util.List<String> all =
                new java.util.ArrayList<>(
                        // As the platform's gateway (deploy/local/secrets.sh): the window is
                        // shared and every test client is 127.0.0.1.
                        java.util.List.of("-Dgateway.chat-starts-per-minute=300"));
        all.addAll(java.util.List.of(settings));
        return io.chatcases.testing.GatewayReplica.start(
                ROOT,
                port,
                localSecrets(),
                ROOT.resolve("e2e-tests/target/gateway-" + port + ".log"),
                all);
    }

    /** kill -9: no graceful close frames, as a crashed pod. */
    static void kill(Process p) {
        p.destroyForcibly();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Takes every waiting (NEW) Case off the tiles, through the public API as the admin (claim,
     * then resolve), so tile assertions start from a known row.
     */
    static void clearWaitingCases() {
        String admin = io.chatcases.testing.Tokens.of("admin");
        for (int round = 0; round < 50; round++) {
            JsonNode tiles = json(get(GATEWAY, "/api/tiles", admin).body()).path("tiles");
            boolean any = false;
            for (JsonNode t : tiles) {
                String id = t.path("case").path("caseId").asText();
                if ("NEW".equals(t.path("case").path("status").asText())) {
                    post(GATEWAY, "/api/cases/" + id + "/claim", "{}", admin);
                    any = true;
                }
                post(GATEWAY, "/api/cases/" + id + "/resolve", "{}", admin);
            }
            if (!any && tiles.isEmpty()) {
                return;
            }
        }
    }
}
