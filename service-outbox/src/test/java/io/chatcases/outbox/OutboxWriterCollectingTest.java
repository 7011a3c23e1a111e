package io.chatcases.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatcases.events.EventType;
import io.smallrye.mutiny.Uni;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/**
 * Unit level: what {@link OutboxWriter} asks of the session, with and without {@link
 * OutboxWriter#collecting}. The statements themselves run against Postgres in case-service's
 * IngestBatchTest (one statement per batch, positions in append order).
 */
class OutboxWriterCollectingTest {
    private final ObjectMapper json = new ObjectMapper();
    private final OutboxWriter writer = new OutboxWriter(json);

    /** One executed statement: its SQL and parameters. */
    record Statement(String sql, Map<Integer, Object> params) {}

    private final List<Statement> executed = new ArrayList<>();
    private final Mutiny.Session session = session();

    @Test
    void collectedAppendsAreWrittenByOneStatementInAppendOrder() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        List<UUID> ids =
                writer.collecting(
                                session,
                                () ->
                                        writer.append(session, b, EventType.MESSAGE_POSTED, "b1")
                                                .chain(
                                                        first ->
                                                                writer.append(
                                                                                session,
                                                                                a,
                                                                                EventType
                                                                                        .MESSAGE_POSTED,
                                                                                "a1")
                                                                        .map(
                                                                                second ->
                                                                                        List.of(
                                                                                                first,
                                                                                                second))))
                        .await()
                        .indefinitely();

        assertEquals(1, executed.size(), "one statement for the two rows: " + executed);
        JsonNode rows = parse((String) executed.get(0).params().get(1));
        assertEquals(2, rows.size());
        assertEquals(b.toString(), rows.get(0).path("aggregate").asText(), "append order kept");
        assertEquals(a.toString(), rows.get(1).path("aggregate").asText());
        assertEquals(ids.get(0).toString(), rows.get(0).path("id").asText());
        assertEquals(ids.get(1).toString(), rows.get(1).path("id").asText());
        assertEquals("message.posted", rows.get(0).path("type").asText());
        assertEquals("\"b1\"", rows.get(0).path("payload").asText(), "the payload as JSON text");
    }

    @Test
    void failedWorkWritesNothingAndTheSessionCanCollectAgain() {
        UUID a = UUID.randomUUID();
        RuntimeException boom = new IllegalStateException("boom");
        Uni<Object> failing =
                writer.collecting(
                        session,
                        () ->
                                writer.append(session, a, EventType.MESSAGE_POSTED, "x")
                                        .chain(id -> Uni.createFrom().failure(boom)));
        assertEquals(
                boom, assertThrows(IllegalStateException.class, failing.await()::indefinitely));
        assertTrue(executed.isEmpty(), "nothing of failed work is written: " + executed);

        writer.collecting(session, () -> writer.append(session, a, EventType.MESSAGE_POSTED, "y"))
                .await()
                .indefinitely();
        assertEquals(1, executed.size(), "the session collects again after a failure");
        assertEquals(1, parse((String) executed.get(0).params().get(1)).size());
    }

    @Test
    void withoutCollectingEachAppendIsWrittenAtOnce() {
        UUID a = UUID.randomUUID();
        writer.append(session, a, EventType.MESSAGE_POSTED, "1").await().indefinitely();
        writer.append(session, a, EventType.MESSAGE_POSTED, "2").await().indefinitely();
        assertEquals(2, executed.size());
        assertEquals(a, executed.get(1).params().get(2));
        assertEquals("\"2\"", executed.get(1).params().get(4));
    }

    @Test
    void workWithoutAppendsWritesNothing() {
        assertEquals(
                "done",
                writer.collecting(session, () -> Uni.createFrom().item("done"))
                        .await()
                        .indefinitely());
        assertTrue(executed.isEmpty());
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A session whose native queries record their SQL and parameters and "update" one row each. */
    private Mutiny.Session session() {
        return (Mutiny.Session)
                Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {Mutiny.Session.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("createNativeQuery")) {
                                return query(new Statement((String) args[0], new HashMap<>()));
                            }
                            if (method.getName().equals("hashCode")) {
                                return System.identityHashCode(proxy);
                            }
                            if (method.getName().equals("equals")) {
                                return proxy == args[0];
                            }
                            throw new UnsupportedOperationException(method.getName());
                        });
    }

    private Object query(Statement statement) {
        return Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Mutiny.Query.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setParameter" -> {
                            statement.params().put((Integer) args[0], args[1]);
                            return proxy;
                        }
                        case "executeUpdate" -> {
                            executed.add(statement);
                            int count =
                                    statement.sql().contains("json_array_elements")
                                            ? parse((String) statement.params().get(1)).size()
                                            : 1;
                            return Uni.createFrom().item(count);
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                });
    }
}
