package io.chatcases.loadtest;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The Kafka clients of the baselines and the ingest scenario. */
final class KafkaClients {
    private KafkaClients() {}

    /** A producer with the application's settings: acks=all, idempotent, linger 0. */
    static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("linger.ms", "0");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /**
     * Hands every record written to {@code topic} from now on to {@code each}, on its own thread.
     */
    static final class Tail implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread reader;

        Tail(String bootstrap, String topic, Consumer<ConsumerRecord<String, String>> each) {
            Properties c = new Properties();
            c.put("bootstrap.servers", bootstrap);
            c.put("group.id", "bench-" + UUID.randomUUID());
            c.put("enable.auto.commit", "false");
            consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> parts = partitions(topic);
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position);
            reader =
                    new Thread(
                            () -> {
                                while (!stop.get()) {
                                    consumer.poll(Duration.ofMillis(50)).forEach(each);
                                }
                            },
                            "bench-tail-" + topic);
            reader.start();
        }

        /** The topic's partitions; a topic created a moment ago may take a moment to be known. */
        private List<TopicPartition> partitions(String topic) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (true) {
                List<TopicPartition> parts =
                        consumer.partitionsFor(topic).stream()
                                .map(i -> new TopicPartition(i.topic(), i.partition()))
                                .toList();
                if (!parts.isEmpty() || System.nanoTime() > deadline) {
                    return parts;
                }
                Net.sleep(100);
            }
        }

        @Override
        public void close() {
            stop.set(true);
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            consumer.close();
        }
    }
}
