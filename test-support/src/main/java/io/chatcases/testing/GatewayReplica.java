package io.chatcases.testing;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Another chat-gateway replica beside the local platform, from the built jar: the platform's JVM
 * size, its management port at {@code port + 2000} (clear of 9080-9083 and Kafka's 9092/9093), the
 * given environment (the platform's secrets) and extra {@code -D} settings; returned once its
 * readiness answers 200. Used by the end-to-end suites and the benchmark harness.
 */
public final class GatewayReplica {
    private GatewayReplica() {}

    public static Process start(
            Path repoRoot, int port, Map<String, String> env, Path log, List<String> settings) {
        try (Socket taken = new Socket("127.0.0.1", port)) {
            // Another process answering here would pass for the new replica's readiness.
            throw new IllegalStateException("port " + port + " is already in use");
        } catch (IOException free) {
            // nothing listens: the port is ours
        }
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                "java",
                                "-Xmx256m",
                                "-Dquarkus.http.port=" + port,
                                "-Dquarkus.management.port=" + (port + 2000)));
        cmd.addAll(settings);
        cmd.add("-jar");
        cmd.add(repoRoot.resolve("chat-gateway/target/quarkus-app/quarkus-run.jar").toString());
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder =
                    new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process p = builder.start();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("gateway on " + port + " exited; see " + log);
                }
                try {
                    HttpResponse<Void> r =
                            http.send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://127.0.0.1:"
                                                                    + port
                                                                    + "/q/health/ready"))
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        return p;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(300);
            }
            p.destroyForcibly();
            throw new IllegalStateException(
                    "gateway on " + port + " not ready in 90 s; see " + log);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
