package io.chatcases.cases.rest;

import io.chatcases.cases.domain.QuickReply;
import io.chatcases.events.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.UUID;

/** The organisation's Quick Replies; agents read them. */
@Path("/quick-replies")
public class QuickReplyResource {

    /** The wire shape of a Quick Reply. */
    public record QuickReplyView(UUID id, String shortcut, String title, String body) {
        static QuickReplyView of(QuickReply q) {
            return new QuickReplyView(q.id, q.shortcut, q.title, q.body);
        }
    }

    @GET
    @WithSession
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Uni<List<QuickReplyView>> list() {
        return QuickReply.<QuickReply>listAll(Sort.by("shortcut"))
                .map(list -> list.stream().map(QuickReplyView::of).toList());
    }
}
