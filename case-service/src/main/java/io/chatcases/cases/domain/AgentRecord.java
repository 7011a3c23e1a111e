package io.chatcases.cases.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An agent case-service has seen: id (the token's subject) and names. */
@Entity
@Table(name = "agent")
public class AgentRecord extends PanacheEntityBase {
    @Id public String id;

    @Column(name = "first_name")
    public String firstName;

    @Column(name = "last_name")
    public String lastName;

    @Column(name = "seen_at")
    public Instant seenAt;
}
