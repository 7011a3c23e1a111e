package io.chatcases.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * case-service's half of the chat path alone: sends written straight to {@code chat.ingest} (as a
 * gateway writes them, same producer settings) for Cases nobody has a socket on, at a constant
 * rate, and their {@code message.posted} events read back from {@code chat.case-events}. What it
 * costs (case-service, PostgreSQL, Kafka) per message, and the time from the intended send to the
 * published event, with no fan-out and no harness sockets on the same cores.
 */
final class Ingest {
    private Ingest() {}

    /** One step: the rate, how many of its sends were published, latency, and the CPU used. */
    record Step(
            double rate,
            int sent,
            int published,
            Figures.Summary latency,
            List<Processes.Usage> usage,
            double windowSeconds) {
        /** The cores a process group used during the step. */
        double cores(String name) {
            return Processes.Usage.coresOf(usage, name);
        }

        double ingestCores() {
            return cores("case-service") + cores("postgresql");
        }

        /** ms of case-service and PostgreSQL CPU per published message. */
        double ingestMsPerMessage() {
            return published == 0 ? 0 : ingestCores() * windowSeconds * 1000 / published;
        }
    }

    static Step run(
            String bootstrap,
            List<UUID> cases,
            double rate,
            double seconds,
            Processes processes,
            String tag) {
        int capacity = (int) (rate * seconds) + 16;
        long[] intended = new long[capacity];
        Figures figures = new Figures();
        AtomicInteger published = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        boolean[] seen = new boolean[capacity];
        String prefix = tag + "-";
        try (KafkaProducer<String, String> producer = KafkaClients.producer(bootstrap);
                KafkaClients.Tail tail =
                        new KafkaClients.Tail(
                                bootstrap,
                                "chat.case-events",
                                r -> {
                                    int n = number(r.value(), prefix);
                                    if (n >= 0 && n < capacity && !seen[n]) {
                                        seen[n] = true;
                                        figures.record(System.nanoTime() - intended[n]);
                                        published.incrementAndGet();
                                    }
                                })) {
            Processes.Reading before = processes.read();
            long t0 = System.nanoTime();
            OpenLoop.run(
                    rate,
                    seconds,
                    (i, due) -> {
                        int n = sent.getAndIncrement();
                        if (n >= capacity) {
                            return;
                        }
                        intended[n] = due;
                        UUID caseId = cases.get(ThreadLocalRandom.current().nextInt(cases.size()));
                        producer.send(
                                new ProducerRecord<>(
                                        "chat.ingest",
                                        caseId.toString(),
                                        send(caseId, prefix + n)));
                    });
            producer.flush();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (published.get() < Math.min(sent.get(), capacity)
                    && System.nanoTime() < deadline) {
                Net.sleep(20);
            }
            List<Processes.Usage> usage = Processes.between(before, processes.read());
            double window = (System.nanoTime() - t0) / 1e9;
            return new Step(
                    rate,
                    Math.min(sent.get(), capacity),
                    published.get(),
                    figures.summary(),
                    usage,
                    window);
        }
    }

    /** An IngestCommand as the gateway writes it: a customer's text. */
    private static String send(UUID caseId, String clientMsgId) {
        return "{\"caseId\":\""
                + caseId
                + "\",\"clientMsgId\":\""
                + clientMsgId
                + "\",\"sender\":{\"type\":\"CUSTOMER\"},\"text\":\"bench ingest\","
                + "\"connectionId\":\"bench-ingest\",\"receivedAt\":\""
                + Instant.now()
                + "\"}";
    }

    /** The number of one of this step's sends in a message.posted event, or -1. */
    private static int number(String value, String prefix) {
        if (value == null || !value.contains(prefix)) {
            return -1;
        }
        JsonNode id = Crowd.parse(value).path("message").path("clientMsgId");
        String s = id.asText("");
        if (!s.startsWith(prefix)) {
            return -1;
        }
        try {
            return Integer.parseInt(s.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
