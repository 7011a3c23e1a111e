package io.chatcases.gateway.rest;

import io.chatcases.events.Roles;
import io.chatcases.gateway.presence.Presence;
import io.chatcases.gateway.presence.PresenceStatus;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.Map;

/**
 * Presence over REST, from this replica's merged view (no database): {@code GET /api/presence} says
 * whether someone is there to answer, for the widget's header ("We usually reply in a few minutes"
 * or "We're away; leave a message"): public, and it names no agent. {@code GET
 * /api/presence/agents} (agents only) lists every agent who is not offline with its status (agent
 * id to ONLINE or AWAY), for the console's colleagues.
 */
@Path("/api/presence")
public class PresenceResource {
    @Inject Presence presence;

    @GET
    @PermitAll
    public Map<String, Boolean> presence() {
        return Map.of("available", presence.available());
    }

    @GET
    @Path("/agents")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Map<String, PresenceStatus> agents() {
        return presence.statuses();
    }
}
