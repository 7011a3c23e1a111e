package io.chatcases.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.testing.Tokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An agent's socket lives as long as its access token: it is closed (1008) when the token expires,
 * unless the console sent a fresh one with an {@code auth} frame. Tokens of the realm's {@code
 * cx-short-lived} client live 15 s.
 */
class TokenExpiryIT {

    static String shortLivedToken(String user) {
        String form =
                "grant_type=password&client_id=cx-short-lived&username="
                        + user
                        + "&password="
                        + user;
        var response =
                Platform.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                Tokens.KEYCLOAK_URL
                                                        + "/realms/cx/protocol/openid-connect/token"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build());
        assertEquals(200, response.statusCode(), response.body());
        return Platform.json(response.body()).path("access_token").asText();
    }

    @Test
    void aSocketClosesWhenItsTokenExpiresUnlessRefreshed() {
        String bobs = shortLivedToken("bob");
        try (Ws lapsing = Ws.agent(Platform.GATEWAY, bobs);
                Ws refreshed = Ws.agent(Platform.GATEWAY, shortLivedToken("carol"))) {
            lapsing.await("tiles", f -> true);
            refreshed.await("tiles", f -> true);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && lapsing.isOpen()) {
                refreshed.send("type", "auth", "token", shortLivedToken("carol"));
                Ws.sleep(5000);
            }
            assertEquals(1008, lapsing.awaitClose(Duration.ofSeconds(5)));
            // The expired token no longer opens a socket at all.
            assertEquals(401, Ws.upgradeStatus(Ws.agentOptions(Platform.GATEWAY, bobs)));
            assertTrue(
                    refreshed.isOpen(),
                    "a refreshed socket stays open past its first token; closed: "
                            + refreshed.socket.closeReason()
                            + " "
                            + refreshed.frames);
            // A token of another user is not a refresh: the socket closes.
            refreshed.send("type", "auth", "token", shortLivedToken("bob"));
            assertEquals(1008, refreshed.awaitClose(Duration.ofSeconds(10)));
        }
    }
}
