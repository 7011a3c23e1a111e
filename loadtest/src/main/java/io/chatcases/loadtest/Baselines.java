package io.chatcases.loadtest;

import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The floors the chat path is compared with, measured in the same run at the same rate: a raw Kafka
 * produce -> consume round trip with the application's producer settings (acks=all, idempotent,
 * linger.ms=0) on a 6-partition topic, and a bare WebSocket echo (Vert.x, in this JVM) over
 * loopback.
 */
final class Baselines {
    private Baselines() {}

    static Figures.Summary kafka(String bootstrap, double rate, double seconds) {
        String topic = "bench.roundtrip." + UUID.randomUUID().toString().substring(0, 8);
        Properties admin = new Properties();
        admin.put("bootstrap.servers", bootstrap);
        try (Admin a = Admin.create(admin)) {
            a.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
            Properties p = new Properties();
            p.put("bootstrap.servers", bootstrap);
            p.put("acks", "all");
            p.put("enable.idempotence", "true");
            p.put("linger.ms", "0");
            Properties c = new Properties();
            c.put("bootstrap.servers", bootstrap);
            c.put("group.id", topic);
            c.put("enable.auto.commit", "false");
            Figures figures = new Figures();
            AtomicBoolean stop = new AtomicBoolean();
            try (KafkaProducer<String, String> producer =
                            new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
                    KafkaConsumer<String, String> consumer =
                            new KafkaConsumer<>(
                                    c, new StringDeserializer(), new StringDeserializer())) {
                List<TopicPartition> parts =
                        java.util.stream.IntStream.range(0, 6)
                                .mapToObj(i -> new TopicPartition(topic, i))
                                .toList();
                consumer.assign(parts);
                consumer.seekToEnd(parts);
                parts.forEach(consumer::position);
                Thread reader =
                        new Thread(
                                () -> {
                                    while (!stop.get()) {
                                        for (ConsumerRecord<String, String> r :
                                                consumer.poll(Duration.ofMillis(50))) {
                                            figures.record(
                                                    System.nanoTime() - Long.parseLong(r.value()));
                                        }
                                    }
                                },
                                "bench-kafka-reader");
                reader.start();
                OpenLoop.run(
                        rate,
                        seconds,
                        (i, due) ->
                                producer.send(
                                        new ProducerRecord<>(
                                                topic, "k" + (i % 500), Long.toString(due))));
                producer.flush();
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (figures.count() < Math.round(rate * seconds)
                        && System.nanoTime() < deadline) {
                    Net.sleep(20);
                }
                stop.set(true);
                reader.join();
            } finally {
                a.deleteTopics(List.of(topic));
            }
            return figures.summary();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    static Figures.Summary echo(double rate, double seconds) {
        HttpServer server =
                Net.await(
                        Net.VERTX
                                .createHttpServer()
                                .webSocketHandler(ws -> ws.textMessageHandler(ws::writeTextMessage))
                                .listen(0, "127.0.0.1"),
                        10);
        try {
            Figures figures = new Figures();
            WebSocket ws =
                    Net.await(
                            Net.VERTX
                                    .createWebSocketClient()
                                    .connect(server.actualPort(), "127.0.0.1", "/echo"),
                            10);
            ws.textMessageHandler(t -> figures.record(System.nanoTime() - Long.parseLong(t)));
            OpenLoop.run(rate, seconds, (i, due) -> ws.writeTextMessage(Long.toString(due)));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (figures.count() < Math.round(rate * seconds) && System.nanoTime() < deadline) {
                Net.sleep(20);
            }
            ws.close();
            return figures.summary();
        } finally {
            server.close();
        }
    }
}
