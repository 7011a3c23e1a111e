package io.chatcases.files.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chatcases.files.domain.ByteRange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileStorageTest {
    @TempDir Path root;
    @TempDir Path incoming;

    @Test
    void storedBytesReadBackWholeOrAsARange() throws IOException {
        byte[] bytes = new byte[10_000];
        Arrays.fill(bytes, 0, 5000, (byte) 1);
        Arrays.fill(bytes, 5000, 10_000, (byte) 2);
        bytes[4999] = 7;
        Path source = Files.write(incoming.resolve("upload"), bytes);
        LocalFileStorage storage = new LocalFileStorage(root);
        storage.put("case/file", source, bytes.length, "image/png");

        try (InputStream in = storage.open("case/file", null)) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
        try (InputStream in = storage.open("case/file", new ByteRange(4990, 20))) {
            assertArrayEquals(Arrays.copyOfRange(bytes, 4990, 5010), in.readAllBytes());
        }
        try (var files = Files.list(root.resolve("case"))) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".part")));
        }
    }

    @Test
    void keyLeavingTheRootIsRefused() {
        LocalFileStorage storage = new LocalFileStorage(root);
        assertThrows(IllegalArgumentException.class, () -> storage.open("../outside", null));
        assertThrows(IllegalArgumentException.class, () -> storage.delete("a/../../x"));
    }

    @Test
    void deletedOrMissingKeyCannotBeOpened() throws IOException {
        LocalFileStorage storage = new LocalFileStorage(root);
        Path source = Files.write(incoming.resolve("upload"), new byte[] {1, 2, 3});
        storage.put("c/f", source, 3, "text/plain");
        storage.delete("c/f");
        storage.delete("c/f");
        assertThrows(NoSuchFileException.class, () -> storage.open("c/f", null));
    }
}
