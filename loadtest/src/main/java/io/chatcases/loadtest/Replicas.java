package io.chatcases.loadtest;

import io.chatcases.testing.GatewayReplica;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        try {
            Process p =
                    GatewayReplica.start(
                            root,
                            port,
                            secrets(),
                            root.resolve("loadtest/target/gateway-" + port + ".log"),
                            BENCH_SETTINGS);
            processes.put(port, p);
            return p;
        } catch (IOException e) {
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
