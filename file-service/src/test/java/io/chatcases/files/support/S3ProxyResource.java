package io.chatcases.files.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server for the S3 backend's tests: s3proxy (from Maven Central, copied to
 * {@code target/s3proxy} by the build) on a free port with a filesystem blob store, checking AWS
 * v2/v4 signatures. It runs as a child JVM, not on the test classpath: its jar bundles logback,
 * Jetty and jclouds, which would clash with Quarkus' own logging and libraries.
 */
public class S3ProxyResource implements QuarkusTestResourceLifecycleManager {
    public static final String BUCKET = "chat-files-test";
    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";

    private Process process;
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            Path jar =
                    Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar"))
                            .toAbsolutePath();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(
                        "s3proxy jar missing at " + jar + ": run the tests through Maven");
            }
            dir = Files.createTempDirectory("s3proxy-");
            Path blobs = dir.resolve("blobs");
            // With the filesystem provider a bucket is a folder: create it up front.
            Files.createDirectories(blobs.resolve(BUCKET));
            int port = freePort();
            String endpoint = "http://127.0.0.1:" + port;
            Path properties = dir.resolve("s3proxy.properties");
            Files.writeString(
                    properties,
                    String.join(
                            "\n",
                            "s3proxy.endpoint=" + endpoint,
                            "s3proxy.authorization=aws-v2-or-v4",
                            "s3proxy.identity=" + ACCESS_KEY,
                            "s3proxy.credential=" + SECRET_KEY,
                            "jclouds.provider=filesystem",
                            "jclouds.identity=unused",
                            "jclouds.credential=unused",
                            "jclouds.filesystem.basedir=" + blobs,
                            ""),
                    StandardCharsets.UTF_8);
            Path log = dir.resolve("s3proxy.log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process =
                    new ProcessBuilder(
                                    List.of(
                                            java,
                                            "-Xmx256m",
                                            "-XX:TieredStopAtLevel=1",
                                            "-jar",
                                            jar.toString(),
                                            "--properties",
                                            properties.toString()))
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
            awaitPort(port, log);
            return Map.of(
                    "files.storage", "s3",
                    "files.s3.endpoint", endpoint,
                    "files.s3.bucket", BUCKET,
                    "files.s3.region", "us-east-1",
                    "files.s3.access-key-id", ACCESS_KEY,
                    "files.s3.secret-access-key", SECRET_KEY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        TempDirectories.deleteTree(dir);
    }

    private void awaitPort(int port, Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "s3proxy exited: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        stop();
        throw new IllegalStateException("s3proxy did not open port " + port + " within 60 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
