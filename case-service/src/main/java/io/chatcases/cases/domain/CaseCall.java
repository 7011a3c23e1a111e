package io.chatcases.cases.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A call of a Support SDK Case as the gateways reported it (domain/CallLog decides the texts). */
@Entity
@Table(name = "case_call")
@IdClass(CaseCall.Key.class)
public class CaseCall extends PanacheEntityBase {

    /** Composite key: Case and the call's client-chosen id. */
    public record Key(UUID caseId, String callId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "case_id")
    public UUID caseId;

    @Id
    @Column(name = "call_id")
    public String callId;

    /** audio or video. */
    public String media;

    @Column(name = "offered_at")
    public Instant offeredAt;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "end_reason")
    public String endReason;
}
