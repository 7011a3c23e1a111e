package io.chatcases.gateway.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatcases.events.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The agent's side of calls: ICE servers with TURN credentials of their own. */
@Path("/api/calls")
@RolesAllowed(Roles.AGENT)
public class CallsResource {
    @Inject JsonWebToken token;
    @Inject IceServers ice;

    @GET
    @Path("/ice-servers")
    @Operation(summary = "ICE servers for a call, TURN credentials valid ttlSeconds (agent token)")
    public Response iceServers() {
        return noStore(ice.forCaller(token.getSubject()));
    }

    /** Credentials are per caller and expire: never cached by a proxy or the browser. */
    static Response noStore(ObjectNode body) {
        CacheControl cache = new CacheControl();
        cache.setNoStore(true);
        cache.setPrivate(true);
        return Response.ok(body).cacheControl(cache).build();
    }
}
