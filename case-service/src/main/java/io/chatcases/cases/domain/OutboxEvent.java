package io.chatcases.cases.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An event written in the same transaction as the change it announces; the relay publishes it to
 * chat.case-events and stamps published_at. Its id is the CloudEvents ce_id.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {
    @Id public UUID id;

    @Column(insertable = false, updatable = false)
    public long position;

    @Column(name = "aggregate_id")
    public UUID aggregateId;

    public String type;

    @Column(columnDefinition = "text")
    public String payload;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "published_at")
    public Instant publishedAt;
}
