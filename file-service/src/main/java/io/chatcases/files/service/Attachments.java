package io.chatcases.files.service;

import io.chatcases.files.config.FilesConfig;
import io.chatcases.files.storage.FileStorage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Uploads that no message ever took up are deleted after {@code files.unattached-grace}.
 *
 * <p>A file is attached when a service acting as itself (case-service, as it ingests a FILE
 * message) reads its metadata: one idempotent {@code UPDATE ... SET attached_at = coalesce(...)}.
 * The sweep is one {@code DELETE ... WHERE attached_at IS NULL AND created_at < ...}. Both are
 * single statements on the same row, so PostgreSQL orders them: either the mark comes first and the
 * delete's re-checked condition skips the row, or the delete comes first and the mark finds
 * nothing, the metadata check answers 404 and case-service refuses the message. No message can
 * point at a deleted file. (A mark for a message that case-service then refuses for another reason
 * only keeps the file: the safe direction.)
 */
@ApplicationScoped
public class Attachments {
    private static final Logger LOG = Logger.getLogger(Attachments.class);
    private static final String SWEEP =
            "DELETE FROM stored_file WHERE attached_at IS NULL AND created_at < $1"
                    + " RETURNING storage_key";

    @Inject FilesConfig config;
    @Inject FileStorage storage;
    @Inject Pool pool;

    /** Marks the file attached when the caller is a service acting as itself; else nothing. */
    public Uni<Void> markIfSystem(Caller caller, UUID caseId, UUID fileId) {
        if (caller.kind() != Caller.Kind.SYSTEM) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(
                        () ->
                                io.chatcases.files.domain.StoredFile.update(
                                        "attachedAt = coalesce(attachedAt, ?1)"
                                                + " where id = ?2 and caseId = ?3",
                                        OffsetDateTime.now(ZoneOffset.UTC),
                                        fileId,
                                        caseId))
                .replaceWithVoid();
    }

    @Scheduled(
            every = "${files.unattached-sweep-every:10m}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledSweep() {
        return sweep().onFailure()
                .invoke(f -> LOG.warnf("unattached-file sweep failed: %s", f.getMessage()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** Deletes the rows, then the bytes, of files never attached and older than the grace. */
    public Uni<Integer> sweep() {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minus(config.unattachedGrace());
        return pool.preparedQuery(SWEEP)
                .execute(Tuple.of(before))
                .chain(
                        rows -> {
                            List<String> keys = new ArrayList<>();
                            for (Row r : rows) {
                                keys.add(r.getString("storage_key"));
                            }
                            if (keys.isEmpty()) {
                                return Uni.createFrom().item(0);
                            }
                            LOG.infof("deleting %d files never attached to a message", keys.size());
                            return VertxContextSupport.executeBlocking(() -> deleteBytes(keys));
                        });
    }

    private Integer deleteBytes(List<String> keys) {
        for (String key : keys) {
            try {
                storage.delete(key);
            } catch (IOException e) {
                // The row is gone, so nothing serves these bytes any more; they are only space.
                LOG.errorf(e, "could not delete the bytes of unattached file %s", key);
            }
        }
        return keys.size();
    }
}
