package io.chatcases.contacts.messaging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatcases.contacts.Fixtures;
import io.chatcases.events.CloudEventHeaders;
import io.chatcases.events.EventType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A change other services must hear about is published once, from the outbox, on
 * chat.contact-events; a change that rolls back publishes nothing.
 */
@QuarkusTest
class OutboxPublishTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static void put(String id, Map<String, Object> body, int status) {
        given().auth()
                .oauth2(Fixtures.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .put("/contacts/" + id)
                .then()
                .statusCode(status);
    }

    private static long count(List<ConsumerRecord<String, String>> records, String key) {
        return records.stream().filter(r -> key.equals(r.key())).count();
    }

    @Test
    void renamePublishesExactlyOneContactUpdatedKeyedByTheContact() throws Exception {
        String email = Fixtures.email("rename");
        String id = Fixtures.create(Fixtures.contact("Ana", "Lima", email));
        String sentinelEmail = Fixtures.email("sentinel");
        String sentinel = Fixtures.create(Fixtures.contact("Sam", "Sentinel", sentinelEmail));

        try (ContactEventsProbe probe = new ContactEventsProbe()) {
            Instant before = Instant.now();
            put(id, Fixtures.contact("Ana", "Silva", email), 200);
            List<ConsumerRecord<String, String>> records =
                    probe.pollUntil(r -> id.equals(r.key()), WAIT);
            // A later change of another contact marks the point by which a duplicate would show.
            put(sentinel, Fixtures.contact("Sam", "Renamed", sentinelEmail), 200);
            records = probe.pollUntil(r -> sentinel.equals(r.key()), WAIT);

            assertEquals(1, count(records, id), "exactly one event for the renamed contact");
            ConsumerRecord<String, String> r =
                    records.stream().filter(x -> id.equals(x.key())).findFirst().orElseThrow();
            assertEquals(
                    EventType.CONTACT_UPDATED.wire(),
                    ContactEventsProbe.header(r, CloudEventHeaders.TYPE));
            assertEquals("1.0", ContactEventsProbe.header(r, CloudEventHeaders.SPEC_VERSION));
            assertEquals("contact-service", ContactEventsProbe.header(r, CloudEventHeaders.SOURCE));
            assertEquals(
                    "application/json",
                    ContactEventsProbe.header(r, CloudEventHeaders.CONTENT_TYPE));
            UUID.fromString(ContactEventsProbe.header(r, CloudEventHeaders.ID));
            Instant time = Instant.parse(ContactEventsProbe.header(r, CloudEventHeaders.TIME));
            assertFalse(time.isBefore(before.minusSeconds(5)), time + " vs " + before);

            JsonNode payload = JSON.readTree(r.value());
            assertEquals(id, payload.get("contactId").asText());
            assertEquals("Silva", payload.get("lastName").asText());
            assertEquals("AS", payload.get("initials").asText());
            assertEquals(email, payload.get("primaryEmail").asText());
            assertEquals(email, payload.get("emails").get(0).asText());
            assertFalse(payload.get("deleted").asBoolean());
            assertNotNull(Instant.parse(payload.get("updatedAt").asText()));
        }
    }

    @Test
    void emailChangePublishesTheNewAddresses() throws Exception {
        String email = Fixtures.email("addr");
        String id = Fixtures.create(Fixtures.contact("Bea", "Souza", email));
        String added = Fixtures.email("addr-new");
        try (ContactEventsProbe probe = new ContactEventsProbe()) {
            put(id, Fixtures.contact("Bea", "Souza", added, email), 200);
            ConsumerRecord<String, String> r =
                    probe.pollUntil(x -> id.equals(x.key()), WAIT).stream()
                            .filter(x -> id.equals(x.key()))
                            .findFirst()
                            .orElseThrow();
            JsonNode payload = JSON.readTree(r.value());
            assertEquals(added, payload.get("primaryEmail").asText());
            assertEquals(2, payload.get("emails").size());
        }
    }

    @Test
    void rolledBackUpdateAndPhoneOnlyChangePublishNothing() {
        String email = Fixtures.email("rollback");
        String id = Fixtures.create(Fixtures.contact("Rita", "Rollback", email));
        String otherEmail = Fixtures.email("owner");
        Fixtures.create(Fixtures.contact("Olga", "Owner", otherEmail));
        String phoneEmail = Fixtures.email("phone");
        String phoneOnly = Fixtures.create(Fixtures.contact("Pia", "Phone", phoneEmail));
        String sentinelEmail = Fixtures.email("sentinel");
        String sentinel = Fixtures.create(Fixtures.contact("Sam", "Sentinel", sentinelEmail));

        try (ContactEventsProbe probe = new ContactEventsProbe()) {
            // A rename that fails on the stolen address rolls back, outbox row included.
            put(id, Fixtures.contact("Renamed", "Rollback", email, otherEmail), 409);
            Map<String, Object> phone = Fixtures.contact("Pia", "Phone", phoneEmail);
            phone.put("phone", "555 0199");
            put(phoneOnly, phone, 200);
            put(sentinel, Fixtures.contact("Sam", "Moved", sentinelEmail), 200);

            List<ConsumerRecord<String, String>> records =
                    probe.pollUntil(r -> sentinel.equals(r.key()), WAIT);
            assertEquals(0, count(records, id), "the rolled-back rename published nothing");
            assertEquals(0, count(records, phoneOnly), "a phone change is not announced");
        }
    }

    @Test
    void deletePublishesADeletedEvent() throws Exception {
        String email = Fixtures.email("deleted");
        String id = Fixtures.create(Fixtures.contact("Del", "Ete", email));
        try (ContactEventsProbe probe = new ContactEventsProbe()) {
            given().auth()
                    .oauth2(Fixtures.admin())
                    .delete("/contacts/" + id)
                    .then()
                    .statusCode(204);
            ConsumerRecord<String, String> r =
                    probe.pollUntil(x -> id.equals(x.key()), WAIT).stream()
                            .filter(x -> id.equals(x.key()))
                            .findFirst()
                            .orElseThrow();
            JsonNode payload = JSON.readTree(r.value());
            assertTrue(payload.get("deleted").asBoolean());
            assertEquals("DE", payload.get("initials").asText());
            assertEquals(0, payload.get("emails").size());
        }
    }
}
