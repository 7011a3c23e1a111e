package io.chatcases.cases.messages;

import static io.chatcases.cases.support.Fixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.support.CaseEventsTopic;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.cases.support.IngestTopic;
import io.chatcases.events.ContactUpdated;
import io.chatcases.events.EventType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** contact.updated from contact-service renames the open Case's Contact view, once. */
@QuarkusTest
class ContactRenameTest {
    @Inject CaseService cases;

    @Test
    void aRenamedContactRenamesItsOpenCaseAndAnnouncesIt() throws Exception {
        ChatCase c = Fixtures.startCase(cases);
        ContactUpdated renamed =
                new ContactUpdated(
                        c.contactId,
                        "Renata",
                        "Renamed",
                        "RR",
                        c.contactEmail,
                        List.of(c.contactEmail),
                        false,
                        Instant.now());
        Properties p = new Properties();
        p.put("bootstrap.servers", "127.0.0.1:9092");
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        String json = IngestTopic.json(renamed);
        // The watermark: a later rename on the same partition, applied after both deliveries.
        ContactUpdated later = rename(c, "Wanda", "WW", renamed.updatedAt().plusSeconds(1));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (String value : List.of(json, json, IngestTopic.json(later))) {
                // delivered twice: applied once
                producer.send(
                                new ProducerRecord<>(
                                        "test.chat.contact-events", c.contactId.toString(), value))
                        .get();
            }
        }
        List<CaseEventsTopic.Event> events =
                CaseEventsTopic.awaitEvents(
                        Set.of(c.id.toString()),
                        ev -> ev.stream().anyMatch(e -> "WW".equals(initials(e))),
                        Duration.ofSeconds(30));
        // The watermark's case.updated arrived, so a second one for the duplicate cannot follow.
        assertEquals(
                List.of("RR", "WW"),
                events.stream()
                        .filter(e -> EventType.CASE_UPDATED.equals(e.type()))
                        .map(ContactRenameTest::initials)
                        .toList());
        assertEquals("Renata", firstName(events, "RR"));
        ChatCase after = await(() -> Panache.withSession(() -> ChatCase.<ChatCase>findById(c.id)));
        assertEquals("WW", after.contactInitials);
    }

    private static String initials(CaseEventsTopic.Event e) {
        return e.payload().at("/case/contact/initials").asText();
    }

    private static String firstName(List<CaseEventsTopic.Event> events, String initials) {
        return events.stream()
                .filter(e -> initials.equals(initials(e)))
                .map(e -> e.payload().at("/case/contact/firstName").asText())
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aRenameThatArrivesLateNeverOverwritesANewerOne() throws Exception {
        ChatCase c = Fixtures.startCase(cases);
        Instant t0 = Instant.now();
        Properties p = new Properties();
        p.put("bootstrap.servers", "127.0.0.1:9092");
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            // Same key, same partition, consumed in this order: newer, a late older one, newest.
            for (ContactUpdated e :
                    List.of(
                            rename(c, "Newer", "NN", t0.plusSeconds(2)),
                            rename(c, "Older", "OO", t0.plusSeconds(1)),
                            rename(c, "Newest", "ZZ", t0.plusSeconds(3)))) {
                producer.send(
                                new ProducerRecord<>(
                                        "test.chat.contact-events",
                                        c.contactId.toString(),
                                        IngestTopic.json(e)))
                        .get();
            }
        }
        List<CaseEventsTopic.Event> events =
                CaseEventsTopic.awaitEvents(
                        Set.of(c.id.toString()),
                        ev ->
                                ev.stream()
                                        .anyMatch(
                                                e ->
                                                        "ZZ"
                                                                .equals(
                                                                        e.payload()
                                                                                .at(
                                                                                        "/case/contact/initials")
                                                                                .asText())),
                        Duration.ofSeconds(30));
        List<String> applied =
                events.stream()
                        .filter(e -> EventType.CASE_UPDATED.equals(e.type()))
                        .map(e -> e.payload().at("/case/contact/firstName").asText())
                        .toList();
        assertEquals(List.of("Newer", "Newest"), applied, "the late, older rename is ignored");
    }

    private static ContactUpdated rename(
            ChatCase c, String firstName, String initials, Instant at) {
        return new ContactUpdated(
                c.contactId,
                firstName,
                "Contact",
                initials,
                c.contactEmail,
                List.of(c.contactEmail),
                false,
                at);
    }
}
