package io.chatcases.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * case-service as the agent: every call carries the agent's own access token, so case-service
 * applies that agent's rights (the gateway decides nothing about Cases).
 */
@RegisterRestClient(configKey = "case-service")
public interface AgentCaseApi {

    @GET
    @Path("/tiles")
    Uni<JsonNode> tiles(@HeaderParam("Authorization") String bearer);

    @GET
    @Path("/cases/{id}")
    Uni<JsonNode> get(@HeaderParam("Authorization") String bearer, @PathParam("id") UUID id);

    @GET
    @Path("/cases/{id}/messages")
    Uni<JsonNode> messages(
            @HeaderParam("Authorization") String bearer,
            @PathParam("id") UUID id,
            @QueryParam("after") long after,
            @QueryParam("limit") int limit);

    @POST
    @Path("/cases/{id}/claim")
    Uni<JsonNode> claim(@HeaderParam("Authorization") String bearer, @PathParam("id") UUID id);

    @POST
    @Path("/cases/{id}/resolve")
    Uni<JsonNode> resolve(@HeaderParam("Authorization") String bearer, @PathParam("id") UUID id);

    @POST
    @Path("/cases/{id}/read")
    Uni<JsonNode> read(
            @HeaderParam("Authorization") String bearer, @PathParam("id") UUID id, ReadMark mark);

    /** Body of a read-mark move; null seq = up to the last message. */
    record ReadMark(Long seq) {}
}
