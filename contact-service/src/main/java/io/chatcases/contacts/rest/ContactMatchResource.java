package io.chatcases.contacts.rest;

import io.chatcases.contacts.domain.ContactView;
import io.chatcases.contacts.domain.EmailAddress;
import io.chatcases.contacts.service.ContactService;
import io.chatcases.events.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Matching a chat's email to a Contact (case-service calls it with a service identity). */
@Path("/contacts/match")
@Tag(name = "Contacts")
public class ContactMatchResource {

    private final ContactService contacts;

    ContactMatchResource(ContactService contacts) {
        this.contacts = contacts;
    }

    @POST
    @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Match an email to a contact, creating it when none has the email",
            description =
                    "Race-free: concurrent first matches of one email create exactly one contact."
                            + " An existing contact's names are never changed.")
    @APIResponse(
            responseCode = "200",
            description = "The existing contact owning the email",
            content = @Content(schema = @Schema(implementation = ContactView.class)))
    @APIResponse(
            responseCode = "201",
            description = "A contact created from the given names",
            content = @Content(schema = @Schema(implementation = ContactView.class)))
    @APIResponse(responseCode = "400", description = "Invalid email or name")
    public Uni<Response> match(@Valid @NotNull(message = "is required") MatchRequest request) {
        return contacts.match(
                        EmailAddress.parse(request.email()),
                        request.firstName(),
                        request.lastName())
                .map(
                        m ->
                                Response.status(
                                                m.created()
                                                        ? Response.Status.CREATED
                                                        : Response.Status.OK)
                                        .entity(m.contact())
                                        .build());
    }
}
