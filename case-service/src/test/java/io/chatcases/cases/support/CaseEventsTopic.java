package io.chatcases.cases.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatcases.events.CloudEventHeaders;
import io.chatcases.events.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what case-service published to its (test) case-events topic, from the real broker. */
public final class CaseEventsTopic {
    public static final String TOPIC = "test.chat.case-events";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One published event. */
    public record Event(
            String key, String id, EventType type, JsonNode payload, int partition, long offset) {}

    private CaseEventsTopic() {}

    /** Every event whose key is one of {@code caseIds}, in topic order per partition. */
    public static List<Event> eventsFor(Set<String> caseIds) {
        return read(e -> caseIds.contains(e.key()));
    }

    /** Waits until {@code done} holds for the events of {@code caseIds}, or the timeout passes. */
    public static List<Event> awaitEvents(
            Set<String> caseIds, Predicate<List<Event>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Event> events = eventsFor(caseIds);
        while (!done.test(events) && System.nanoTime() < deadline) {
            sleep(250);
            events = eventsFor(caseIds);
        }
        return events;
    }

    private static List<Event> read(Predicate<Event> filter) {
        List<Event> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records(TOPIC)) {
            var type = EventType.fromWire(header(r, CloudEventHeaders.TYPE));
            if (type.isEmpty()) {
                // A type this build does not know: another branch's tests share the topic on
                // this broker; none of this test's Cases.
                continue;
            }
            Event e =
                    new Event(
                            r.key(),
                            header(r, CloudEventHeaders.ID),
                            type.get(),
                            parse(r.value()),
                            r.partition(),
                            r.offset());
            if (filter.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Every record of {@code topic} (the local broker), from the beginning to its end now. */
    public static List<ConsumerRecord<String, String>> records(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts =
                    consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                            .map(i -> new TopicPartition(topic, i.partition()))
                            .toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            var end = consumer.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
