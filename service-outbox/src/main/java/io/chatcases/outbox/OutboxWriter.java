package io.chatcases.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatcases.events.EventType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Appends an event to the caller's transaction: the row commits or rolls back with the change it
 * announces, and the relay publishes it once committed. Never publish from a service method: a send
 * before the commit can announce a change that then rolls back.
 *
 * <p>Per-aggregate commit order: the insert first takes a transaction-scoped advisory lock on the
 * aggregate, so two transactions that write events of one aggregate commit one after the other, and
 * the rows' {@code position}s follow their commit order, which is the order the relay publishes
 * them in. Callers usually hold the aggregate's row lock already (then the lock is free); a caller
 * that does not (a read mark) still gets its place in line. Take row locks before appending: a
 * transaction that appends and then waits for the aggregate's row lock can deadlock with one that
 * holds the row and appends.
 *
 * <p>Nobody needs to wake the relay: the table's trigger ({@code outbox_event_notify}, in each
 * service's migrations) sends a NOTIFY that Postgres delivers only when the transaction commits,
 * and {@link OutboxRunner} listens for it.
 */
@ApplicationScoped
public class OutboxWriter {
    /** The first key of the advisory locks writers take ("OUTW"; the relay's are "OUTB"). */
    public static final int WRITE_LOCK_SPACE = 0x4F555457;

    // One statement: the aggregate's write lock, then the row. The casts type the parameters.
    private static final String INSERT =
            "INSERT INTO outbox_event (id, aggregate_id, type, payload, created_at)"
                    + " SELECT CAST(?1 AS uuid), CAST(?2 AS uuid), ?3, ?4, clock_timestamp()"
                    + " FROM (SELECT pg_advisory_xact_lock("
                    + WRITE_LOCK_SPACE
                    + ", hashtext(CAST(CAST(?2 AS uuid) AS text)))) aggregate_write_lock";

    private final ObjectMapper json;

    OutboxWriter(ObjectMapper json) {
        this.json = json;
    }

    /** Appends {@code payload} as JSON; returns the event id, which the relay sends as ce_id. */
    public Uni<UUID> append(
            Mutiny.Session session, UUID aggregateId, EventType type, Object payload) {
        UUID id = UUID.randomUUID();
        String body;
        try {
            body = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new UncheckedIOException(e));
        }
        return session.createNativeQuery(INSERT)
                .setParameter(1, id)
                .setParameter(2, aggregateId)
                .setParameter(3, type.wire())
                .setParameter(4, body)
                .executeUpdate()
                .replaceWith(id);
    }
}
