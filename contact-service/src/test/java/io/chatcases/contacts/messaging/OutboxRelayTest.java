package io.chatcases.contacts.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.agroal.api.AgroalDataSource;
import io.chatcases.events.CloudEventHeaders;
import io.chatcases.events.EventType;
import io.chatcases.outbox.OutboxRelay;
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
 * The relay without the REST layer: rows are written straight into outbox_event as another process
 * would commit them, and another replica's relay is played by a connection holding the aggregate's
 * relay lock, as a pass in progress (or one that died before committing) holds it.
 */
@QuarkusTest
class OutboxRelayTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject AgroalDataSource db;

    @Test
    void aCommittedRowIsPublishedWithItsIdAndType() throws Exception {
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
    void anAggregateAnotherRelayHoldsIsSkippedThenPublishedOnceBySweeperWhenReleased()
            throws Exception {
        UUID busy = UUID.randomUUID();
        UUID free = UUID.randomUUID();
        try (ContactEventsProbe probe = new ContactEventsProbe();
                Connection otherRelay = db.getConnection()) {
            otherRelay.setAutoCommit(false);
            // Another replica's relay is publishing this Contact's rows.
            try (PreparedStatement lock =
                    otherRelay.prepareStatement(
                            "SELECT pg_advisory_xact_lock(?, hashtext(?::text))")) {
                lock.setInt(1, OutboxRelay.LOCK_SPACE);
                lock.setObject(2, busy);
                lock.executeQuery().close();
            }
            UUID busyEvent;
            UUID freeEvent;
            try (Connection c = db.getConnection()) {
                busyEvent = insertPending(c, busy);
                freeEvent = insertPending(c, free);
            }
            // Watermark: the pass that published the later row saw the earlier one, and left it.
            List<ConsumerRecord<String, String>> records =
                    probe.pollUntil(r -> free.toString().equals(r.key()), WAIT);
            waitUntilPublishedAtIsSet(freeEvent);
            assertEquals(0, records.stream().filter(r -> busy.toString().equals(r.key())).count());
            assertNull(publishedAt(busyEvent), "the held aggregate was skipped, not published");

            // That replica died before committing: no commit announces the row, the sweeper does.
            otherRelay.rollback();
            records = probe.pollUntil(r -> busy.toString().equals(r.key()), WAIT);
            assertEquals(1, records.stream().filter(r -> busy.toString().equals(r.key())).count());
            assertEquals(1, records.stream().filter(r -> free.toString().equals(r.key())).count());
            waitUntilPublishedAtIsSet(busyEvent);
        }
    }

    private static UUID insertPending(Connection c, UUID aggregate) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO outbox_event (id, aggregate_id, type, payload)"
                                + " VALUES (?, ?, ?, ?)")) {
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
