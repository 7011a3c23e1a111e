package io.chatcases.cases.service;

import io.chatcases.cases.client.ContactMatcher;
import io.chatcases.cases.domain.CaseTransitions;
import io.chatcases.cases.domain.CaseTransitions.Transition;
import io.chatcases.cases.domain.ChatCase;
import io.chatcases.events.CaseStatus;
import io.chatcases.events.ErrorCode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Scheduled transitions: RESOLVED Cases close after the configured time; Cases started while
 * contact-service was unreachable get matched.
 */
@ApplicationScoped
public class Housekeeping {
    @Inject CaseChanges changes;
    @Inject ContactMatcher matcher;
    @Inject ChatStarts starts;

    /** How long after its resolution a Case closes (default 14 days). */
    @ConfigProperty(name = "cases.close-after", defaultValue = "P14D")
    Duration closeAfter;

    @Scheduled(every = "${cases.close-check:1h}", delayed = "10s")
    Uni<Void> closeScheduled() {
        return closeResolvedBefore(Instant.now().minus(closeAfter)).replaceWithVoid();
    }

    /** Closes every Case resolved before {@code cutoff}; returns how many. */
    public Uni<Integer> closeResolvedBefore(Instant cutoff) {
        return Panache.withTransaction(
                () ->
                        ChatCase.<ChatCase>find(
                                        "status = ?1 and resolvedAt < ?2",
                                        CaseStatus.RESOLVED,
                                        cutoff)
                                .withLock(LockModeType.PESSIMISTIC_WRITE)
                                .page(0, 500)
                                .list()
                                .call(cases -> closeAll(cases))
                                .map(List::size));
    }

