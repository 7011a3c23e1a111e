package io.chatcases.contacts.service;

import io.chatcases.contacts.domain.ContactFields;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The SQL statements whose conflict handling the uniqueness of addresses rests on. Each runs in the
 * caller's transaction (the session it is given) and executes at once, in program order: entity
 * flushes would reorder them.
 */
@ApplicationScoped
class ContactWrites {

    private static final String INSERT_CONTACT =
            "INSERT INTO contact (id, first_name, last_name, phone, external_id, created_at,"
                    + " updated_at) VALUES (:id, :firstName, :lastName, :phone, :externalId, :now,"
                    + " :now)";

    /** Insert-or-nothing: 0 rows when any Contact, committed or not, already has the address. */
    private static final String CLAIM_EMAIL =
            "INSERT INTO contact_email (email, contact_id, is_primary)"
                    + " VALUES (:email, :contactId, :primary) ON CONFLICT (email) DO NOTHING";

    /**
     * Insert, or update the primary flag when the Contact already has it; 0 rows when another does.
     */
    private static final String ASSIGN_EMAIL =
            "INSERT INTO contact_email (email, contact_id, is_primary)"
                    + " VALUES (:email, :contactId, :primary) ON CONFLICT (email) DO UPDATE"
                    + " SET is_primary = EXCLUDED.is_primary"
                    + " WHERE contact_email.contact_id = EXCLUDED.contact_id";

    private static final String DEMOTE_PRIMARY =
            "UPDATE contact_email SET is_primary = false"
                    + " WHERE contact_id = :contactId AND is_primary AND email <> :keep";

    private static final String REMOVE_EMAILS =
            "DELETE FROM contact_email WHERE contact_id = :contactId AND email IN (:emails)";

    private static final String DELETE_CONTACT = "DELETE FROM contact WHERE id = :id";

    Uni<Void> insertContact(Mutiny.Session s, UUID id, ContactFields f, Instant now) {
        return s.createNativeQuery(INSERT_CONTACT)
                .setParameter("id", id)
                .setParameter("firstName", f.firstName())
                .setParameter("lastName", f.lastName())
                .setParameter("phone", f.phone())
                .setParameter("externalId", f.externalId())
                .setParameter("now", now)
                .executeUpdate()
                .replaceWithVoid();
    }

    /** True when the address is now this Contact's; false when another Contact holds it. */
    Uni<Boolean> claimEmail(Mutiny.Session s, String email, UUID contactId, boolean primary) {
        return s.createNativeQuery(CLAIM_EMAIL)
                .setParameter("email", email)
                .setParameter("contactId", contactId)
                .setParameter("primary", primary)
                .executeUpdate()
                .map(rows -> rows == 1);
    }

    /** Like {@link #claimEmail} but also true when the Contact already had the address. */
    Uni<Boolean> assignEmail(Mutiny.Session s, String email, UUID contactId, boolean primary) {
        return s.createNativeQuery(ASSIGN_EMAIL)
                .setParameter("email", email)
                .setParameter("contactId", contactId)
                .setParameter("primary", primary)
                .executeUpdate()
                .map(rows -> rows == 1);
    }

    /** Clears the primary flag of every address of the Contact but {@code keep}. */
    Uni<Void> demotePrimary(Mutiny.Session s, UUID contactId, String keep) {
        return s.createNativeQuery(DEMOTE_PRIMARY)
                .setParameter("contactId", contactId)
                .setParameter("keep", keep)
                .executeUpdate()
                .replaceWithVoid();
    }

    Uni<Void> removeEmails(Mutiny.Session s, UUID contactId, Collection<String> emails) {
        if (emails.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return s.createNativeQuery(REMOVE_EMAILS)
                .setParameter("contactId", contactId)
                .setParameter("emails", emails)
                .executeUpdate()
                .replaceWithVoid();
    }

    Uni<Void> deleteContact(Mutiny.Session s, UUID id) {
        return s.createNativeQuery(DELETE_CONTACT)
                .setParameter("id", id)
                .executeUpdate()
                .replaceWithVoid();
    }
}
