package io.chatcases.loadtest;

import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

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
            Figures figures = new Figures();
            try (KafkaProducer<String, String> producer = KafkaClients.producer(bootstrap);
                    KafkaClients.Tail tail =
                            new KafkaClients.Tail(
                                    bootstrap,
                                    topic,
                                    r ->
                                            figures.record(
                                                    System.nanoTime()
                                                            - Long.parseLong(r.value())))) {
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
