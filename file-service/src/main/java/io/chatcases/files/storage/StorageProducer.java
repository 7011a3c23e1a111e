package io.chatcases.files.storage;

import io.chatcases.files.config.FilesConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/** The one {@link FileStorage} of the service, chosen by {@code files.storage}. */
@ApplicationScoped
public class StorageProducer {
    private static final Logger LOG = Logger.getLogger(StorageProducer.class);

    @Produces
    @ApplicationScoped
    FileStorage storage(FilesConfig config) {
        return switch (config.storage()) {
            case LOCAL -> {
                LocalFileStorage local = new LocalFileStorage(Path.of(config.local().root()));
                LOG.infof("Files are stored on local disk under %s", local.root());
                yield local;
            }
            case S3 -> {
                LOG.infof(
                        "Files are stored in bucket %s at %s",
                        config.s3().bucket(),
                        config.s3().endpoint().map(Object::toString).orElse("AWS S3"));
                yield S3FileStorage.create(config.s3());
            }
        };
    }

    void close(@Disposes FileStorage storage) throws Exception {
        if (storage instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
