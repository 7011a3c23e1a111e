package io.chatcases.cases.domain;

import io.chatcases.events.CaseStatus;
import io.chatcases.events.Channel;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A chat Case. Claims and seq allocation go through conditional SQL in the service layer. */
@Entity
@Table(name = "chat_case")
public class ChatCase extends PanacheEntityBase {
    @Id public UUID id;

    @Column(insertable = false, updatable = false)
    public long number;

    @Enumerated(EnumType.STRING)
    public Channel channel;

    @Enumerated(EnumType.STRING)
    public CaseStatus status;

    @Column(name = "owner_id")
    public String ownerId;

    @Column(name = "owner_first_name")
    public String ownerFirstName;

    @Column(name = "owner_last_name")
    public String ownerLastName;

    @Column(name = "contact_id")
    public UUID contactId;

    @Column(name = "contact_email")
    public String contactEmail;

    @Column(name = "contact_first_name")
    public String contactFirstName;

    @Column(name = "contact_last_name")
    public String contactLastName;

    @Column(name = "contact_initials")
    public String contactInitials;

    /** Time of the contact.updated event the Contact view was last refreshed from. */
    @Column(name = "contact_updated_at")
    public Instant contactUpdatedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "claimed_at")
    public Instant claimedAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "last_seq")
    public long lastSeq;

    @Column(name = "last_customer_seq")
    public long lastCustomerSeq;

    /**
     * True only when the chat started with an identity token signed by the host site; a typed email
     * alone is a claim, shown to agents as "email not verified".
     */
    @Column(name = "email_verified")
    public boolean emailVerified;

    /** The customer's satisfaction rating (1..5, domain/RatingRules), null until given. */
    @Column(name = "rating_score")
    public Short ratingScore;

    @Column(name = "rating_comment")
    public String ratingComment;

    @Column(name = "rated_at")
    public Instant ratedAt;

    public String contactName() {
        String name =
                ((contactFirstName == null ? "" : contactFirstName)
                                + " "
                                + (contactLastName == null ? "" : contactLastName))
                        .trim();
        return name.isEmpty() ? contactEmail : name;
    }
}
