package io.chatcases.contacts.service;

import io.chatcases.contacts.domain.Contact;
import io.chatcases.contacts.domain.ContactEmail;
import io.chatcases.contacts.domain.ContactFields;
import io.chatcases.contacts.domain.ContactSnapshot;
import io.chatcases.contacts.domain.ContactView;
import io.chatcases.contacts.domain.EmailAddress;
import io.chatcases.contacts.domain.EmailSet;
import io.chatcases.events.ContactUpdated;
import io.chatcases.events.EventType;
import io.chatcases.outbox.OutboxWriter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Contacts' use cases that write (reads are in {@link ContactQueries}). Each public method is one
 * transaction; methods that can change what subscribers see write the {@code contact.updated}
 * outbox row in that transaction (service-outbox's {@link OutboxWriter}); its commit wakes the
 * relay.
 */
@ApplicationScoped
public class ContactService {

    /** A match answer: the Contact, and whether this call created it. */
    public record MatchResult(ContactView contact, boolean created) {}

    private final ContactReads reads;
    private final ContactWrites writes;
    private final OutboxWriter outbox;

    ContactService(ContactReads reads, ContactWrites writes, OutboxWriter outbox) {
        this.reads = reads;
        this.writes = writes;
        this.outbox = outbox;
    }

    /**
     * RULE: contact-match: a chat's email is matched to the Contact owning it (case-insensitive
     * address), or a new Contact is made with the entered names.
     *
     * <p>The Contact owning {@code email}, or a new one with the given names. Never
     * read-then-insert: the insert of the address is {@code ON CONFLICT DO NOTHING} on its primary
     * key, so of any number of concurrent first matches exactly one creates the Contact; the others
     * wait for its commit, find the address taken, drop the Contact they had just inserted and
     * return the winner's. An existing Contact's names are never touched.
     */
    public Uni<MatchResult> match(EmailAddress email, String firstName, String lastName) {
        ContactFields fields = new ContactFields(firstName, lastName, null, null);
        return inTransaction(
                        s ->
                                existing(s, email)
                                        .chain(
                                                v ->
                                                        v != null
                                                                ? Uni.createFrom()
                                                                        .item(
                                                                                new MatchResult(
                                                                                        v, false))
                                                                : insertOrFetch(s, email, fields)))
                // The owner found taken can be deleted before we read it: start again.
                .onFailure(OwnerVanishedException.class)
                .retry()
                .atMost(3);
    }

    /**
     * Creates a Contact owning {@code email} with {@code fields}, or returns the one that already
     * owns it (then created = false). Runs in the caller's transaction.
     */
    Uni<MatchResult> insertOrFetch(Mutiny.Session s, EmailAddress email, ContactFields fields) {
        UUID id = UUID.randomUUID();
        Instant now = now();
        return writes.insertContact(s, id, fields, now)
                .chain(() -> writes.claimEmail(s, email.value(), id, true))
                .chain(
                        claimed -> {
                            if (claimed) {
                                Contact c = transientContact(id, fields, now);
                                return Uni.createFrom()
                                        .item(
                                                new MatchResult(
                                                        ContactView.withEmails(
                                                                c, List.of(email.value())),
                                                        true));
                            }
                            return writes.deleteContact(s, id)
                                    .chain(() -> existing(s, email))
                                    .onItem()
                                    .ifNull()
                                    .failWith(OwnerVanishedException::new)
                                    .map(v -> new MatchResult(v, false));
                        });
    }

    /** Creates a Contact; 409 (EmailTakenException) when one of the addresses is another's. */
    public Uni<ContactView> create(ContactFields fields, EmailSet emails) {
        UUID id = UUID.randomUUID();
        Instant now = now();
        return inTransaction(
                        s ->
                                writes.insertContact(s, id, fields, now)
                                        .chain(() -> assignAll(s, id, emails))
                                        .replaceWith(
                                                () ->
                                                        ContactView.withEmails(
                                                                transientContact(id, fields, now),
                                                                emails.values())))
                .onFailure()
                .transform(e -> translate(e, fields));
    }

    /**
     * Full update: names, phone and external id as given (absent = cleared), and exactly the given
     * addresses. The Contact is locked first, so concurrent updates of one Contact apply one after
     * the other and each sees the state it changes.
     */
    public Uni<ContactView> update(UUID id, ContactFields fields, EmailSet emails) {
        return inTransaction(
                        s ->
                                lockOrFail(s, id)
                                        .chain(
                                                c ->
                                                        reads.emailsOf(s, id)
                                                                .chain(
                                                                        old ->
                                                                                replace(
                                                                                        s, c, old,
                                                                                        fields,
                                                                                        emails))))
                .onFailure()
                .transform(e -> translate(e, fields));
    }

    /** Deletes a Contact and its addresses, announcing it with a last {@code contact.updated}. */
    public Uni<Void> delete(UUID id) {
        return inTransaction(
                s ->
                        lockOrFail(s, id)
                                .chain(c -> reads.emailsOf(s, id).map(e -> view(c, e)))
                                .chain(v -> announce(s, v, true, now()))
                                .chain(() -> writes.deleteContact(s, id)));
    }

    private Uni<ContactView> replace(
            Mutiny.Session s,
            Contact c,
            List<ContactEmail> old,
            ContactFields fields,
            EmailSet emails) {
        ContactSnapshot before = view(c, old).snapshot();
        Instant now = now();
        fields.applyTo(c);
        c.updatedAt = now;
        ContactView after = ContactView.withEmails(c, emails.values());
        Set<String> removed = new HashSet<>();
        old.forEach(e -> removed.add(e.email));
        removed.removeAll(after.emails());
        return writes.removeEmails(s, c.id, removed)
                .chain(() -> writes.demotePrimary(s, c.id, emails.primary().value()))
                .chain(() -> assignAll(s, c.id, emails))
                .chain(
                        () ->
                                before.differsForSubscribers(after.snapshot())
                                        ? announce(s, after, false, now)
                                        : Uni.createFrom().voidItem())
                // Flush now so a constraint violation fails this Uni, inside the transaction.
                .chain(s::flush)
                .replaceWith(after);
    }

    /** Writes the {@code contact.updated} outbox row for {@code v} in the session's transaction. */
    Uni<Void> announce(Mutiny.Session s, ContactView v, boolean deleted, Instant at) {
        ContactUpdated event =
                new ContactUpdated(
                        v.id(),
                        v.firstName(),
                        v.lastName(),
                        v.initials(),
                        deleted ? null : v.email(),
                        deleted ? List.of() : v.emails(),
                        deleted,
                        at);
        return outbox.append(s, v.id(), EventType.CONTACT_UPDATED, event).replaceWithVoid();
    }

    /** The Contact owning {@code email}, or null. */
    Uni<ContactView> existing(Mutiny.Session s, EmailAddress email) {
        return reads.ownerOf(s, email.value())
                .chain(owner -> owner == null ? Uni.createFrom().nullItem() : reads.view(s, owner));
    }

    Uni<Contact> lockOrFail(Mutiny.Session s, UUID id) {
        return reads.lockContact(s, id)
                .onItem()
                .ifNull()
                .failWith(() -> new ContactNotFoundException(id));
    }

    /** Gives every address to the Contact (the primary flagged); fails when another owns one. */
    private Uni<Void> assignAll(Mutiny.Session s, UUID id, EmailSet emails) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (EmailAddress e : emails.all()) {
            chain =
                    chain.chain(
                            () ->
                                    writes.assignEmail(s, e.value(), id, e.equals(emails.primary()))
                                            .chain(ok -> ok ? none() : taken(s, e)));
        }
        return chain;
    }

    private Uni<Void> taken(Mutiny.Session s, EmailAddress e) {
        return reads.ownerOf(s, e.value())
                .chain(
                        owner ->
                                Uni.createFrom()
                                        .failure(new EmailTakenException(e.value(), owner)));
    }

    static ContactView view(Contact c, List<ContactEmail> emails) {
        return ContactView.of(c, emails);
    }

    static <T> Uni<T> inTransaction(Function<Mutiny.Session, Uni<T>> work) {
        // Deferred so that a retry opens a fresh session and transaction.
        return Uni.createFrom()
                .deferred(
                        () ->
                                Panache.withTransaction(
                                        () -> Panache.getSession().chain(s -> work.apply(s))));
    }

    static RuntimeException translate(Throwable e, ContactFields fields) {
        if (DbErrors.isUniqueViolation(e, DbErrors.EXTERNAL_ID_CONSTRAINT)) {
            return new ExternalIdTakenException(fields.externalId(), e);
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }

    static Instant now() {
        // PostgreSQL keeps microseconds: the view returned now equals the one read back later.
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static Contact transientContact(UUID id, ContactFields fields, Instant now) {
        Contact c = new Contact();
        c.id = id;
        fields.applyTo(c);
        c.createdAt = now;
        c.updatedAt = now;
        return c;
    }

    private static Uni<Void> none() {
        return Uni.createFrom().voidItem();
    }

    /** The Contact that held an address was deleted between our insert and our read. */
    static final class OwnerVanishedException extends RuntimeException {
        OwnerVanishedException() {
            super("The owner of the address was deleted concurrently", null, false, false);
        }
    }
}
