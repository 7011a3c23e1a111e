package io.chatcases.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.events.Channel;
import io.chatcases.events.ErrorCode;
import io.chatcases.gateway.client.CustomerTokens;
import io.chatcases.gateway.client.GatewayCaseApi;
import io.chatcases.gateway.identity.HostIdentity;
import io.chatcases.gateway.identity.IdentityRefused;
import io.chatcases.gateway.identity.IdentityTokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A validated chat start: checks the optional identity token, asks case-service for the Case and
 * signs the customer token. A typed email never resumes a Case (case-service's rule); a valid
 * identity makes the start verified, with the identity's email (and names, when it has them)
 * winning over what was typed.
 */
@ApplicationScoped
public class ChatStarter {
    /** case-service's header: when this start was first answered (same for a repeated key). */
    static final String ANSWERED_AT = "Chat-Start-Answered-At";

    private final IdentityTokens identities;
    private final CustomerTokens tokens;
    private final GatewayCaseApi cases;

    public ChatStarter(
            IdentityTokens identities, CustomerTokens tokens, @RestClient GatewayCaseApi cases) {
        this.identities = identities;
        this.tokens = tokens;
        this.cases = cases;
    }

    /** The form is already validated; {@code idempotencyKey} may be null. */
    public Uni<Response> start(
            String email,
            String firstName,
            String lastName,
            String channel,
            String identity,
            String idempotencyKey) {
        HostIdentity verified = null;
        if (identity != null) {
            try {
                verified = identities.verify(Channel.valueOf(channel), identity);
            } catch (IdentityRefused e) {
                return Uni.createFrom()
                        .item(
                                Problems.response(
                                                401,
                                                ErrorCode.valueOf(e.code().name()),
                                                e.getMessage(),
                                                List.of())
                                        .build());
            }
        }
        GatewayCaseApi.StartChat start =
                verified == null
                        ? new GatewayCaseApi.StartChat(email, firstName, lastName, channel, false)
                        : new GatewayCaseApi.StartChat(
                                verified.email(),
                                verified.givenName() == null ? firstName : verified.givenName(),
                                verified.familyName() == null ? lastName : verified.familyName(),
                                channel,
                                true);
        return cases.start(start, idempotencyKey)
                .map(this::answer)
                .onFailure(WebApplicationException.class)
                .recoverWithItem(Problems::passThrough);
    }

    private Response answer(Response upstream) {
        JsonNode view = upstream.readEntity(JsonNode.class);
        UUID caseId = UUID.fromString(view.path("caseId").asText());
        String answeredAt = upstream.getHeaderString(ANSWERED_AT);
        Instant issuedAt = answeredAt == null ? Instant.now() : Instant.parse(answeredAt);
        return Response.status(upstream.getStatus())
                .entity(
                        Map.of(
                                "caseId", caseId,
                                "number", view.path("number").asLong(),
                                "emailVerified", view.path("emailVerified").asBoolean(false),
                                "customerToken", tokens.issue(caseId, issuedAt)))
                .build();
    }
}
