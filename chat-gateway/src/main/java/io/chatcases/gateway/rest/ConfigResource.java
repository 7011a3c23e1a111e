package io.chatcases.gateway.rest;

import io.chatcases.gateway.config.GatewayConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.Map;

/**
 * What the console needs before signing in: where Keycloak is, and the configured ICE servers
 * without TURN credentials (public); a call asks {@code GET /api/calls/ice-servers} for the list
 * with credentials.
 */
@Path("/api/config")
@PermitAll
public class ConfigResource {
    @Inject GatewayConfig config;
    @Inject IceServers ice;

    @GET
    public Map<String, Object> config() {
        GatewayConfig.Console c = config.console();
        return Map.of(
                "keycloakUrl", c.keycloakUrl(),
                "realm", c.realm(),
                "clientId", c.clientId(),
                "iceServers", ice.fixed());
    }
}
