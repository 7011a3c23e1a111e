package io.chatcases.contacts.rest;

import io.chatcases.contacts.domain.Contact;
import io.chatcases.events.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.UUID;

/** Contacts as agents and admins read them. */
@Path("/contacts")
@RolesAllowed({Roles.AGENT, Roles.ADMIN})
public class ContactResource {

    /** The read shape of a Contact. */
    public record ContactView(UUID id, String firstName, String lastName, List<String> emails) {
        static ContactView of(Contact c) {
            return new ContactView(
                    c.id,
                    c.firstName,
                    c.lastName,
                    c.emails.stream().map(e -> e.email).sorted().toList());
        }
    }

    @GET
    @WithSession
    public Uni<List<ContactView>> list(
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        return Contact.<Contact>findAll(Sort.by("lastName").and("firstName").and("id"))
                .page(Page.of(Math.max(page, 0), Math.min(Math.max(size, 1), 200)))
                .list()
                .map(list -> list.stream().map(ContactView::of).toList());
    }
}
