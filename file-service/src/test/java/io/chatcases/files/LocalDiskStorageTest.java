package io.chatcases.files;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;

/** The stored-file behaviour on the local disk backend (the default). */
@QuarkusTest
class LocalDiskStorageTest extends StoredFileBehaviour {

    @Override
    protected List<String> storedKeys(UUID caseId) throws IOException {
        Path root = Path.of(ConfigProvider.getConfig().getValue("files.local.root", String.class));
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(key -> key.startsWith(caseId + "/"))
                    .sorted()
                    .toList();
        }
    }
}
