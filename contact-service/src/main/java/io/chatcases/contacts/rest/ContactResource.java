package io.chatcases.contacts.rest;

import io.chatcases.contacts.config.ContactsConfig;
import io.chatcases.contacts.domain.ContactView;
import io.chatcases.contacts.service.ContactQueries;
import io.chatcases.contacts.service.ContactQueries.ContactPage;
import io.chatcases.contacts.service.ContactSearch;
import io.chatcases.contacts.service.ContactService;
import io.chatcases.events.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Contacts as admins manage them and agents read them. */
@Path("/contacts")
@Tag(name = "Contacts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContactResource {

    private final ContactService contacts;
    private final ContactQueries queries;
    private final ContactsConfig config;

    ContactResource(ContactService contacts, ContactQueries queries, ContactsConfig config) {
        this.contacts = contacts;
        this.queries = queries;
        this.config = config;
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(
            summary = "Search contacts",
            description =
                    "By exact email (normalised) and/or a substring of the name; neither lists"
                            + " all. Ordered by last name, first name, id.")
    @APIResponse(responseCode = "200", description = "One page: {items, page, size, total}")
    @APIResponse(responseCode = "400", description = "Bad email, page or size")
    public Uni<ContactPage> search(
            @Parameter(description = "Exact address, any letter case") @QueryParam("email")
                    String email,
            @Parameter(description = "Substring of \"first last\", case-insensitive")
                    @QueryParam("q")
                    String q,
            @Parameter(description = "Zero-based page, default 0") @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 100, default 20") @QueryParam("size")
                    String size) {
        ContactsConfig.Search limits = config.search();
        ContactSearch search =
                new ContactSearch(
                        Params.emailOrNull("email", email),
                        q == null || q.isBlank() ? null : q,
                        Params.intInRange("page", page, 0, 0, 1_000_000),
                        Params.intInRange("size", size, limits.defaultSize(), 1, limits.maxSize()));
        return queries.search(search);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Get a contact")
    @APIResponse(responseCode = "200", description = "The contact")
    @APIResponse(responseCode = "404", description = "No such contact")
    public Uni<ContactView> get(@PathParam("id") String id) {
        return queries.get(Params.id(id));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a contact")
    @APIResponse(responseCode = "201", description = "Created; Location names it")
    @APIResponse(responseCode = "400", description = "Invalid field")
    @APIResponse(responseCode = "409", description = "An email or the external id is taken")
    public Uni<Response> create(
            @Valid @NotNull(message = "is required") ContactInput input, @Context UriInfo uri) {
        return contacts.create(input.fields(), input.emailSet())
                .map(
                        v ->
                                Response.created(
                                                uri.getAbsolutePathBuilder()
                                                        .path(v.id().toString())
                                                        .build())
                                        .entity(v)
                                        .build());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Replace a contact",
            description =
                    "Names, phone, external id and the full set of emails (one primary)."
                            + " Publishes contact.updated when names or emails change.")
    @APIResponse(responseCode = "200", description = "The contact as stored")
    @APIResponse(responseCode = "404", description = "No such contact")
    @APIResponse(responseCode = "409", description = "An email belongs to another contact")
    public Uni<ContactView> update(
            @PathParam("id") String id,
            @Valid @NotNull(message = "is required") ContactInput input) {
        return contacts.update(Params.id(id), input.fields(), input.emailSet());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a contact", description = "Publishes contact.updated (deleted).")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such contact")
    public Uni<Response> delete(@PathParam("id") String id) {
        return contacts.delete(Params.id(id)).replaceWith(Response.noContent().build());
    }
}
