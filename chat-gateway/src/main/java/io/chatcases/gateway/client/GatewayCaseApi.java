package io.chatcases.gateway.client;

import io.chatcases.events.CaseView;
import io.chatcases.events.MessageView;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * case-service as the gateway itself (client-credentials token, role service): used for customers,
 * whom the gateway has authenticated with their customer token and scoped to their Case.
 */
@RegisterRestClient(configKey = "case-service")
@OidcClientFilter
@Path("/cases")
public interface GatewayCaseApi {

    /** The pre-chat form; {@code emailVerified} only after the gateway checked an identity. */
    record StartChat(
            String email,
            String firstName,
            String lastName,
            String channel,
            boolean emailVerified) {}

    /** 201 new Case, 200 resumed or repeated; header Chat-Start-Answered-At. */
    @POST
    Uni<Response> start(StartChat form, @HeaderParam("Idempotency-Key") String idempotencyKey);

    @GET
    @Path("/{id}")
    Uni<CaseView> get(@PathParam("id") UUID id);

    /**
     * A call's step as the gateway saw it relayed: OFFERED (media), STARTED, ENDED (reason);
     * case-service logs the call once (contracts/chat-gateway-case-service/report-call-*).
     */
    record CallReport(String event, String media, String reason) {}

    /** The call as case-service holds it after a report. */
    record CallState(
            UUID caseId,
            String callId,
            String media,
            java.time.Instant offeredAt,
            java.time.Instant answeredAt,
            java.time.Instant endedAt,
            String endReason) {}

    @POST
    @Path("/{id}/calls/{callId}")
    Uni<CallState> reportCall(
            @PathParam("id") UUID id, @PathParam("callId") String callId, CallReport report);

    /** The customer's rating as they sent it (score passed on as typed: case-service checks). */
    record Rating(com.fasterxml.jackson.databind.JsonNode score, String comment) {}

    /** 200 with the rated Case; 400 naming score or comment; 409 when rated or not resolved. */
    @POST
    @Path("/{id}/rating")
    Uni<CaseView> rate(@PathParam("id") UUID id, Rating rating);

    /**
     * The Case's transcript: 200 text/plain with its Content-Disposition (attachment
     * chat-<number>.txt); 404 for an unknown Case.
     */
    @GET
    @Path("/{id}/transcript")
    @Produces(MediaType.TEXT_PLAIN)
    Uni<Response> transcript(@PathParam("id") UUID id);

    @GET
    @Path("/{id}/messages")
    Uni<List<MessageView>> messages(
            @PathParam("id") UUID id,
            @QueryParam("after") long after,
            @QueryParam("limit") int limit);
}
