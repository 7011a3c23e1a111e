package io.chatcases.cases.rest;

import io.chatcases.cases.domain.QuickReply;
import io.chatcases.cases.service.QuickReplyService;
import io.chatcases.events.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The organisation's Quick Replies: agents read them, admins write them. */
@Path("/quick-replies")
@Tag(name = "Quick Replies")
@RolesAllowed({Roles.AGENT, Roles.ADMIN})
public class QuickReplyResource {

    /** A shortcut as typed, any case; empty passes here so that only @NotBlank reports it. */
    static final String SHORTCUT_INPUT = "(" + QuickReply.SHORTCUT_PATTERN + ")?";

    @Inject QuickReplyService service;

    /** The wire shape of a Quick Reply. */
    public record QuickReplyView(
            UUID id,
            String shortcut,
            String title,
            String body,
            Instant createdAt,
            Instant updatedAt) {
        static QuickReplyView of(QuickReply q) {
            return new QuickReplyView(
                    q.id,
                    q.shortcut,
                    q.title,
                    q.body,
                    q.createdAt.toInstant(),
                    q.updatedAt.toInstant());
        }
    }

    /** A Quick Reply as an admin creates or fully replaces it. */
    @Schema(name = "QuickReplyInput")
    public record QuickReplyInput(
            @Schema(description = "Letters, digits, '-' and '_'; stored lower-case")
                    @NotBlank(message = "is required")
                    @Size(
                            max = QuickReply.MAX_SHORTCUT,
                            message = "must be at most {max} characters")
                    @Pattern(
                            regexp = SHORTCUT_INPUT,
                            flags = Pattern.Flag.CASE_INSENSITIVE,
                            message =
                                    "must be letters, digits, '-' or '_', starting with a letter"
                                            + " or digit")
                    String shortcut,
            @NotBlank(message = "is required")
                    @Size(max = QuickReply.MAX_TITLE, message = "must be at most {max} characters")
                    String title,
            @Schema(description = "Text with placeholders such as {{contact.firstName}}")
                    @NotBlank(message = "is required")
                    @Size(max = QuickReply.MAX_BODY, message = "must be at most {max} characters")
                    String body) {

        QuickReplyService.Draft draft() {
            return new QuickReplyService.Draft(shortcut, title, body);
        }
    }

    @GET
    @Operation(summary = "List Quick Replies by shortcut, optionally those starting with q")
    public Uni<List<QuickReplyView>> list(
            @Parameter(description = "Shortcut prefix, case-insensitive") @QueryParam("q")
                    String q) {
        return service.list(q).map(list -> list.stream().map(QuickReplyView::of).toList());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read one Quick Reply (404 problem if it does not exist)")
    public Uni<QuickReplyView> get(@PathParam("id") UUID id) {
        return service.get(id).map(QuickReplyView::of);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Create a Quick Reply",
            description =
                    "201 with Location; 400 problem for bad fields or placeholders; 409 problem"
                            + " when the shortcut is taken")
    public Uni<Response> create(
            @Valid @NotNull(message = "a JSON body is required") QuickReplyInput request,
            @Context UriInfo uri) {
        return service.create(request.draft())
                .map(
                        q ->
                                Response.created(
                                                uri.getAbsolutePathBuilder()
                                                        .path(q.id.toString())
                                                        .build())
                                        .entity(QuickReplyView.of(q))
                                        .build());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Replace a Quick Reply",
            description =
                    "400 problem for bad fields or placeholders; 404 if it does not exist; 409"
                            + " when the new shortcut is taken")
    public Uni<QuickReplyView> update(
            @PathParam("id") UUID id,
            @Valid @NotNull(message = "a JSON body is required") QuickReplyInput request) {
        return service.update(id, request.draft()).map(QuickReplyView::of);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a Quick Reply (204; 404 problem if it does not exist)")
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return service.delete(id);
    }
}
