package io.chatcases.cases.rest;

import io.chatcases.cases.client.ContactMatcher;
import io.chatcases.cases.domain.Channel;
import io.chatcases.cases.messaging.OutboxRelay;
import io.chatcases.cases.service.ApiException;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.service.Views;
import io.chatcases.events.CaseView;
import io.chatcases.events.MessageView;
import io.chatcases.events.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Cases: start, read, claim, resolve, read marks. Thin: decode, authorise, call, encode. */
@Path("/cases")
public class CaseResource {
    @Inject CaseService cases;
    @Inject ContactMatcher contacts;
    @Inject OutboxRelay relay;
    @Inject Callers callers;

    /** The pre-chat form, as the gateway forwards it. */
    public record StartChat(String email, String firstName, String lastName, String channel) {}

    /** A read mark to set; null seq = up to the Case's last message. */
    public record ReadRequest(Long seq) {}

    /** Where an agent's read mark stands. */
    public record ReadMarkView(UUID caseId, long seq) {}

    @POST
    @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
    @Operation(
            summary = "Start a chat (201) or resume the Contact's open Case on the channel (200)")
    public Uni<Response> start(StartChat form) {
        Channel channel = parse(form);
        return contacts.match(form.email(), form.firstName(), form.lastName())
                .chain(match -> cases.start(channel, match))
                .invoke(relay::wake)
                .map(
                        started ->
                                Response.status(started.created() ? 201 : 200)
                                        .location(URI.create("/cases/" + started.kase().id))
                                        .entity(Views.of(started.kase()))
                                        .build());
    }

    private static Channel parse(StartChat form) {
        if (form == null) {
            throw ApiException.badInput("body", "A JSON body is required.");
        }
        if (form.email() == null || form.email().isBlank()) {
            throw ApiException.badInput("email", "The email is required.");
        }
        try {
            return Channel.valueOf(form.channel() == null ? "WEB_CONNECT" : form.channel());
        } catch (IllegalArgumentException e) {
            throw ApiException.badInput("channel", "channel must be WEB_CONNECT or SUPPORT_SDK.");
        }
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "A Case the caller may see")
    public Uni<CaseView> get(@PathParam("id") UUID id) {
        return cases.get(id, callers.current()).map(Views::of);
    }

    @GET
    @Path("/{id}/messages")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "The conversation after a seq, oldest first")
    public Uni<List<MessageView>> messages(
            @PathParam("id") UUID id,
            @QueryParam("after") @DefaultValue("0") long after,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiException.badInput("limit", "limit must be between 1 and 1000.");
        }
        return cases.history(id, callers.current(), Math.max(after, 0), limit)
                .map(list -> list.stream().map(Views::of).toList());
    }

    @POST
    @Path("/{id}/claim")
    @RolesAllowed(Roles.AGENT)
    @Operation(summary = "Claim a NEW Case: 200 with the Case, 409 with the owner when taken")
    public Uni<CaseView> claim(@PathParam("id") UUID id) {
        return cases.claim(id, callers.current()).invoke(relay::wake).map(c -> Views.of(c.kase()));
    }

    @POST
    @Path("/{id}/resolve")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Resolve a READY Case (owner or admin)")
    public Uni<CaseView> resolve(@PathParam("id") UUID id) {
        return cases.resolve(id, callers.current()).invoke(relay::wake).map(Views::of);
    }

    @POST
    @Path("/{id}/read")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Move my read mark up to a seq (default: the last message)")
    public Uni<ReadMarkView> read(@PathParam("id") UUID id, ReadRequest request) {
        Long seq = request == null ? null : request.seq();
        return cases.markRead(id, callers.current(), seq)
                .invoke(relay::wake)
                .map(mark -> new ReadMarkView(id, mark));
    }
}
