package io.chatcases.contacts.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A person the organisation talks to; matched to chats by email address. Its addresses live in
 * {@link ContactEmail} rows, loaded by query rather than mapped as a collection: the writes that
 * keep them unique are explicit SQL (see ContactWrites), and reads load them for a whole page at
 * once instead of one query per Contact.
 */
@Entity
@Table(name = "contact")
public class Contact extends PanacheEntityBase {
    @Id public UUID id;

    @Column(name = "first_name")
    public String firstName;

    @Column(name = "last_name")
    public String lastName;

    public String phone;

    @Column(name = "external_id")
    public String externalId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
