package io.chatcases.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatcases.events.EventType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
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
 * <p>A transaction that appends many events (a batch of sends) can have them {@link #collecting
 * collected} and written by one statement at its end, in append order: one round trip instead of
 * one per event.
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

    // Many rows by one statement, from a JSON array of {id, aggregate, type, payload}: the write
    // locks of its aggregates first (in id order; the one-row aggregate is computed before any row
    // is produced), then the rows in array order, so their positions follow append order. The
    // parameter is typed text: the Postgres client would send a String typed json as a JSON string.
    private static final String INSERT_ALL =
            "INSERT INTO outbox_event (id, aggregate_id, type, payload, created_at)"
                    + " SELECT CAST(e->>'id' AS uuid), CAST(e->>'aggregate' AS uuid), e->>'type',"
                    + " e->>'payload', clock_timestamp()"
                    + " FROM json_array_elements(CAST(CAST(?1 AS text) AS json)) WITH ORDINALITY AS rows(e, n)"
                    + " CROSS JOIN (SELECT count(pg_advisory_xact_lock("
                    + WRITE_LOCK_SPACE
                    + ", hashtext(CAST(a AS text)))) FROM (SELECT DISTINCT"
                    + " CAST(e->>'aggregate' AS uuid) AS a"
                    + " FROM json_array_elements(CAST(CAST(?1 AS text) AS json)) AS locked(e) ORDER BY a)"
                    + " aggregates) aggregate_write_locks"
                    + " ORDER BY n";

    /** One pending row of a collecting transaction (field names are INSERT_ALL's keys). */
    record Row(UUID id, UUID aggregate, String type, String payload) {}

    /** The rows held back per collecting session, until its work ends. */
    private final Map<Mutiny.Session, List<Row>> collected = new ConcurrentHashMap<>();

    private final ObjectMapper json;

    OutboxWriter(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Appends {@code payload} as JSON; returns the event id, which the relay sends as ce_id. Inside
     * {@link #collecting} the row is held back (its payload serialized now, as the caller's state
     * is now) and written when the work ends.
     */
    public Uni<UUID> append(
            Mutiny.Session session, UUID aggregateId, EventType type, Object payload) {
        UUID id = UUID.randomUUID();
        String body;
        try {
            body = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new UncheckedIOException(e));
        }
        List<Row> pending = collected.get(session);
        if (pending != null) {
            pending.add(new Row(id, aggregateId, type.wire(), body));
            return Uni.createFrom().item(id);
        }
        return session.createNativeQuery(INSERT)
                .setParameter(1, id)
                .setParameter(2, aggregateId)
                .setParameter(3, type.wire())
                .setParameter(4, body)
                .executeUpdate()
                .replaceWith(id);
    }

    /**
     * Runs {@code work} with this session's appends collected, then writes them all by one
     * statement, in append order, before the caller's transaction commits. Must be called inside
     * that transaction. Should the work fail, nothing collected is written (the transaction rolls
     * back anyway). Appends of one session run one after another (its work is one chain), so the
     * list needs no lock.
     */
    public <T> Uni<T> collecting(Mutiny.Session session, Supplier<Uni<T>> work) {
        return Uni.createFrom()
                .deferred(
                        () -> {
                            if (collected.putIfAbsent(session, new ArrayList<>()) != null) {
                                return Uni.createFrom()
                                        .failure(
                                                new IllegalStateException(
                                                        "this session is collecting already"));
                            }
                            return work.get()
                                    .call(() -> writeAll(session, collected.remove(session)))
                                    .onTermination()
                                    .invoke(() -> collected.remove(session));
                        });
    }

    private Uni<Void> writeAll(Mutiny.Session session, List<Row> rows) {
        if (rows == null || rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String array;
        try {
            array = json.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new UncheckedIOException(e));
        }
        return session.createNativeQuery(INSERT_ALL)
                .setParameter(1, array)
                .executeUpdate()
                .invoke(
                        written -> {
                            if (written != rows.size()) {
                                throw new IllegalStateException(
                                        "wrote " + written + " of " + rows.size() + " outbox rows");
                            }
                        })
                .replaceWithVoid();
    }
}
