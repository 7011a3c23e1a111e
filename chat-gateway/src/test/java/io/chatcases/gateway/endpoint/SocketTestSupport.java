package io.chatcases.gateway.endpoint;

import static io.restassured.RestAssured.given;

import io.chatcases.events.CaseEvent;
import io.chatcases.events.CloudEventHeaders;
import io.chatcases.events.EventType;
import io.chatcases.events.Topics;
import io.chatcases.gateway.protocol.Frames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/** What the socket tests share: case events published as case-service publishes them. */
final class SocketTestSupport {
    private static final KafkaProducer<String, String> PRODUCER =
            new KafkaProducer<>(
                    Map.of("bootstrap.servers", "127.0.0.1:9092", "acks", "all"),
                    new StringSerializer(),
                    new StringSerializer());

    private SocketTestSupport() {}

    /** Readiness is UP once the fan-out consumers are positioned: events published now arrive. */
    static void awaitReady() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    /** Publishes {@code event} on chat.case-events with its CloudEvents headers. */
    static void publish(EventType type, CaseEvent event) throws Exception {
        UUID caseId =
                event.caseView() != null ? event.caseView().caseId() : event.message().caseId();
        ProducerRecord<String, String> record =
                new ProducerRecord<>(
                        Topics.CASE_EVENTS,
                        caseId.toString(),
                        Frames.JSON.writeValueAsString(event));
        record.headers()
                .add(CloudEventHeaders.TYPE, type.wire().getBytes(StandardCharsets.UTF_8))
                .add(
                        CloudEventHeaders.ID,
                        UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
                .add(
                        CloudEventHeaders.TIME,
                        Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        PRODUCER.send(record).get();
    }
}
