package io.chatcases.cases.client;

import io.chatcases.cases.service.MessageService.FileInfo;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Confirms that a FILE message's file belongs to its Case. A 404 means "not this Case's file" (the
 * send is refused); any other failure is transient and fails the ingest, which Kafka redelivers.
 */
@ApplicationScoped
public class FileChecker {
    @RestClient FileApi api;

    public Uni<FileInfo> check(UUID caseId, UUID fileId) {
        if (fileId == null) {
            return Uni.createFrom().nullItem();
        }
        return api.get(caseId, fileId)
                .ifNoItem()
                .after(Duration.ofSeconds(3))
                .fail()
                .map(f -> new FileInfo(f.fileId(), f.name(), f.size(), f.contentType()))
                .onFailure(
                        e ->
                                e instanceof WebApplicationException w
                                        && (w.getResponse().getStatus() == 404
                                                || w.getResponse().getStatus() == 403))
                .recoverWithNull();
    }
}
