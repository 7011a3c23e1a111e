package io.chatcases.contacts.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatcases.events.EventType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Adds an event to the caller's transaction. The row commits or rolls back with the change it
 * announces; {@link OutboxRelay} publishes it once committed. Never publish directly from a service
 * method: a send before the commit can announce a change that then rolls back.
 */
@ApplicationScoped
public class OutboxWriter {

    // The inner cast makes the parameter text: bound to a json parameter, the reactive client
    // would encode the String as a JSON string literal rather than as the document it holds.
    private static final String INSERT =
            "INSERT INTO outbox_event (id, aggregate_type, aggregate_id, type, payload)"
                    + " VALUES (:id, :aggregateType, :aggregateId, :type, CAST(CAST(:payload AS text) AS jsonb))";

    private final ObjectMapper json;

    OutboxWriter(ObjectMapper json) {
        this.json = json;
    }

    /** Returns the event id, which the relay sends as ce_id. */
    public Uni<UUID> append(
            Mutiny.Session session,
            String aggregateType,
            UUID aggregateId,
            EventType type,
            Object payload) {
        UUID id = UUID.randomUUID();
        String body;
        try {
            body = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new UncheckedIOException(e));
        }
        return session.createNativeQuery(INSERT)
                .setParameter("id", id)
                .setParameter("aggregateType", aggregateType)
                .setParameter("aggregateId", aggregateId)
                .setParameter("type", type.wire())
                .setParameter("payload", body)
                .executeUpdate()
                .replaceWith(id);
    }
}
