package io.chatcases.files.service;

import io.chatcases.files.domain.ByteRange;
import io.chatcases.files.domain.StoredFile;
import io.chatcases.files.storage.FileStorage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Finds a file the caller may read and opens its bytes. Runs on a worker thread (the bytes are
 * streamed with blocking reads): the reactive steps are awaited here, never on the event loop.
 */
@ApplicationScoped
public class DownloadService {
    @Inject FileAccess access;
    @Inject FileStorage storage;

    /** The file's row, once the caller's access to its Case is confirmed. */
    public StoredFile authorisedFile(Caller caller, UUID fileId) {
        StoredFile file =
                await(() -> Panache.withSession(() -> StoredFile.<StoredFile>findById(fileId)));
        if (file == null) {
            throw ApiException.notFound("No file " + fileId);
        }
        await(() -> access.authorise(caller, file.caseId));
        return file;
    }

    /** The stored bytes, whole or one range; the caller closes the stream. */
    public InputStream open(StoredFile file, ByteRange range) throws IOException {
        return storage.open(file.storageKey, range);
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
