package io.chatcases.cases.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** How far an agent has read a Case; it only moves forward. */
@Entity
@Table(name = "read_mark")
@IdClass(ReadMark.Key.class)
public class ReadMark extends PanacheEntityBase {

    /** Composite key: agent and Case. */
    public record Key(String agentId, UUID caseId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "agent_id")
    public String agentId;

    @Id
    @Column(name = "case_id")
    public UUID caseId;

    public long seq;
}
