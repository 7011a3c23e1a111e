package io.chatcases.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Fetches real access tokens from the local Keycloak (realm {@code cx}) that the test command
 * starts. Demo users have their user name as password (local realm only). Tokens are cached per
 * user for a minute: they live five, and tests fetch hundreds.
 */
public final class Tokens {
    /** Where Keycloak listens; the services' issuer uses the same host name. */
    public static final String KEYCLOAK_URL =
            System.getProperty("keycloak.url", envOr("KEYCLOAK_URL", "http://localhost:8180"));

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private record Cached(String token, long fetchedAt) {}

    private Tokens() {}

    /** Access token of a demo user (alice, bob, carol, admin, viewer) via the password grant. */
    public static String of(String username) {
        Cached cached = CACHE.get(username);
        if (cached != null && System.currentTimeMillis() - cached.fetchedAt() < 60_000) {
            return cached.token();
        }
        String token =
                fetch(
                        Map.of(
                                "grant_type",
                                "password",
                                "client_id",
                                "cx-console",
                                "username",
                                username,
                                "password",
                                username));
        CACHE.put(username, new Cached(token, System.currentTimeMillis()));
        return token;
    }

    /**
     * The user's id as the services see it: the {@code sub} claim of their access token (first
     * names are not unique: test fixtures use them too).
     */
    public static String subject(String username) {
        String payload = of(username).split("\\.")[1];
        try {
            return JSON.readTree(java.util.Base64.getUrlDecoder().decode(payload))
                    .get("sub")
                    .asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Client-credentials token of the services' confidential client (role {@code service}). */
    public static String service() {
        return fetch(
                Map.of(
                        "grant_type", "client_credentials",
                        "client_id", "cx-services",
                        "client_secret", "cx-services-local-secret"));
    }

    private static String fetch(Map<String, String> form) {
        String body =
                form.entrySet().stream()
                        .map(
                                e ->
                                        e.getKey()
                                                + "="
                                                + URLEncoder.encode(
                                                        e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create(
                                        KEYCLOAK_URL + "/realms/cx/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
        try {
            HttpResponse<String> response =
                    HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "Keycloak refused a token: "
                                + response.statusCode()
                                + " "
                                + response.body());
            }
            JsonNode json = JSON.readTree(response.body());
            return json.get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak not reachable at " + KEYCLOAK_URL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
