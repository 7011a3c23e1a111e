package io.chatcases.loadtest;

import java.io.File;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's two gateway replicas, started from the built jar beside the local platform with
 * its secrets and the platform's JVM size, and with the per-client limits raised: every simulated
 * person comes from 127.0.0.1, so the per-address caps and the chat-start window would otherwise
 * measure the limiter, not the chat path.
 */
final class Replicas implements AutoCloseable {
    static final List<String> BENCH_SETTINGS =
            List.of(
                    "-Dgateway.chat-starts-per-minute=1000000",
                    "-Dgateway.limits.sockets-per-address=1000000",
                    "-Dgateway.limits.sockets-per-customer=20",
                    "-Dgateway.rate.per-second=50",
                    "-Dgateway.rate.burst=100");

    private final Path root;
    private final Path stateDir;
    final Map<Integer, Process> processes = new HashMap<>();

    Replicas(Path root, Path stateDir) {
        this.root = root;
        this.stateDir = stateDir;
    }

    Process start(int port) {
        try (Socket taken = new Socket("127.0.0.1", port)) {
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
        cmd.addAll(BENCH_SETTINGS);
        cmd.add("-jar");
        cmd.add(root.resolve("chat-gateway/target/quarkus-app/quarkus-run.jar").toString());
        try {
            File log = root.resolve("loadtest/target/gateway-" + port + ".log").toFile();
            log.getParentFile().mkdirs();
            ProcessBuilder b =
                    new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log);
            b.environment().putAll(secrets());
            Process p = b.start();
            processes.put(port, p);
            HttpClient http = HttpClient.newHttpClient();
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
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        return p;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Net.sleep(300);
            }
            throw new IllegalStateException("gateway on " + port + " not ready; see " + log);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> secrets() throws IOException {
        Map<String, String> env = new HashMap<>();
        Path file = stateDir.resolve("local-secrets.env");
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: start the platform (up.sh)");
        }
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        for (Process p : processes.values()) {
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
