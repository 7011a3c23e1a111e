package io.chatcases.cases.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

/**
 * A canned answer with placeholders, inserted in the console by its shortcut. The limits below are
 * the columns' (V1) and are repeated in {@code quick-reply-cases.json} for the console's form.
 */
@Entity
@Table(name = "quick_reply")
public class QuickReply extends PanacheEntityBase {
    public static final int MAX_SHORTCUT = 40;
    public static final int MAX_TITLE = 120;
    public static final int MAX_BODY = 4000;

    /** A stored shortcut; input is matched case-insensitively and stored lower-case. */
    public static final String SHORTCUT_PATTERN = "[a-z0-9][a-z0-9_-]*";

    /** The unique index that makes shortcuts unique (PostgreSQL's name for V1's inline UNIQUE). */
    public static final String SHORTCUT_CONSTRAINT = "quick_reply_shortcut_key";

    @Id public UUID id;

    @Column(nullable = false, unique = true, length = MAX_SHORTCUT)
    public String shortcut;

    @Column(nullable = false, length = MAX_TITLE)
    public String title;

    @Column(nullable = false, length = MAX_BODY)
    public String body;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The stored form of a shortcut as typed: lower-case, so "Greet" and "greet" collide. */
    public static String normalizeShortcut(String shortcut) {
        return shortcut == null ? null : shortcut.toLowerCase(Locale.ROOT);
    }
}
