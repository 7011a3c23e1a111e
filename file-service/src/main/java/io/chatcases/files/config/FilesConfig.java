package io.chatcases.files.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Everything file-service lets an operator choose, under {@code files.*}. */
@ConfigMapping(prefix = "files")
public interface FilesConfig {

    /**
     * Largest file accepted (413 above it). Keep {@code quarkus.http.limits.max-body-size} a little
     * above it so that bigger uploads are cut off while still arriving.
     */
    @WithDefault("25M")
    MemorySize maxSize();

    /**
     * Content types (as detected from the bytes) that may be stored; anything else is 415. HTML,
     * SVG, XML, scripts and executables are absent on purpose.
     */
    @WithDefault(
            "image/png,image/jpeg,image/gif,image/webp,"
                    + "application/pdf,text/plain,"
                    + "audio/mpeg,audio/ogg,audio/vorbis,audio/opus,audio/vnd.wave,audio/mp4,"
                    + "video/mp4,video/webm,video/quicktime,"
                    + "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
                    + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,"
                    + "application/vnd.openxmlformats-officedocument.presentationml.presentation,"
                    + "application/vnd.oasis.opendocument.text,"
                    + "application/vnd.oasis.opendocument.spreadsheet,"
                    + "application/vnd.oasis.opendocument.presentation")
    Set<String> allowedTypes();

    /**
     * A file no message took up (never attached) is deleted once it is this old: uploads that were
     * never sent must not pile up. Attached files are kept.
     */
    @WithDefault("PT24H")
    java.time.Duration unattachedGrace();

    /** Per-Case quota: most files one Case may hold (409 {@code QUOTA_EXCEEDED} beyond). */
    @WithDefault("200")
    int maxFilesPerCase();

    /** Per-Case quota: most bytes all files of one Case may hold together. */
    @WithDefault("500M")
    MemorySize maxBytesPerCase();

    /** Where the bytes live: {@code local} disk (one machine) or {@code s3} (any replica count). */
    @WithDefault("local")
    StorageKind storage();

    /** Local disk backend. */
    Local local();

    /** S3-compatible backend. */
    S3 s3();

    /** The call to case-service that decides whether an agent may see a Case. */
    CaseService caseService();

    enum StorageKind {
        LOCAL,
        S3
    }

    interface Local {
        /** Root folder of the stored files; relative paths start at the working directory. */
        @WithDefault("deploy/local/.state/files")
        String root();
    }

    interface S3 {
        /** Endpoint of an S3-compatible store (MinIO, s3proxy, ...); AWS' own when empty. */
        Optional<URI> endpoint();

        /** Region used for signing; S3-compatible stores usually accept any. */
        @WithDefault("us-east-1")
        String region();

        /** Bucket that holds every file; it must exist. */
        @WithDefault("chat-files")
        String bucket();

        /**
         * Access key id. Leave unset to use the SDK's default chain (environment, web identity,
         * instance profile); set it by reference, e.g. {@code ${S3_ACCESS_KEY_ID}}.
         */
        Optional<String> accessKeyId();

        /** Secret key, only by reference (e.g. {@code ${S3_SECRET_ACCESS_KEY}}), never inline. */
        Optional<String> secretAccessKey();

        /** Path-style URLs ({@code endpoint/bucket/key}): what S3-compatible stores expect. */
        @WithDefault("true")
        boolean pathStyle();
    }

    interface CaseService {
        /** Longest wait for case-service's answer; then the request fails closed with 503. */
        @WithDefault("2s")
        Duration timeout();
    }
}
