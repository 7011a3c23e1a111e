package io.chatcases.files.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Metadata of one file sent in a Case's chat. */
@Entity
@Table(name = "stored_file")
public class StoredFile extends PanacheEntityBase {
    @Id public UUID id;

    @Column(name = "case_id", nullable = false)
    public UUID caseId;

    /** The sanitised original name; never used as a storage path. */
    @Column(nullable = false)
    public String name;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(name = "size_bytes", nullable = false)
    public long size;

    @Column(nullable = false, columnDefinition = "bpchar")
    public String sha256;

    @Column(name = "storage_key", nullable = false, unique = true)
    public String storageKey;

    @Column(name = "uploader_type", nullable = false)
    public String uploaderType;

    @Column(name = "uploader_id", nullable = false)
    public String uploaderId;

    @Column(name = "uploader_name")
    public String uploaderName;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /**
     * When a message first took this file up (case-service's metadata check as it ingests a FILE
     * message); null while the upload was never sent, which the unattached-file sweep deletes.
     */
    @Column(name = "attached_at")
    public OffsetDateTime attachedAt;

    /**
     * The Idempotency-Key of a service's own upload (case-service's transcript on close): unique
     * per Case, so a repeated upload answers this file; null for uploads of people.
     */
    @Column(name = "idempotency_key")
    public String idempotencyKey;
}
