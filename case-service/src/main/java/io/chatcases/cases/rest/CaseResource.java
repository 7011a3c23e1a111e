package io.chatcases.cases.rest;

import io.chatcases.cases.client.ContactMatcher;
import io.chatcases.cases.domain.StartKeys;
import io.chatcases.cases.service.ApiException;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.service.ChatStarts;
import io.chatcases.cases.service.Housekeeping;
import io.chatcases.cases.service.NoteService;
import io.chatcases.cases.service.Views;
import io.chatcases.events.CaseView;
import io.chatcases.events.Channel;
import io.chatcases.events.MessageView;
import io.chatcases.events.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Cases: start, read, notes, claim, resolve, read marks. Thin: decode, authorise, call, encode. */
@Path("/cases")
public class CaseResource {
    @Inject CaseService cases;
    @Inject ChatStarts starts;
    @Inject NoteService notes;
    @Inject ContactMatcher contacts;
    @Inject Callers callers;
    @Inject Housekeeping housekeeping;

    /**
     * The pre-chat form, as the gateway forwards it. {@code emailVerified} is true only when the
     * gateway checked an identity token signed by the host site for this email; only services (the
     * gateway) and admins may call this, so a customer can never set it.
     */
    public record StartChat(
            String email,
            String firstName,
            String lastName,
            String channel,
            Boolean emailVerified) {}

    /** A read mark to set; null seq = up to the Case's last message. */
    public record ReadRequest(Long seq) {}

    /** Where an agent's read mark stands. */
    public record ReadMarkView(UUID caseId, long seq) {}

    @POST
    @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
    @Operation(
            summary =
                    "Start a chat: 201 with a new Case; 200 when a verified start resumes the"
                            + " Contact's open verified Case or an Idempotency-Key repeats")
    public Uni<Response> start(
            StartChat form, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Channel channel = parse(form);
        if (idempotencyKey != null && !StartKeys.valid(idempotencyKey)) {
            throw ApiException.badInput(
                    "Idempotency-Key", "Idempotency-Key is 1 to 200 visible ASCII characters.");
        }
        boolean verified = Boolean.TRUE.equals(form.emailVerified());
        return contacts.match(form.email(), form.firstName(), form.lastName())
                .chain(
                        match ->
                                starts.start(
                                        new ChatStarts.StartRequest(
                                                channel, match, verified, idempotencyKey)))
                .map(
                        started ->
                                Response.status(started.created() ? 201 : 200)
                                        .location(URI.create("/cases/" + started.kase().id))
                                        .header(ANSWERED_AT, started.answeredAt().toString())
                                        .entity(Views.of(started.kase()))
                                        .build());
    }

    /**
     * When this start was first answered (ISO-8601): the gateway signs the customer token with it,
     * so a repeated Idempotency-Key gets the very same token.
     */
    public static final String ANSWERED_AT = "Chat-Start-Answered-At";

    @GET
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(
            summary =
                    "Open Cases of a Contact that the caller may see, newest first (the Case"
                            + " panel's other open Cases)")
    public Uni<List<CaseView>> openOfContact(
            @QueryParam("contactId") UUID contactId,
            @QueryParam("limit") @DefaultValue("20") int limit) {
        if (contactId == null) {
            throw ApiException.badInput("contactId", "contactId is required.");
        }
        if (limit < 1 || limit > 100) {
            throw ApiException.badInput("limit", "limit must be between 1 and 100.");
        }
        return cases.openCasesOfContact(contactId, callers.current(), limit)
                .map(list -> list.stream().map(Views::of).toList());
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

    @GET
    @Path("/{id}/history")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(
            summary =
                    "The Contact's other Cases, open and past, newest first, for whoever may see"
                            + " this one (read-only)")
    public Uni<List<CaseView>> contactHistory(
            @PathParam("id") UUID id, @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > 100) {
            throw ApiException.badInput("limit", "limit must be between 1 and 100.");
        }
        return cases.contactHistory(id, callers.current(), limit)
                .map(list -> list.stream().map(Views::of).toList());
    }

    @GET
    @Path("/{id}/history/{otherId}/messages")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(
            summary =
                    "Read-only conversation of a Case in this Case's history (same Contact), after"
                            + " a seq, oldest first; 404 for any other Case")
    public Uni<List<MessageView>> historyMessages(
            @PathParam("id") UUID id,
            @PathParam("otherId") UUID otherId,
            @QueryParam("after") @DefaultValue("0") long after,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiException.badInput("limit", "limit must be between 1 and 1000.");
        }
        return cases.historyMessages(id, otherId, callers.current(), Math.max(after, 0), limit)
                .map(list -> list.stream().map(Views::of).toList());
    }

    /** A private note to write; {@code clientMsgId} makes a resend harmless. */
    public record NoteRequest(String clientMsgId, String text) {}

    @POST
    @Path("/{id}/notes")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(
            summary =
                    "Write a private note (agents only, never shown to the customer): 201 with"
                            + " the note, 200 for a resend of its clientMsgId; 403 when the Case"
                            + " is not the caller's to see")
    public Uni<Response> note(@PathParam("id") UUID id, NoteRequest request) {
        if (request == null) {
            throw ApiException.badInput("body", "A JSON body is required.");
        }
        return notes.note(id, callers.current(), request.clientMsgId(), request.text())
                .map(
                        noted ->
                                Response.status(noted.created() ? 201 : 200)
                                        .entity(Views.of(noted.note()))
                                        .build());
    }

    @POST
    @Path("/{id}/claim")
    @RolesAllowed(Roles.AGENT)
    @Operation(summary = "Claim a NEW Case: 200 with the Case, 409 with the owner when taken")
    public Uni<CaseView> claim(@PathParam("id") UUID id) {
        return cases.claim(id, callers.current()).map(c -> Views.of(c.kase()));
    }

    @POST
    @Path("/{id}/resolve")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Resolve a READY Case (owner or admin)")
    public Uni<CaseView> resolve(@PathParam("id") UUID id) {
        return cases.resolve(id, callers.current()).map(Views::of);
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary =
                    "Close a RESOLVED Case now instead of after cases.close-after (admin): 200"
                            + " Case, also when already CLOSED; 409 when not resolved")
    public Uni<CaseView> close(@PathParam("id") UUID id) {
        return housekeeping.closeNow(id).map(Views::of);
    }

    /** Whom to hand a Case to. */
    public record TransferRequest(String agentId) {}

    @POST
    @Path("/{id}/transfer")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(
            summary =
                    "Hand a READY Case to another agent (owner or admin): 200 Case; 400 for an"
                            + " agent never seen; 403 not the owner; 409 not READY")
    public Uni<CaseView> transfer(@PathParam("id") UUID id, TransferRequest request) {
        return cases.transfer(id, request == null ? null : request.agentId(), callers.current())
                .map(Views::of);
    }

    @POST
    @Path("/{id}/unassign")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Return a READY Case to the queue (owner or admin): 200 Case, now NEW")
    public Uni<CaseView> unassign(@PathParam("id") UUID id) {
        return cases.unassign(id, callers.current()).map(Views::of);
    }

    @POST
    @Path("/{id}/read")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Move my read mark up to a seq (default: the last message)")
    public Uni<ReadMarkView> read(@PathParam("id") UUID id, ReadRequest request) {
        Long seq = request == null ? null : request.seq();
        return cases.markRead(id, callers.current(), seq).map(mark -> new ReadMarkView(id, mark));
    }
}
