package io.chatcases.cases.service;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.domain.Message;
import io.chatcases.events.CaseEvent;
import io.chatcases.events.EventType;
import io.chatcases.outbox.OutboxWriter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * The Case events case-service publishes, appended to the caller's transaction through
 * service-outbox's {@link OutboxWriter}. Every event carries the Case's current view. Must be
 * called from within a transaction ({@code @WithTransaction} on the service method).
 */
@ApplicationScoped
public class Outbox {
    @Inject OutboxWriter writer;

    public Uni<Void> caseEvent(EventType type, ChatCase c) {
        return write(type, c.id, new CaseEvent(Views.of(c), null, null, null));
    }

    public Uni<Void> messagePosted(ChatCase c, Message m) {
        return write(
                EventType.MESSAGE_POSTED,
                c.id,
                new CaseEvent(Views.of(c), Views.of(m), null, null));
    }

    public Uni<Void> read(ChatCase c, String agentId, long seq) {
        return write(
                EventType.CASE_READ,
                c.id,
                new CaseEvent(Views.of(c), null, new CaseEvent.ReadMark(agentId, seq), null));
    }

    /** A refused send; {@code c} is null when the Case does not exist. */
    public Uni<Void> rejected(UUID caseId, ChatCase c, CaseEvent.Rejection rejection) {
        return write(
                EventType.MESSAGE_REJECTED,
                caseId,
                new CaseEvent(c == null ? null : Views.of(c), null, null, rejection));
    }

    private Uni<Void> write(EventType type, UUID aggregateId, CaseEvent event) {
        // Called with the Case row locked (conditional UPDATE or SELECT ... FOR UPDATE), so the
        // row's position follows commit order: the relay's per-Case order (service-outbox).
        return Panache.getSession()
                .chain(s -> writer.append(s, aggregateId, type, event))
                .replaceWithVoid();
    }
}
