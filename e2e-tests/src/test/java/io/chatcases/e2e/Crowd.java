package io.chatcases.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.testing.Tokens;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Shared helpers of the fault suites: extra agents in Keycloak, figures, waiting, paging. */
final class Crowd {
    private Crowd() {}

    /** Rounds of a fault suite: small by default, {@code -Dfaults.rounds=N} for a long run. */
    static int rounds(int fallback) {
        return Integer.getInteger("faults.rounds", fallback);
    }

    /** Waits until {@code condition} holds, failing with {@code what} after {@code timeout}. */
    static void waitFor(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Ws.sleep(50);
        }
    }

    /** The p-th percentile (0-100, nearest rank) of values; 0 for none. */
    static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static long ms(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }

    /** Every stored message of a Case after {@code after}, page by page, as an agent reads it. */
    static List<JsonNode> stored(String caseId, String bearer) {
        return pages(
                after ->
                        Platform.get(
                                Platform.GATEWAY,
                                "/api/cases/" + caseId + "/messages?after=" + after + "&limit=500",
                                bearer));
    }

    /** The customer's own way to the whole conversation: REST with the customer token. */
    static List<JsonNode> customerStored(String caseId, String customerToken, long after) {
        return pages(
                a ->
                        Platform.get(
                                Platform.GATEWAY,
                                "/api/chats/" + caseId + "/messages?after=" + a + "&limit=100",
                                customerToken),
                after);
    }

    private static List<JsonNode> pages(
            java.util.function.LongFunction<HttpResponse<String>> page) {
        return pages(page, 0);
    }

    private static List<JsonNode> pages(
            java.util.function.LongFunction<HttpResponse<String>> page, long after) {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> r = page.apply(after);
            if (r.statusCode() != 200) {
                throw new AssertionError("messages: " + r.statusCode() + " " + r.body());
            }
            JsonNode body = Platform.json(r.body());
            JsonNode list = body.isArray() ? body : body.path("messages");
            if (list.isEmpty()) {
                return out;
            }
            list.forEach(out::add);
            after = list.get(list.size() - 1).path("seq").asLong();
        }
        return out;
    }

    // ------------------------------------------------------------------ Keycloak admin (realm cx)

    /** An agent created for a suite: Keycloak id, user name (= password), names. */
    record Agent(String id, String username, String firstName, String lastName) {
        String fullName() {
            return firstName + " " + lastName;
        }

        String token() {
            return Tokens.of(username);
        }
    }

    private static String adminToken() {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password=admin";
        HttpResponse<String> r =
                Platform.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                Tokens.KEYCLOAK_URL
                                                        + "/realms/master/protocol/openid-connect/token"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Keycloak master admin: " + r.statusCode());
        }
        return Platform.json(r.body()).path("access_token").asText();
    }

    private static HttpResponse<String> admin(
            String token, String method, String path, String body) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(Tokens.KEYCLOAK_URL + "/admin/realms/cx" + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        return Platform.send(b.build());
    }

    private static String userId(String token, String username) {
        JsonNode found =
                Platform.json(
                        admin(
                                        token,
                                        "GET",
                                        "/users?exact=true&username="
                                                + URLEncoder.encode(
                                                        username, StandardCharsets.UTF_8),
                                        null)
                                .body());
        return found.isArray() && !found.isEmpty() ? found.get(0).path("id").asText() : null;
    }

    /**
     * {@code n} agents named {@code prefix01..}, created with the realm role {@code agent} (as the
     * demo users get it in realm-cx.json), or reused when a failed run left them behind.
     */
    static List<Agent> ensureAgents(String prefix, int n, String lastName) {
        String token = adminToken();
        JsonNode role = Platform.json(admin(token, "GET", "/roles/agent", null).body());
        String roleJson =
                "[{\"id\":\""
                        + role.path("id").asText()
                        + "\",\"name\":\""
                        + role.path("name").asText()
                        + "\"}]";
        List<Agent> agents = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String username = String.format("%s%02d", prefix, i);
            String first = "Storm" + (char) ('A' + (i - 1) % 26) + String.format("%02d", i);
            String id = userId(token, username);
            if (id == null) {
                String user =
                        "{\"username\":\""
                                + username
                                + "\",\"enabled\":true,\"emailVerified\":true,"
                                + "\"firstName\":\""
                                + first
                                + "\",\"lastName\":\""
                                + lastName
                                + "\",\"email\":\""
                                + username
                                + "@example.com\",\"credentials\":[{\"type\":\"password\","
                                + "\"value\":\""
                                + username
                                + "\",\"temporary\":false}]}";
                HttpResponse<String> r = admin(token, "POST", "/users", user);
                if (r.statusCode() != 201) {
                    throw new IllegalStateException(
                            "create " + username + ": " + r.statusCode() + " " + r.body());
                }
                id = userId(token, username);
            }
            HttpResponse<String> mapped =
                    admin(token, "POST", "/users/" + id + "/role-mappings/realm", roleJson);
            if (mapped.statusCode() / 100 != 2) {
                throw new IllegalStateException("role agent for " + username + ": " + mapped);
            }
            agents.add(new Agent(id, username, first, lastName));
        }
        return agents;
    }

    /** Deletes the suite's agents (those that exist). */
    static void deleteAgents(String prefix, int n) {
        String token = adminToken();
        for (int i = 1; i <= n; i++) {
            String id = userId(token, String.format("%s%02d", prefix, i));
            if (id != null) {
                admin(token, "DELETE", "/users/" + id, null);
            }
        }
    }
}
