package io.chatcases.gateway.rest;

import io.chatcases.events.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The signed-in agent as the console shows it (name in the header, roles for the admin views). */
@Path("/api/me")
@RolesAllowed({Roles.AGENT, Roles.ADMIN})
public class MeResource {

    /** The agent's profile from the access token. */
    public record Me(
            String id, String username, String firstName, String lastName, Set<String> roles) {}

    @Inject JsonWebToken token;
    @Inject SecurityIdentity identity;

    @GET
    public Me me() {
        return new Me(
                token.getSubject(),
                token.getClaim("preferred_username"),
                token.getClaim("given_name"),
                token.getClaim("family_name"),
                identity.getRoles());
    }
}
