package io.chatcases.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The production realm (deploy/k8s/keycloak/realm-cx-prod.json) holds nothing the local demo realm
 * may: no people, no password grant, no committed secret, TLS required, brute-force protection.
 */
class ProdRealmTest {
    static final JsonNode REALM = read("deploy/k8s/keycloak/realm-cx-prod.json");
    static final JsonNode LOCAL = read("deploy/local/keycloak/realm-cx.json");

    @Test
    void requiresTlsForExternalRequestsAndLocksOutGuessers() {
        assertEquals("external", REALM.path("sslRequired").asText());
        assertTrue(REALM.path("bruteForceProtected").asBoolean());
        assertTrue(REALM.path("failureFactor").asInt() > 0);
        assertFalse(REALM.path("registrationAllowed").asBoolean(true));
    }

    @Test
    void hasNoPeopleOnlyServiceAccounts() {
        for (JsonNode user : REALM.path("users")) {
            assertTrue(
                    user.hasNonNull("serviceAccountClientId"),
                    "demo user " + user.path("username").asText());
            assertFalse(user.has("credentials"), "credentials for " + user.path("username"));
        }
    }

    @Test
    void noClientAllowsThePasswordGrantOrCarriesASecret() {
        assertTrue(REALM.path("clients").size() > 0);
        for (JsonNode client : REALM.path("clients")) {
            String id = client.path("clientId").asText();
            assertFalse(client.path("directAccessGrantsEnabled").asBoolean(true), id);
            assertFalse(client.path("implicitFlowEnabled").asBoolean(false), id);
            assertFalse(client.has("secret"), id + " commits a client secret");
            if (client.path("publicClient").asBoolean()) {
                assertEquals(
                        "S256",
                        client.path("attributes").path("pkce.code.challenge.method").asText(),
                        id);
                for (JsonNode uri : client.path("redirectUris")) {
                    assertFalse(uri.asText().contains("localhost"), id + " redirects to " + uri);
                }
            }
        }
    }

    @Test
    void theLocalRealmSaysItIsLocal() {
        assertTrue(LOCAL.path("displayName").asText().contains("local"));
        assertEquals(
                REALM.path("realm").asText(),
                LOCAL.path("realm").asText(),
                "services use one realm name in both");
    }

    private static JsonNode read(String path) {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        try {
            return new ObjectMapper().readTree(root.resolve(path).toFile());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
