package io.chatcases.contacts.service;

import io.chatcases.contacts.domain.Contact;
import io.chatcases.contacts.domain.ContactEmail;
import io.chatcases.contacts.domain.ContactView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;

/** Queries only; the session (and so the transaction) is the caller's. */
@ApplicationScoped
class ContactReads {

    /** The owner of a normalised address, or null. */
    Uni<UUID> ownerOf(Mutiny.Session s, String email) {
        return s.createSelectionQuery(
                        "select e.contactId from ContactEmail e where e.email = :email", UUID.class)
                .setParameter("email", email)
                .getSingleResultOrNull();
    }

    /** The Contact locked for update (concurrent writers of one Contact queue up), or null. */
    Uni<Contact> lockContact(Mutiny.Session s, UUID id) {
        return s.find(Contact.class, id, LockModeType.PESSIMISTIC_WRITE);
    }

    Uni<List<ContactEmail>> emailsOf(Mutiny.Session s, UUID contactId) {
        return s.createSelectionQuery(
                        "from ContactEmail e where e.contactId = :id", ContactEmail.class)
                .setParameter("id", contactId)
                .getResultList();
    }

    /** The view of a Contact, or null when there is none. */
    Uni<ContactView> view(Mutiny.Session s, UUID id) {
        return s.find(Contact.class, id)
                .chain(
                        c ->
                                c == null
                                        ? Uni.createFrom().nullItem()
                                        : emailsOf(s, id).map(emails -> ContactView.of(c, emails)));
    }

    /** Views of a page of Contacts, in the page's order, with one query for all their emails. */
    Uni<List<ContactView>> views(Mutiny.Session s, List<Contact> contacts) {
        if (contacts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Collection<UUID> ids = contacts.stream().map(c -> c.id).toList();
        return s.createSelectionQuery(
                        "from ContactEmail e where e.contactId in :ids", ContactEmail.class)
                .setParameter("ids", ids)
                .getResultList()
                .map(
                        emails -> {
                            Map<UUID, List<ContactEmail>> byContact =
                                    emails.stream()
                                            .collect(Collectors.groupingBy(e -> e.contactId));
                            return contacts.stream()
                                    .map(
                                            c ->
                                                    ContactView.of(
                                                            c,
                                                            byContact.getOrDefault(
                                                                    c.id, List.of())))
                                    .toList();
                        });
    }
}
