package io.chatcases.cases.service;

import io.chatcases.cases.domain.CaseTransitions;
import io.chatcases.cases.domain.CaseTransitions.CaseState;
import io.chatcases.cases.domain.CaseTransitions.Command;
import io.chatcases.cases.domain.CaseTransitions.Transition;
import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.domain.Message;
import io.chatcases.events.EventType;
import io.chatcases.events.MessageKind;
import io.chatcases.events.SenderType;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one path that changes a Case: it asks {@link CaseTransitions#apply} for the transition and
 * applies it to the Case row (locked by the caller's transaction): status and owner, the time stamp
 * of each event, the appended message with the next seq, and the outbox rows in order; a close also
 * schedules its transcript file ({@link TranscriptExports}).
 */
@ApplicationScoped
public class CaseChanges {
    @Inject Outbox outbox;
    @Inject TranscriptExports transcripts;

    /** A new Contact view for {@link CaseTransitions.ContactChanged}. */
    public record ContactFields(
            UUID contactId, String email, String firstName, String lastName, String initials) {}

    public static CaseState stateOf(ChatCase c) {
        return new CaseState(c.status, c.ownerId);
    }

    /** The transition {@code command} makes from the Case's current state. */
    public static Transition decide(ChatCase c, Command command) {
        return CaseTransitions.apply(stateOf(c), command);
    }

    /**
     * Applies an applied transition to {@code c}. {@code sendersMessage} builds the appended
     * message when the transition carries no system text (a send); it runs after the seq was taken.
     * Returns the appended message, or null.
     */
    public Uni<Message> apply(
            ChatCase c,
            Transition t,
            CaseTransitions.Agent agent,
            ContactFields contact,
            Function<ChatCase, Message> sendersMessage) {
        if (!t.applied()) {
            throw new IllegalStateException("not an applied transition: " + t);
        }
        Instant now = Instant.now();
        c.status = t.next().status();
        c.ownerId = t.next().ownerId();
        for (EventType type : t.events()) {
            stamp(c, type, now, agent, contact);
        }
        Message m = null;
        if (t.appendsMessage()) {
            c.lastSeq++;
            if (t.fromCustomer()) {
                c.lastCustomerSeq = c.lastSeq;
            }
            m = t.systemText() != null ? system(c, t.systemText(), now) : sendersMessage.apply(c);
        }
        Message appended = m;
        Uni<Void> stored = m == null ? Uni.createFrom().voidItem() : m.persist().replaceWithVoid();
        return stored.chain(
                        () ->
                                Multi.createFrom()
                                        .iterable(t.events())
                                        .onItem()
                                        .transformToUniAndConcatenate(
                                                type ->
                                                        type == EventType.MESSAGE_POSTED
                                                                ? outbox.messagePosted(c, appended)
                                                                : outbox.caseEvent(type, c))
                                        .collect()
                                        .last())
                .call(
                        () ->
                                t.events().contains(EventType.CASE_CLOSED)
                                        ? transcripts.schedule(c)
                                        : Uni.createFrom().voidItem())
                .replaceWith(appended);
    }

    /** Each event sets the fields that record it. */
    private static void stamp(
            ChatCase c,
            EventType type,
            Instant now,
            CaseTransitions.Agent agent,
            ContactFields contact) {
        switch (type) {
            case CASE_CLAIMED -> {
                c.ownerFirstName = agent.firstName();
                c.ownerLastName = agent.lastName();
                c.claimedAt = now;
            }
            case CASE_TRANSFERRED -> {
                // For a transfer, agent is the new owner.
                c.ownerFirstName = agent.firstName();
                c.ownerLastName = agent.lastName();
                c.claimedAt = now;
            }
            case CASE_UNASSIGNED -> {
                c.ownerFirstName = null;
                c.ownerLastName = null;
                c.claimedAt = null;
            }
            case CASE_RESOLVED -> c.resolvedAt = now;
            case CASE_REOPENED -> c.resolvedAt = null;
            case CASE_CLOSED -> c.closedAt = now;
            case CASE_UPDATED -> {
                c.contactId = contact.contactId();
                c.contactEmail = contact.email();
                c.contactFirstName = contact.firstName();
                c.contactLastName = contact.lastName();
                c.contactInitials = contact.initials();
            }
            default -> {}
        }
    }

    private static Message system(ChatCase c, String text, Instant now) {
        Message m = new Message();
        m.caseId = c.id;
        m.seq = c.lastSeq;
        m.messageId = UUID.randomUUID();
        m.kind = MessageKind.SYSTEM;
        m.senderType = SenderType.SYSTEM;
        m.text = text;
        m.createdAt = now;
        return m;
    }
}
