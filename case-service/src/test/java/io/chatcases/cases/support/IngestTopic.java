package io.chatcases.cases.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chatcases.events.IngestCommand;
import io.chatcases.events.MessageView;
import io.chatcases.events.SenderType;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produces sends to case-service's (test) ingest topic the way a gateway does. */
public final class IngestTopic implements AutoCloseable {
    public static final String TOPIC = "test.chat.ingest";
    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(
                            com.fasterxml.jackson.databind.SerializationFeature
                                    .WRITE_DATES_AS_TIMESTAMPS);

    private final KafkaProducer<String, String> producer;

    public IngestTopic() {
        this(0);
    }

    /** {@code lingerMs} > 0 lets {@link #sendBatch} reach the broker as one produce request. */
    public IngestTopic(int lingerMs) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        producer = new KafkaProducer<>(p);
    }

    public static IngestCommand customerText(UUID caseId, String clientMsgId, String text) {
        return new IngestCommand(
                caseId,
                clientMsgId,
                new MessageView.Sender(SenderType.CUSTOMER, null, null),
                text,
                null,
                "conn-test",
                Instant.now());
    }

    public static IngestCommand userText(
            UUID caseId, String agentId, String clientMsgId, String text) {
        return new IngestCommand(
                caseId,
                clientMsgId,
                new MessageView.Sender(SenderType.USER, agentId, "Agent " + agentId),
                text,
                null,
                "conn-agent",
                Instant.now());
    }

    /** The JSON a producer of the platform would write for {@code value}. */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends and waits for the broker's ack. */
    public void send(IngestCommand cmd) {
        try {
            producer.send(
                            new ProducerRecord<>(
                                    TOPIC, cmd.caseId().toString(), JSON.writeValueAsString(cmd)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends raw values under one key without waiting between them, then waits for the broker: with
     * a linger, one produce request, so a consumer's fetch returns them together (batch tests).
     */
    public void sendBatch(String key, List<String> values) {
        // The metadata first, so the first lookup does not split the batch.
        producer.partitionsFor(TOPIC);
        for (String value : values) {
            producer.send(new ProducerRecord<>(TOPIC, key, value));
        }
        producer.flush();
    }

    /** Sends a raw value (malformed-record tests). */
    public void sendRaw(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
