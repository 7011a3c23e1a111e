package io.chatcases.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Extra agents in the local Keycloak (realm {@code cx}) for suites and benchmarks that need more
 * consoles than the demo users: created through the admin API with the realm role {@code agent},
 * password = user name (local realm only), deleted afterwards.
 */
public final class KeycloakAgents {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeycloakAgents() {}

    /** An agent created for a suite: Keycloak id, user name (= password), names. */
    public record Agent(String id, String username, String firstName, String lastName) {
        public String fullName() {
            return firstName + " " + lastName;
        }

        /** A real access token (password grant, cached a minute by {@link Tokens}). */
        public String token() {
            return Tokens.of(username);
        }
    }

    /**
     * {@code n} agents named {@code prefix01..}, created with the realm role {@code agent} (as the
     * demo users get it in realm-cx.json), or reused when a failed run left them behind.
     */
    public static List<Agent> ensure(String prefix, int n, String lastName) {
        String token = adminToken();
        JsonNode role = json(admin(token, "GET", "/roles/agent", null).body());
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
                        JSON.createObjectNode()
                                .put("username", username)
                                .put("enabled", true)
                                .put("emailVerified", true)
                                .put("firstName", first)
                                .put("lastName", lastName)
                                .put("email", username + "@example.com")
                                .set(
                                        "credentials",
                                        JSON.createArrayNode()
                                                .add(
                                                        JSON.createObjectNode()
                                                                .put("type", "password")
                                                                .put("value", username)
                                                                .put("temporary", false)))
                                .toString();
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

    /** Deletes the agents {@code prefix01..prefixNN} that exist. */
    public static void delete(String prefix, int n) {
        String token = adminToken();
        for (int i = 1; i <= n; i++) {
            String id = userId(token, String.format("%s%02d", prefix, i));
            if (id != null) {
                admin(token, "DELETE", "/users/" + id, null);
            }
        }
    }

    private static String adminToken() {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password=admin";
        HttpResponse<String> r =
                send(
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
        return json(r.body()).path("access_token").asText();
    }

    private static HttpResponse<String> admin(
            String token, String method, String path, String body) {
        return send(
                HttpRequest.newBuilder(URI.create(Tokens.KEYCLOAK_URL + "/admin/realms/cx" + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build());
    }

    private static String userId(String token, String username) {
        JsonNode found =
                json(
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

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(text, e);
        }
    }
}
