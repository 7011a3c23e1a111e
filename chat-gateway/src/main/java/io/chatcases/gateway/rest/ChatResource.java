package io.chatcases.gateway.rest;

import io.chatcases.events.Channel;
import io.chatcases.events.ErrorCode;
import io.chatcases.events.Problem;
import io.chatcases.gateway.client.CustomerTokens;
import io.chatcases.gateway.client.GatewayCaseApi;
import io.chatcases.gateway.protocol.NameRules;
import io.chatcases.gateway.protocol.StartFormRules;
import io.chatcases.gateway.routing.Audience;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The customer's REST side: start (or resume) a chat, reload its messages, rate it, download its
 * transcript.
 */
@Path("/api/chats")
@PermitAll
public class ChatResource {

    @Inject CustomerTokens tokens;
    @Inject StartRateLimit rateLimit;
    @Inject ChatStarter starter;
    @RestClient GatewayCaseApi cases;
    @Inject IceServers ice;

    /**
     * The pre-chat form. {@code identity}: optional HS256 token signed by the host site's backend
     * (docs/identity.md); the only thing besides a Case's own customer token that resumes a Case.
     */
    public record StartChat(
            String email, String firstName, String lastName, String channel, String identity) {}

    @POST
    @Operation(
            summary =
                    "Start a chat: 201 with a new Case; 200 when a valid identity resumes the"
                            + " Contact's open verified Case or an Idempotency-Key repeats;"
                            + " 401 for a refused identity")
    public Uni<Response> start(
            StartChat form,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Context HttpServerRequest request) {
        return rateLimit
                .allow(request)
                .chain(
                        allowed ->
                                allowed
                                        ? startAllowed(form, idempotencyKey)
                                        : Uni.createFrom()
                                                .item(
                                                        Problems.response(
                                                                        429,
                                                                        ErrorCode.RATE_LIMITED,
                                                                        "Too many chats started;"
                                                                                + " retry later.",
                                                                        List.of())
                                                                .header("Retry-After", "60")
                                                                .build()));
    }

    private Uni<Response> startAllowed(StartChat typed, String idempotencyKey) {
        StartChat form =
                typed == null
                        ? null
                        : new StartChat(
                                typed.email(),
                                NameRules.clean(typed.firstName()),
                                NameRules.clean(typed.lastName()),
                                typed.channel(),
                                typed.identity());
        List<Problem.Violation> violations = validate(form);
        if (!violations.isEmpty()) {
            return Uni.createFrom()
                    .item(
                            Problems.response(
                                            400,
                                            ErrorCode.BAD_FRAME,
                                            "The form has errors.",
                                            violations)
                                    .build());
        }
        String channel = StartFormRules.channel(form.channel()).name();
        return starter.start(
                form.email().trim(),
                form.firstName().trim(),
                form.lastName().trim(),
                channel,
                form.identity(),
                idempotencyKey);
    }

    private static List<Problem.Violation> validate(StartChat form) {
        if (form == null) {
            return List.of(new Problem.Violation("body", "A JSON body is required."));
        }
        return StartFormRules.violations(
                form.email(), form.firstName(), form.lastName(), form.channel());
    }

    @GET
    @Path("/{caseId}/messages")
    @Operation(summary = "The customer's conversation after a seq (customer token)")
    public Uni<Response> messages(
            @PathParam("caseId") UUID caseId,
            @QueryParam("after") @DefaultValue("0") long after,
            @QueryParam("limit") @DefaultValue("100") int limit,
            @HeaderParam("Authorization") String authorization) {
        Response refused = refusal(caseId, authorization);
        if (refused != null) {
            return Uni.createFrom().item(refused);
        }
        return cases.messages(caseId, Math.max(0, after), Math.min(Math.max(limit, 1), 500))
                .map(list -> Response.ok(Audience.forCustomer(list)).build())
                .onFailure(WebApplicationException.class)
                .recoverWithItem(Problems::passThrough);
    }

