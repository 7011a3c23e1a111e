package io.chatcases.gateway.endpoint;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.events.CaseStatus;
import io.chatcases.events.CaseView;
import io.chatcases.events.Channel;
import io.chatcases.gateway.client.CustomerTokens;
import io.chatcases.gateway.protocol.Frames;
import io.chatcases.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * ICE servers for calls (rest/IceServers): the agent's and the customer's endpoints, who may ask,
 * and TURN credentials in the TURN REST API's format, checked with an HMAC computed here from the
 * test profile's secret (application.properties, {@code %test.gateway.calls.*}).
 */
@QuarkusTest
@QuarkusTestResource(value = FakeCaseService.class, restrictToAnnotatedClass = true)
class IceServersTest {
    static final String SECRET = "local-only-turn-secret-for-tests-0123456789";
    static final long TTL = 7200;

    @Inject CustomerTokens tokens;

    /** The STUN entry as configured, then TURN with credentials for {@code who}. */
    private static void checkServers(Response r, String who) throws Exception {
        assertEquals(200, r.statusCode(), r.asString());
        assertTrue(r.header("Cache-Control").contains("no-store"));
        JsonNode body = Frames.JSON.readTree(r.asString());
        assertEquals(TTL, body.path("ttlSeconds").asLong());
        JsonNode servers = body.path("iceServers");
        assertEquals(2, servers.size());
        assertEquals("stun:stun.example.test:3478", servers.get(0).path("urls").asText());
        JsonNode turn = servers.get(1);
        assertEquals(
                "[\"turn:turn.example.test:3478?transport=udp\","
                        + "\"turns:turn.example.test:5349\"]",
                turn.path("urls").toString());
        String username = turn.path("username").asText();
        String[] parts = username.split(":", 2);
        assertEquals(who, parts[1]);
        long expiry = Long.parseLong(parts[0]);
        long expected = Instant.now().getEpochSecond() + TTL;
        assertTrue(Math.abs(expiry - expected) < 30, username);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        assertEquals(
                Base64.getEncoder()
                        .encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8))),
                turn.path("credential").asText());
    }

    @Test
    void anAgentGetsTurnCredentialsOfTheirOwn() throws Exception {
        checkServers(
                given().auth().oauth2(Tokens.of("alice")).get("/api/calls/ice-servers").andReturn(),
                AgentSocketTest.subject("alice"));
    }

    @Test
    void theAgentsEndpointNeedsAnAgentToken() {
        assertEquals(401, given().get("/api/calls/ice-servers").statusCode());
        assertEquals(
                403,
                given().auth()
                        .oauth2(Tokens.of("viewer"))
                        .get("/api/calls/ice-servers")
                        .statusCode());
        // A customer token is no agent token.
        assertEquals(
                401,
                given().auth()
                        .oauth2(tokens.issue(UUID.randomUUID()))
                        .get("/api/calls/ice-servers")
                        .statusCode());
    }

    @Test
    void aSupportSdkCustomerGetsTurnCredentialsForTheirCase() throws Exception {
        CaseView kase = FakeCaseService.add(Channel.SUPPORT_SDK, CaseStatus.NEW, null);
        checkServers(
                given().auth()
                        .oauth2(tokens.issue(kase.caseId()))
                        .get("/api/chats/" + kase.caseId() + "/ice-servers")
                        .andReturn(),
                kase.caseId().toString());
    }

    @Test
    void anotherCasesTokenAWebConnectChatAndNoTokenAreRefused() throws Exception {
        CaseView sdk = FakeCaseService.add(Channel.SUPPORT_SDK, CaseStatus.NEW, null);
        CaseView web = FakeCaseService.add(Channel.WEB_CONNECT, CaseStatus.NEW, null);
        String path = "/api/chats/" + sdk.caseId() + "/ice-servers";

        Response other = given().auth().oauth2(tokens.issue(web.caseId())).get(path).andReturn();
        assertEquals(403, other.statusCode());
        assertTrue(other.contentType().startsWith("application/problem+json"));
        assertEquals("FORBIDDEN", Frames.JSON.readTree(other.asString()).path("code").asText());

        Response webConnect =
                given().auth()
                        .oauth2(tokens.issue(web.caseId()))
                        .get("/api/chats/" + web.caseId() + "/ice-servers")
                        .andReturn();
        assertEquals(403, webConnect.statusCode());
        assertEquals(
                "Calls are for Support SDK chats.",
                Frames.JSON.readTree(webConnect.asString()).path("detail").asText());

        Response none = given().get(path).andReturn();
        assertEquals(401, none.statusCode());
        assertEquals("UNAUTHORIZED", Frames.JSON.readTree(none.asString()).path("code").asText());
    }

    @Test
    void theConsolesPublicConfigCarriesNoCredentials() throws Exception {
        JsonNode config = Frames.JSON.readTree(given().get("/api/config").asString());
        assertEquals(
                "[{\"urls\":\"stun:stun.example.test:3478\"}]",
                config.path("iceServers").toString());
    }
}
