package io.chatcases.gateway.client;

import io.chatcases.events.CaseView;
import io.chatcases.events.MessageView;
import io.chatcases.gateway.protocol.ServerFrame;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
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
    Uni<Tiles> tiles(@HeaderParam("Authorization") String bearer);

    @GET
    @Path("/cases/{id}")
    Uni<CaseView> get(@HeaderParam("Authorization") String bearer, @PathParam("id") UUID id);

    @GET
    @Path("/cases/{id}/messages")
    Uni<List<MessageView>> messages(
            @HeaderParam("Authorization") String bearer,
            @PathParam("id") UUID id,
            @QueryParam("after") long after,
            @QueryParam("limit") int limit);

    /** A private note; 201 new, 200 a resend of its clientMsgId (the stored note). */
    @POST
    @Path("/cases/{id}/notes")
    Uni<MessageView> note(
            @HeaderParam("Authorization") String bearer, @PathParam("id") UUID id, NewNote note);

    /** Body of a note. */
    record NewNote(String clientMsgId, String text) {}

    @POST
    @Path("/cases/{id}/claim")
    Uni<CaseView> claim(@HeaderParam("Authorization") String bearer, @PathParam("id") UUID id);

    @POST
    @Path("/cases/{id}/resolve")
    Uni<CaseView> resolve(@HeaderParam("Authorization") String bearer, @PathParam("id") UUID id);

    @POST
    @Path("/cases/{id}/read")
    Uni<Void> read(
            @HeaderParam("Authorization") String bearer, @PathParam("id") UUID id, ReadMark mark);

    /** Body of a read-mark move; null seq = up to the last message. */
    record ReadMark(Long seq) {}

    /** The agent's first tiles and how many more Cases wait beyond them. */
    record Tiles(List<ServerFrame.Tile> tiles, long more) {}
}
