package io.chatcases.cases.rest;

import io.chatcases.cases.search.CaseSearch;
import io.chatcases.events.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The conversations list: Cases by view, searched by Contact, email, number and message text. */
@Path("/cases/search")
public class SearchResource {
    @Inject CaseSearch search;
    @Inject Callers callers;

    @GET
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(
            summary =
                    "Conversations list: view waiting|mine|open|resolved|closed|all, words q"
                            + " (Contact name, email, Case number, message text; word prefixes, all"
                            + " required), limit 1-100, cursor from the previous page's next")
    public Uni<CaseSearch.Page> search(
            @QueryParam("view") String view,
            @QueryParam("q") String q,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return search.search(CaseSearch.query(view, q, cursor, limit, callers.current()));
    }
}
