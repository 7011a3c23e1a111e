package io.chatcases.contacts.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * One normalised email address of a Contact. The address is the primary key, so an address belongs
 * to at most one Contact whatever the concurrency: that key is what matching relies on.
 */
@Entity
@Table(name = "contact_email")
public class ContactEmail extends PanacheEntityBase {
    @Id public String email;

    @Column(name = "contact_id", nullable = false)
    public UUID contactId;

    @Column(name = "is_primary", nullable = false)
    public boolean primary;
}
