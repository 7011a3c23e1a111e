package io.chatcases.files.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fresh folders for the local storage root and for Quarkus' spooled uploads, so tests can check
 * that nothing is left behind, and so no run sees another's files.
 */
public class TempDirectories implements QuarkusTestResourceLifecycleManager {
    private Path base;

    @Override
    public Map<String, String> start() {
        try {
            base = Files.createTempDirectory("file-service-test-");
            Path files = Files.createDirectories(base.resolve("files"));
            Path uploads = Files.createDirectories(base.resolve("uploads"));
            return Map.of(
                    "files.local.root", files.toString(),
                    "quarkus.http.body.uploads-directory", uploads.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        deleteTree(base);
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
