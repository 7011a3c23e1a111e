package io.chatcases.cases.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A canned answer with placeholders, inserted in the console by its shortcut. */
@Entity
@Table(name = "quick_reply")
public class QuickReply extends PanacheEntityBase {
    @Id public UUID id;

    @Column(nullable = false, unique = true)
    public String shortcut;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String body;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