    @POST
    @Path("/{caseId}/rating")
    @Operation(
            summary =
                    "Rate the customer's resolved chat once, 1 to 5 with an optional comment"
                            + " (customer token): 200 with the Case; 400 naming the field; 409 when"
                            + " rated or not resolved")
    public Uni<Response> rate(
            @PathParam("caseId") UUID caseId,
            GatewayCaseApi.Rating rating,
            @HeaderParam("Authorization") String authorization) {
        Response refused = refusal(caseId, authorization);
        if (refused != null) {
            return Uni.createFrom().item(refused);
        }
        if (rating == null) {
            return Uni.createFrom()
                    .item(
                            Problems.response(
                                            400,
                                            ErrorCode.BAD_REQUEST,
                                            "A JSON body is required.",
                                            List.of(
                                                    new Problem.Violation(
                                                            "body", "A JSON body is required.")))
                                    .build());
        }
        return cases.rate(caseId, rating)
                .map(view -> Response.ok(view).build())
                .onFailure(WebApplicationException.class)
                .recoverWithItem(Problems::passThrough);
    }

    @GET
    @Path("/{caseId}/transcript")
    @Operation(
            summary =
                    "The customer's transcript: text/plain; charset=utf-8, attachment"
                            + " chat-<number>.txt (customer token)")
    public Uni<Response> transcript(
            @PathParam("caseId") UUID caseId, @HeaderParam("Authorization") String authorization) {
        Response refused = refusal(caseId, authorization);
        if (refused != null) {
            return Uni.createFrom().item(refused);
        }
        return cases.transcript(caseId)
                .map(
                        upstream ->
                                Response.ok(upstream.readEntity(String.class), TRANSCRIPT_TYPE)
                                        .header(
                                                "Content-Disposition",
                                                upstream.getHeaderString("Content-Disposition"))
                                        .header("X-Content-Type-Options", "nosniff")
                                        .header("Cache-Control", "private, no-store")
                                        .build())
                .onFailure(WebApplicationException.class)
                .recoverWithItem(Problems::passThrough);
    }

    /** case-service writes transcripts as UTF-8 text; said explicitly so no browser guesses. */
    static final String TRANSCRIPT_TYPE = "text/plain; charset=utf-8";

    @GET
    @Path("/{caseId}/ice-servers")
    @Operation(
            summary =
                    "ICE servers for a call on this Support SDK chat, TURN credentials valid"
                            + " ttlSeconds (customer token)")
    public Uni<Response> iceServers(
            @PathParam("caseId") UUID caseId, @HeaderParam("Authorization") String authorization) {
        Response refused = refusal(caseId, authorization);
        if (refused != null) {
            return Uni.createFrom().item(refused);
        }
        // Only chats that can have calls get TURN credentials (a relay costs bandwidth).
        return cases.get(caseId)
                .map(
                        view ->
                                view.channel() == Channel.SUPPORT_SDK
                                        ? CallsResource.noStore(ice.forCaller(caseId.toString()))
                                        : Problems.response(
                                                        403,
                                                        ErrorCode.FORBIDDEN,
                                                        "Calls are for Support SDK chats.",
                                                        List.of())
                                                .build())
                .onFailure(WebApplicationException.class)
                .recoverWithItem(Problems::passThrough);
    }

    /**
     * Why a customer's request for {@code caseId} is refused (401 without a valid customer token,
     * 403 for another Case's token), or null when the token is that Case's.
     */
    private Response refusal(UUID caseId, String authorization) {
        String token =
                authorization != null && authorization.startsWith("Bearer ")
                        ? authorization.substring(7)
                        : null;
        var scoped = tokens.verify(token);
        if (scoped.isEmpty()) {
            return Problems.response(
                            401, ErrorCode.UNAUTHORIZED, "A customer token is required.", List.of())
                    .build();
        }
        if (!scoped.get().equals(caseId)) {
            return Problems.response(
                            403, ErrorCode.FORBIDDEN, "This token is for another Case.", List.of())
                    .build();
        }
        return null;
    }
}
