package io.chatcases.cases.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.domain.Message;
import io.chatcases.cases.domain.OutboxEvent;
import io.chatcases.events.CaseEvent;
import io.chatcases.events.EventType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes outbox rows inside the caller's transaction. Every event carries the Case's current view.
 * Must be called from within a transaction ({@code @WithTransaction} on the service method).
 */
@ApplicationScoped
public class Outbox {
    @Inject ObjectMapper json;

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
        OutboxEvent row = new OutboxEvent();
        row.id = UUID.randomUUID();
        row.aggregateId = aggregateId;
        row.type = type.wire();
        row.createdAt = Instant.now();
        try {
            row.payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        // Flush now so the row's position is taken while the Case row is locked: per-case order.
        return Panache.getSession().chain(s -> s.persist(row).call(s::flush)).replaceWithVoid();
    }
}