    /**
     * An admin closes a RESOLVED Case now rather than after {@code cases.close-after}: the same
     * Close transition. A CLOSED Case is answered as it is; any other status is 409.
     */
    @WithTransaction
    public Uni<ChatCase> closeNow(UUID caseId) {
        return ChatCase.<ChatCase>findById(caseId, LockModeType.PESSIMISTIC_WRITE)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("No Case " + caseId + "."))
                .chain(
                        c -> {
                            if (c.status == CaseStatus.CLOSED) {
                                return Uni.createFrom().item(c);
                            }
                            Transition t = CaseChanges.decide(c, new CaseTransitions.Close());
                            return t.applied()
                                    ? changes.apply(c, t, null, null, null).replaceWith(c)
                                    : Uni.createFrom()
                                            .failure(
                                                    new ApiException(
                                                            409,
                                                            ErrorCode.CONFLICT,
                                                            "Only a resolved Case closes; Case "
                                                                    + c.number
                                                                    + " is "
                                                                    + c.status.name().toLowerCase()
                                                                    + "."));
                        });
    }

    private Uni<Void> closeAll(List<ChatCase> cases) {
        return Multi.createFrom()
                .iterable(cases)
                .onItem()
                .transformToUniAndConcatenate(
                        c -> {
                            Transition t = CaseChanges.decide(c, new CaseTransitions.Close());
                            return t.applied()
                                    ? changes.apply(c, t, null, null, null).replaceWithVoid()
                                    : Uni.createFrom().voidItem();
                        })
                .collect()
                .asList()
                .replaceWithVoid();
    }

    /** Idempotency-Keys of chat starts live 24 h; the table keeps only live ones. */
    @Scheduled(every = "${cases.start-key-check:1h}", delayed = "20s")
    Uni<Void> forgetExpiredStartKeys() {
        return starts.forgetExpiredKeys(Instant.now()).replaceWithVoid();
    }

    @Scheduled(every = "${cases.match-retry:30s}", delayed = "30s")
    Uni<Void> matchScheduled() {
        return matchUnmatched().replaceWithVoid();
    }

    /** Matches open Cases started without contact-service; returns how many were matched. */
    public Uni<Integer> matchUnmatched() {
        return Panache.withSession(
                        () ->
                                ChatCase.<ChatCase>find(
                                                "contactId is null and status in ?1",
                                                List.of(CaseStatus.NEW, CaseStatus.READY))
                                        .page(0, 50)
                                        .list())
                .onItem()
                .transformToMulti(cases -> Multi.createFrom().iterable(cases))
                .onItem()
                .transformToUniAndConcatenate(
                        c ->
                                matcher.match(c.contactEmail, c.contactFirstName, c.contactLastName)
                                        .chain(
                                                m ->
                                                        m.contactId() == null
                                                                ? Uni.createFrom().item(0)
                                                                : applyMatch(c.id, m))
                                        .onFailure()
                                        .recoverWithItem(0))
                .collect()
                .with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }

    private Uni<Integer> applyMatch(java.util.UUID caseId, CaseService.ContactMatch m) {
        return Panache.withTransaction(
                () ->
                        ChatCase.<ChatCase>findById(caseId, LockModeType.PESSIMISTIC_WRITE)
                                .chain(
                                        c -> {
                                            if (c == null || c.contactId != null) {
                                                return Uni.createFrom().item(0);
                                            }
                                            return changeContact(
                                                    c,
                                                    new CaseChanges.ContactFields(
                                                            m.contactId(),
                                                            m.email(),
                                                            m.firstName(),
                                                            m.lastName(),
                                                            m.initials()));
                                        }));
    }

    /**
     * Applies a Contact's new names and initials to its open Cases, unless they already hold a
     * newer version; returns how many changed. {@code contact.updatedAt()} must be set.
     */
    public Uni<Integer> refreshContact(io.chatcases.events.ContactUpdated contact) {
        return Panache.withTransaction(
                () ->
                        ChatCase.<ChatCase>find(
                                        "contactId = ?1 and status in ?2",
                                        contact.contactId(),
                                        List.of(CaseStatus.NEW, CaseStatus.READY))
                                .withLock(LockModeType.PESSIMISTIC_WRITE)
                                .list()
                                .chain(
                                        cases ->
                                                Multi.createFrom()
                                                        .iterable(cases)
                                                        .filter(c -> newer(c, contact))
                                                        .invoke(
                                                                c ->
                                                                        c.contactUpdatedAt =
                                                                                contact.updatedAt())
                                                        .filter(c -> changes(c, contact))
                                                        .onItem()
                                                        .transformToUniAndConcatenate(
                                                                c ->
                                                                        changeContact(
                                                                                c,
                                                                                new CaseChanges
                                                                                        .ContactFields(
                                                                                        c.contactId,
                                                                                        c.contactEmail,
                                                                                        contact
                                                                                                .firstName(),
                                                                                        contact
                                                                                                .lastName(),
                                                                                        contact
                                                                                                .initials())))
                                                        .collect()
                                                        .with(
                                                                java.util.stream.Collectors
                                                                        .summingInt(
                                                                                Integer
                                                                                        ::intValue))));
    }

    /** Applies a new Contact view to an open Case; returns 1 when it changed. */
    private Uni<Integer> changeContact(ChatCase c, CaseChanges.ContactFields contact) {
        Transition t = CaseChanges.decide(c, new CaseTransitions.ContactChanged());
        return t.applied()
                ? changes.apply(c, t, null, contact, null).replaceWith(1)
                : Uni.createFrom().item(0);
    }

    /**
     * Only a newer event applies: the outbox publishes one Contact's events in order, but a
     * redelivered or replayed old event must not overwrite the current name.
     */
    private static boolean newer(ChatCase c, io.chatcases.events.ContactUpdated contact) {
        return c.contactUpdatedAt == null || contact.updatedAt().isAfter(c.contactUpdatedAt);
    }

    private static boolean changes(ChatCase c, io.chatcases.events.ContactUpdated contact) {
        return !java.util.Objects.equals(c.contactFirstName, contact.firstName())
                || !java.util.Objects.equals(c.contactLastName, contact.lastName())
                || !java.util.Objects.equals(c.contactInitials, contact.initials());
    }
}
