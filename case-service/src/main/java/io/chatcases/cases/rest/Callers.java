package io.chatcases.cases.rest;

import io.chatcases.cases.service.Caller;
import io.chatcases.events.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The calling agent or service, from the verified access token. */
@RequestScoped
public class Callers {
    @Inject SecurityIdentity identity;
    @Inject JsonWebToken token;

    public Caller current() {
        return new Caller(
                token.getSubject(),
                token.getClaim("given_name"),
                token.getClaim("family_name"),
                identity.hasRole(Roles.ADMIN),
                identity.hasRole(Roles.SERVICE));
    }
}
