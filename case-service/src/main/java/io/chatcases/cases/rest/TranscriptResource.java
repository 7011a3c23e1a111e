package io.chatcases.cases.rest;

import io.chatcases.cases.service.Transcripts;
import io.chatcases.events.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A Case's transcript as a plain-text attachment. The gateway calls it for the customer (service
 * token, after checking that the customer's token is for this Case); agents as the Case rules say.
 */
@Path("/cases/{id}/transcript")
public class TranscriptResource {
    /** The transcript's media type: plain text, UTF-8 said explicitly. */
    public static final String TEXT_UTF8 = "text/plain; charset=utf-8";

    @Inject Transcripts transcripts;
    @Inject Callers callers;

    @GET
    @Produces(TEXT_UTF8)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(
            summary =
                    "The customer-visible conversation as text/plain (attachment"
                            + " chat-<number>.txt); 403 / 404 as for the Case")
    public Uni<Response> download(@PathParam("id") UUID id) {
        return transcripts
                .of(id, callers.current())
                .map(
                        t ->
                                Response.ok(t.text(), TEXT_UTF8)
                                        .header(
                                                "Content-Disposition",
                                                "attachment; filename=\"" + t.name() + "\"")
                                        .header("X-Content-Type-Options", "nosniff")
                                        .header("Cache-Control", "private, no-store")
                                        .build());
    }
}
