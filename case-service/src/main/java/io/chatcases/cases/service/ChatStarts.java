package io.chatcases.cases.service;

import io.chatcases.cases.domain.CaseTransitions;
import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.domain.StartKeys;
import io.chatcases.cases.service.CaseService.ContactMatch;
import io.chatcases.events.CaseStatus;
import io.chatcases.events.Channel;
import io.chatcases.events.EventType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starting a chat (issue 11: a typed email never opens another customer's chat). A typed email
 * always gets a NEW Case, marked email not verified. Only a start with a verified identity resumes
 * an open Case, and only one that was itself started verified: an unverified Case may have been
 * opened by anybody who typed that email, and still holds a token of its own. The same
 * Idempotency-Key (per email and channel) answers with the same Case for 24 h.
 */
@ApplicationScoped
public class ChatStarts {
    @Inject Outbox outbox;
    @Inject CaseChanges changes;

    /**
     * The SYSTEM message a new Case starts with, so the waiting customer hears something ("An agent
     * will be with you shortly."); empty (or unset) = no greeting.
     */
    @ConfigProperty(name = "cases.greeting")
    Optional<String> greeting;

    /** What the gateway asks for: {@code verified} only after it checked an identity token. */
    public record StartRequest(
            Channel channel, ContactMatch contact, boolean verified, String idempotencyKey) {}

    /**
     * The answer: the Case, whether this call created it, and when the answer was first given (the
     * key's creation time, or now without a key): the gateway signs the customer token with that
     * time so a replay returns the same token.
     */
    public record Started(ChatCase kase, boolean created, Instant answeredAt) {}

    @WithTransaction
    public Uni<Started> start(StartRequest request) {
        UUID newId = UUID.randomUUID();
        // Second precision: the customer token's iat has no more, and a replay must sign the same.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (request.idempotencyKey() == null) {
            return fresh(request, newId, now);
        }
        String scope =
                StartKeys.scope(
                        request.idempotencyKey(), request.contact().email(), request.channel());
        // The primary key decides between concurrent starts with the same key: the second INSERT
        // waits for the first transaction and then updates nothing (the key is still fresh). An
        // expired key is taken over by the same statement.
        String claimKey =
                "INSERT INTO chat_start_key (scope, case_id, created_at) VALUES (?1, ?2, ?3)"
                        + " ON CONFLICT (scope) DO UPDATE SET case_id = EXCLUDED.case_id,"
                        + " created_at = EXCLUDED.created_at"
                        + " WHERE chat_start_key.created_at < ?4";
        return Panache.getSession()
                .chain(
                        s ->
                                s.createNativeQuery(claimKey)
                                        .setParameter(1, scope)
                                        .setParameter(2, newId)
                                        .setParameter(3, now)
                                        .setParameter(4, StartKeys.expiredBefore(now))
                                        .executeUpdate())
                .chain(
                        owned ->
                                owned == 1
                                        ? fresh(request, newId, now)
                                                .call(st -> pointKey(scope, st.kase().id))
                                        : replay(scope));
    }

    private Uni<Started> replay(String scope) {
        return Panache.getSession()
                .chain(
                        s ->
                                s.createNativeQuery(
                                                "SELECT case_id, created_at FROM chat_start_key"
                                                        + " WHERE scope = ?1",
                                                Object[].class)
                                        .setParameter(1, scope)
                                        .getSingleResult())
                .chain(
                        row ->
                                ChatCase.<ChatCase>findById((UUID) row[0])
                                        .map(c -> new Started(c, false, instant(row[1]))));
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    private Uni<Integer> pointKey(String scope, UUID caseId) {
        return Panache.getSession()
                .chain(
                        s ->
                                s.createNativeQuery(
                                                "UPDATE chat_start_key SET case_id = ?1"
                                                        + " WHERE scope = ?2")
                                        .setParameter(1, caseId)
                                        .setParameter(2, scope)
                                        .executeUpdate());
    }

    /** Without a key, or as the key's first owner: resume (verified only) or create. */
    private Uni<Started> fresh(StartRequest request, UUID newId, Instant now) {
        if (!request.verified()) {
            return create(request, newId, now);
        }
        // Two verified starts of one Contact at once must not both create: serialise them on the
        // (email, channel) pair for this transaction only.
        String lockKey = request.contact().email() + "\n" + request.channel().name();
        return Panache.getSession()
                .chain(
                        s ->
                                s.createNativeQuery(
                                                "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtext(?1))) l")
                                        .setParameter(1, lockKey)
                                        .getSingleResult())
                .chain(
                        ignored ->
                                ChatCase.<ChatCase>find(
                                                "contactEmail = ?1 and channel = ?2"
                                                        + " and emailVerified = true"
                                                        + " and status in ?3"
                                                        + " order by createdAt desc",
                                                request.contact().email(),
                                                request.channel(),
                                                List.of(CaseStatus.NEW, CaseStatus.READY))
                                        .<ChatCase>firstResult())
                .chain(
                        (ChatCase open) ->
                                open != null
                                        ? Uni.createFrom().item(new Started(open, false, now))
                                        : create(request, newId, now));
    }

    private Uni<Started> create(StartRequest request, UUID id, Instant now) {
        ContactMatch contact = request.contact();
        String sql =
                "INSERT INTO chat_case (id, channel, status, contact_id, contact_email,"
                        + " contact_first_name, contact_last_name, contact_initials, created_at,"
                        + " email_verified)"
                        + " VALUES (?1, ?2, 'NEW', ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
        return Panache.getSession()
                .chain(
                        s ->
                                s.createNativeQuery(sql)
                                        .setParameter(1, id)
                                        .setParameter(2, request.channel().name())
                                        .setParameter(3, contact.contactId())
                                        .setParameter(4, contact.email())
                                        .setParameter(5, contact.firstName())
                                        .setParameter(6, contact.lastName())
                                        .setParameter(7, contact.initials())
                                        // Full precision: tiles order by creation time.
                                        .setParameter(8, Instant.now())
                                        .setParameter(9, request.verified())
                                        .executeUpdate())
                .chain(() -> ChatCase.<ChatCase>findById(id))
                .call(c -> outbox.caseEvent(EventType.CASE_CREATED, c))
                // In the creating transaction: a start answered again from its key (or a resumed
                // Case) never comes through here, so a chat is greeted exactly once.
                .call(this::greet)
                .map(c -> new Started(c, true, now));
    }

    /** The greeting, through the one path that changes a Case (CaseTransitions, CaseChanges). */
    private Uni<?> greet(ChatCase c) {
        CaseTransitions.Transition t =
                CaseChanges.decide(c, new CaseTransitions.Greet(greeting.orElse("")));
        return t.applied()
                ? changes.apply(c, t, null, null, unused -> null)
                : Uni.createFrom().voidItem();
    }

    /** Deletes expired Idempotency-Keys; returns how many. */
    @WithTransaction
    public Uni<Integer> forgetExpiredKeys(Instant now) {
        return Panache.getSession()
                .chain(
                        s ->
                                s.createNativeQuery(
                                                "DELETE FROM chat_start_key WHERE created_at < ?1")
                                        .setParameter(1, StartKeys.expiredBefore(now))
                                        .executeUpdate());
    }
}
