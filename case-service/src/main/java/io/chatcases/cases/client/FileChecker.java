package io.chatcases.cases.client;

import io.chatcases.cases.messaging.IngestConfig;
import io.chatcases.cases.messaging.IngestFailures;
import io.chatcases.cases.service.MessageService.FileInfo;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Confirms that a FILE message's file belongs to its Case. A 404 or 403 means "not this Case's
 * file" (null: the send is refused). Any other failure is retried within the peer budget; after it
 * the check fails with {@link IngestFailures.PeerUnavailable}, so a file-service outage refuses
 * file sends (UNAVAILABLE, the client sends again) instead of holding the partition.
 */
@ApplicationScoped
public class FileChecker {
    @RestClient FileApi api;
    @Inject IngestConfig config;

    public Uni<FileInfo> check(UUID caseId, UUID fileId) {
        if (fileId == null) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom()
                .deferred(() -> api.get(caseId, fileId))
                .ifNoItem()
                .after(Duration.ofSeconds(3))
                .fail()
                .map(f -> new FileInfo(f.fileId(), f.name(), f.size(), f.contentType()))
                .onFailure(FileChecker::notThisCasesFile)
                .recoverWithNull()
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2))
                .expireIn(config.peerBudget().toMillis())
                .onFailure()
                .transform(e -> new IngestFailures.PeerUnavailable("file-service", e));
    }

    private static boolean notThisCasesFile(Throwable e) {
        return e instanceof WebApplicationException w
                && (w.getResponse().getStatus() == 404 || w.getResponse().getStatus() == 403);
    }
}
