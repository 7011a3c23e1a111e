package io.chatcases.cases.client;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

/**
 * Keeps a transcript as a file of its Case in file-service (the upload every client uses, as the
 * system). One attempt per call, bounded by a timeout: the caller ({@code TranscriptExports})
 * retries later from its table with back-off, so nothing waits here. The Idempotency-Key makes a
 * repeated upload (a retry after a lost answer, or two replicas) answer the first file.
 */
@ApplicationScoped
public class TranscriptStore {
    /** A slow file-service must not hold the export batch; the upload is small. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @RestClient FileUploadApi api;

    /**
     * file-service refused the upload for good (4xx other than 408 and 429): retrying cannot help.
     */
    public static final class Refused extends RuntimeException {
        public Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The stored file's id. */
    public Uni<UUID> store(UUID caseId, String name, String text, String idempotencyKey) {
        ClientMultipartForm form =
                ClientMultipartForm.create()
                        .attribute("caseId", caseId.toString(), null)
                        .binaryFileUpload(
                                "file",
                                name,
                                Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)).getDelegate(),
                                "text/plain; charset=utf-8");
        return Uni.createFrom()
                .deferred(() -> api.upload(form, idempotencyKey))
                .ifNoItem()
                .after(TIMEOUT)
                .fail()
                .map(FileApi.FileMeta::fileId)
                .onFailure(TranscriptStore::permanent)
                .transform(e -> new Refused("file-service refused the transcript: " + e, e));
    }

    static boolean permanent(Throwable e) {
        if (!(e instanceof WebApplicationException w)) {
            return false;
        }
        int status = w.getResponse().getStatus();
        return status >= 400 && status < 500 && status != 408 && status != 429;
    }
}
