package io.chatcases.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.gateway.config.GatewayConfig;
import io.chatcases.gateway.protocol.Frames;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.Map;

/**
 * What the console needs before signing in (where Keycloak is, the ICE servers for calls) and what
 * both the console and the widget need to help before sending: the limits this gateway enforces
 * ({@code limits.messageChars}, its TOO_LARGE rule for text). File limits are file-service's own
 * ({@code GET /api/files/limits}).
 */
@Path("/api/config")
@PermitAll
public class ConfigResource {
    @Inject GatewayConfig config;

    @GET
    public Map<String, Object> config() throws Exception {
        GatewayConfig.Console c = config.console();
        JsonNode ice = Frames.JSON.readTree(c.iceServers());
        return Map.of(
                "keycloakUrl", c.keycloakUrl(),
                "realm", c.realm(),
                "clientId", c.clientId(),
                "iceServers", ice,
                "limits", Map.of("messageChars", config.maxTextLength()));
    }
}
