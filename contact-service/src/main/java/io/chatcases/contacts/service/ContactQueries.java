package io.chatcases.contacts.service;

import io.chatcases.contacts.domain.Contact;
import io.chatcases.contacts.domain.ContactView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** Reading Contacts: one by id, or a page of a search. */
@ApplicationScoped
public class ContactQueries {

    /** One page of a search. */
    public record ContactPage(List<ContactView> items, int page, int size, long total) {}

    private final ContactReads reads;

    ContactQueries(ContactReads reads) {
        this.reads = reads;
    }

    public Uni<ContactView> get(UUID id) {
        return Panache.withSession(
                () ->
                        Panache.getSession()
                                .chain(s -> reads.view(s, id))
                                .onItem()
                                .ifNull()
                                .failWith(() -> new ContactNotFoundException(id)));
    }

    public Uni<ContactPage> search(ContactSearch q) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> searchIn(s, q)));
    }

    private Uni<ContactPage> searchIn(Mutiny.Session s, ContactSearch q) {
        String where = q.where();
        var count = s.createSelectionQuery("select count(c) from Contact c" + where, Long.class);
        var page =
                s.createSelectionQuery(
                                "from Contact c"
                                        + where
                                        + " order by lower(c.lastName) nulls last,"
                                        + " lower(c.firstName) nulls last, c.id",
                                Contact.class)
                        .setFirstResult(q.page() * q.size())
                        .setMaxResults(q.size());
        if (q.email() != null) {
            count.setParameter("email", q.email().value());
            page.setParameter("email", q.email().value());
        }
        if (q.nameContains() != null) {
            count.setParameter("pattern", q.pattern());
            page.setParameter("pattern", q.pattern());
        }
        // One session runs one statement at a time: count, then the page, then its emails.
        return count.getSingleResult()
                .chain(
                        total ->
                                page.getResultList()
                                        .chain(contacts -> reads.views(s, contacts))
                                        .map(
                                                items ->
                                                        new ContactPage(
                                                                items, q.page(), q.size(), total)));
    }
}
