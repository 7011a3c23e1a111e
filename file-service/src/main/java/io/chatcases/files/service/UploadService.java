package io.chatcases.files.service;

import io.chatcases.events.ErrorCode;
import io.chatcases.files.config.FilesConfig;
import io.chatcases.files.domain.CaseQuota;
import io.chatcases.files.domain.FileNames;
import io.chatcases.files.domain.FileSizes;
import io.chatcases.files.domain.StoredFile;
import io.chatcases.files.storage.FileStorage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Accepts one uploaded file for a Case: size, access, type from the bytes, then the bytes to
 * storage and the metadata row. Nothing is kept of a refused upload; if the row cannot be written
 * the bytes are deleted again.
 */
@ApplicationScoped
public class UploadService {
    private static final Logger LOG = Logger.getLogger(UploadService.class);
    private static final String LOCK_CASE =
            "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))) AS locked";
    private static final String USAGE =
            "select count(f), coalesce(sum(f.size), 0) from StoredFile f where f.caseId = :caseId";

    @Inject FilesConfig config;
    @Inject FileAccess access;
    @Inject TypePolicy types;
    @Inject FileStorage storage;

    /** What the client sent: Quarkus has already spooled the part to a temporary file. */
    public record Upload(Path file, long size, String fileName) {}

    /** The file an upload stored, or the one an earlier upload with its Idempotency-Key stored. */
    public record Stored(StoredFile file, boolean created) {}

    /** Stored bytes before their row exists. */
    record Blob(UUID id, String key, String type, String sha256, long size, String name) {}

    /**
     * Like {@link #upload(Caller, UUID, Upload)}, for a service's own file with an Idempotency-Key
     * (1 to 200 visible ASCII characters; only the system, a service without X-Chat-Case, sends
     * one). The first upload of a key stores the file, attached at once (no message takes up a
     * service's file, so the unattached sweep must not delete it); a repeat, also a concurrent one
     * (the unique index decides; the loser's bytes are deleted), answers that first file.
     */
    public Uni<Stored> upload(Caller caller, UUID caseId, Upload upload, String idempotencyKey) {
        if (idempotencyKey == null) {
            return upload(caller, caseId, upload).map(f -> new Stored(f, true));
        }
        if (caller.kind() != Caller.Kind.SYSTEM) {
            return Uni.createFrom()
                    .failure(ApiException.badRequest("Idempotency-Key is for service uploads"));
        }
        if (!validKey(idempotencyKey)) {
            return Uni.createFrom()
                    .failure(
                            ApiException.badRequest(
                                    "Idempotency-Key is 1 to 200 visible ASCII characters"));
        }
        return keyed(caseId, idempotencyKey)
                .chain(
                        earlier ->
                                earlier != null
                                        ? Uni.createFrom().item(new Stored(earlier, false))
                                        : store(caller, caseId, upload, idempotencyKey)
                                                .map(f -> new Stored(f, true))
                                                .onFailure()
                                                .recoverWithUni(
                                                        e ->
                                                                keyed(caseId, idempotencyKey)
                                                                        .onItem()
                                                                        .ifNull()
                                                                        .failWith(e)
                                                                        .map(
                                                                                f ->
                                                                                        new Stored(
                                                                                                f,
                                                                                                false))));
    }

    static boolean validKey(String key) {
        return !key.isEmpty()
                && key.length() <= 200
                && key.chars().allMatch(c -> c > 32 && c < 127);
    }

    private static Uni<StoredFile> keyed(UUID caseId, String key) {
        return Panache.withSession(
                () ->
                        StoredFile.<StoredFile>find(
                                        "caseId = ?1 and idempotencyKey = ?2", caseId, key)
                                .firstResult());
    }

    public Uni<StoredFile> upload(Caller caller, UUID caseId, Upload upload) {
        return store(caller, caseId, upload, null);
    }

    private Uni<StoredFile> store(Caller caller, UUID caseId, Upload upload, String key) {
        long max = config.maxSize().asLongValue();
        if (upload.size() > max) {
            return Uni.createFrom()
                    .failure(
                            ApiException.tooLarge(
                                    "This file is "
                                            + FileSizes.inWords(upload.size())
                                            + "; files can be up to "
                                            + FileSizes.inWords(max)
                                            + "."));
        }
        return access.authorise(caller, caseId)
                // Detection, hashing and the storage write block: a worker thread does them and
                // the chain comes back to the request's Vert.x context for Hibernate Reactive.
                .chain(() -> VertxContextSupport.executeBlocking(() -> store(caseId, upload)))
                .chain(blob -> persist(caller, caseId, blob, key));
    }

    private Blob store(UUID caseId, Upload upload) throws IOException {
        String type = types.allowedTypeOf(upload.file(), upload.fileName());
        UUID id = UUID.randomUUID();
        String key = caseId + "/" + id;
        String sha256 = sha256(upload.file());
        storage.put(key, upload.file(), upload.size(), type);
        return new Blob(
                id, key, type, sha256, upload.size(), FileNames.sanitise(upload.fileName()));
    }

    private Uni<StoredFile> persist(Caller caller, UUID caseId, Blob blob, String key) {
        StoredFile file = new StoredFile();
        file.id = blob.id();
        file.caseId = caseId;
        file.name = blob.name();
        file.contentType = blob.type();
        file.size = blob.size();
        file.sha256 = blob.sha256();
        file.storageKey = blob.key();
        file.uploaderType = caller.kind().name();
        file.uploaderId = caller.id();
        file.uploaderName = caller.name();
        file.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        file.idempotencyKey = key;
        file.attachedAt = key == null ? null : file.createdAt;
        // Concurrent uploads to one Case queue on a transaction-scoped advisory lock, so the quota
        // check and the insert are one step for each of them (no read-then-write race).
        return Panache.withTransaction(
                        () ->
                                Panache.getSession()
                                        .chain(session -> usageUnderLock(session, caseId))
                                        .chain(usage -> persistWithin(usage, file)))
                .onFailure()
                .call(failure -> VertxContextSupport.executeBlocking(() -> discard(blob.key())));
    }

    /** Files and bytes the Case holds, read under the Case's lock (held to the commit). */
    private static Uni<Object[]> usageUnderLock(Mutiny.Session session, UUID caseId) {
        return session.createNativeQuery(LOCK_CASE, Integer.class)
                .setParameter("key", "case-files:" + caseId)
                .getSingleResult()
                .chain(
                        () ->
                                session.createSelectionQuery(USAGE, Object[].class)
                                        .setParameter("caseId", caseId)
                                        .getSingleResult());
    }

    private Uni<StoredFile> persistWithin(Object[] usage, StoredFile file) {
        CaseQuota quota =
                new CaseQuota(config.maxFilesPerCase(), config.maxBytesPerCase().asLongValue());
        Optional<String> refusal =
                quota.refusal(
                        ((Number) usage[0]).longValue(),
                        ((Number) usage[1]).longValue(),
                        file.size);
        if (refusal.isPresent()) {
            return Uni.createFrom()
                    .failure(new ApiException(409, ErrorCode.QUOTA_EXCEEDED, refusal.get()));
        }
        return file.persist();
    }

    private Void discard(String key) {
        try {
            storage.delete(key);
        } catch (IOException e) {
            LOG.errorf(e, "Could not delete the bytes of an unrecorded upload: %s", key);
        }
        return null;
    }

    /** SHA-256 of a file in one streaming pass (never the whole file in memory). */
    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
