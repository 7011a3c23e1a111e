package io.chatcases.gateway.rest;

import io.chatcases.gateway.presence.Presence;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.Map;

/**
 * Whether someone is there to answer, for the widget's header ("We usually reply in a few minutes"
 * or "We're away; leave a message"): public and cheap (this replica's merged view, no database),
 * and it names no agent.
 */
@Path("/api/presence")
@PermitAll
public class PresenceResource {
    @Inject Presence presence;

    @GET
    public Map<String, Boolean> presence() {
        return Map.of("available", presence.available());
    }
}
