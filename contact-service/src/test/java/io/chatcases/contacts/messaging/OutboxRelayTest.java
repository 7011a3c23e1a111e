package io.chatcases.contacts.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.agroal.api.AgroalDataSource;
import io.chatcases.events.CloudEventHeaders;
import io.chatcases.events.EventType;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The relay without the REST layer: rows are written straight into outbox_event as a crashed
 * replica (committed, never woken) or a busy one (row locked mid-publish) would leave them.
 */
@QuarkusTest
class OutboxRelayTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject AgroalDataSource db;
    @Inject OutboxRelay relay;
    @Inject Scheduler scheduler;

    @Test
    void rowACrashLeftPendingIsPublishedByTheSweeper() throws Exception {
        UUID aggregate = UUID.randomUUID();
        try (ContactEventsProbe probe = new ContactEventsProbe()) {
            UUID eventId;
            try (Connection c = db.getConnection()) {
                eventId = insertPending(c, aggregate);
            }
            List<ConsumerRecord<String, String>> records =
                    probe.pollUntil(r -> aggregate.toString().equals(r.key()), WAIT);
            ConsumerRecord<String, String> r =
                    records.stream()
                            .filter(x -> aggregate.toString().equals(x.key()))
                            .findFirst()
                            .orElseThrow();
            assertEquals(eventId.toString(), ContactEventsProbe.header(r, CloudEventHeaders.ID));
            assertEquals(
                    EventType.CONTACT_UPDATED.wire(),
                    ContactEventsProbe.header(r, CloudEventHeaders.TYPE));
            waitUntilPublishedAtIsSet(eventId);
        }
    }

    @Test
    void rowClaimedByAnotherRelayIsSkippedThenPublishedOnceWhenReleased() throws Exception {
        scheduler.pause("outbox-sweep");
        UUID busy = UUID.randomUUID();
        UUID free = UUID.randomUUID();
        try (ContactEventsProbe probe = new ContactEventsProbe();
                Connection otherRelay = db.getConnection()) {
            otherRelay.setAutoCommit(false);
            UUID busyEvent = insertPending(otherRelay, busy);
            otherRelay.commit();
            // Another replica's relay has claimed this row and is publishing it.
            try (PreparedStatement lock =
                    otherRelay.prepareStatement(
                            "SELECT id FROM outbox_event WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, busyEvent);
                lock.executeQuery().close();
            }
            UUID freeEvent;
            try (Connection c = db.getConnection()) {
                freeEvent = insertPending(c, free);
            }

            relay.wake();
            List<ConsumerRecord<String, String>> records =
                    probe.pollUntil(r -> free.toString().equals(r.key()), WAIT);
            assertEquals(0, records.stream().filter(r -> busy.toString().equals(r.key())).count());
            waitUntilPublishedAtIsSet(freeEvent);
            assertNull(publishedAt(busyEvent), "the locked row was skipped, not published");

            otherRelay.rollback(); // that replica died before marking it published
            relay.wake();
            records = probe.pollUntil(r -> busy.toString().equals(r.key()), WAIT);
            assertEquals(1, records.stream().filter(r -> busy.toString().equals(r.key())).count());
            assertEquals(1, records.stream().filter(r -> free.toString().equals(r.key())).count());
            waitUntilPublishedAtIsSet(busyEvent);
        } finally {
            scheduler.resume("outbox-sweep");
        }
    }

    private static UUID insertPending(Connection c, UUID aggregate) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO outbox_event (id, aggregate_type, aggregate_id, type, payload)"
                                + " VALUES (?, 'contact', ?, ?, CAST(? AS jsonb))")) {
            ps.setObject(1, id);
            ps.setObject(2, aggregate);
            ps.setString(3, EventType.CONTACT_UPDATED.wire());
            ps.setString(4, "{\"contactId\":\"" + aggregate + "\"}");
            ps.executeUpdate();
        }
        return id;
    }

    private java.sql.Timestamp publishedAt(UUID eventId) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT published_at FROM outbox_event WHERE id = ?")) {
            ps.setObject(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1);
            }
        }
    }

    /** The relay marks the row after the broker's ack, a moment after the record is readable. */
    private void waitUntilPublishedAtIsSet(UUID eventId) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (publishedAt(eventId) == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertNotNull(publishedAt(eventId), "published_at of " + eventId);
    }
}
