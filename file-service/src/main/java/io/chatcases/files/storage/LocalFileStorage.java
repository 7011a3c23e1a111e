package io.chatcases.files.storage;

import io.chatcases.files.domain.ByteRange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Files on one machine's disk under a root folder: the default, for a single replica. */
public class LocalFileStorage implements FileStorage {
    private final Path root;

    public LocalFileStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public void put(String key, Path source, long size, String contentType) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        // Write beside the target, then rename: a reader sees the whole file or none of it.
        Path partial = Files.createTempFile(target.getParent(), ".incoming-", ".part");
        try {
            Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public InputStream open(String key, ByteRange range) throws IOException {
        Path file = resolve(key);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(key);
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        if (range == null) {
            return Channels.newInputStream(channel);
        }
        channel.position(range.start());
        return new RangeInputStream(Channels.newInputStream(channel), range.length());
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    /** The file of a key; a key that would leave the root is refused outright. */
    Path resolve(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("Storage key outside the root: " + key);
        }
        return file;
    }
}
