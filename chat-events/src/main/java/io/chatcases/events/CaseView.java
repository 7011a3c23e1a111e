package io.chatcases.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The one wire shape of a Case: REST responses, the sockets' first frames and every case event
 * carry it whole, so consumers keep no state to route or render an event. {@code emailVerified} is
 * false when the chat started with a typed email only (no identity token from the host site).
 * {@code rating} is the customer's satisfaction rating, null until they gave one.
 */
public record CaseView(
        UUID caseId,
        long number,
        Channel channel,
        CaseStatus status,
        Person owner,
        ContactView contact,
        Instant createdAt,
        long lastSeq,
        boolean emailVerified,
        Rating rating) {

    /** A Case not rated (yet). */
    public CaseView(
            UUID caseId,
            long number,
            Channel channel,
            CaseStatus status,
            Person owner,
            ContactView contact,
            Instant createdAt,
            long lastSeq,
            boolean emailVerified) {
        this(
                caseId,
                number,
                channel,
                status,
                owner,
                contact,
                createdAt,
                lastSeq,
                emailVerified,
                null);
    }

    /** The customer's satisfaction: 1 (poor) to 5 (great), an optional comment, when given. */
    public record Rating(int score, String comment, Instant ratedAt) {}

    /** An agent as customers and colleagues see them. */
    public record Person(String id, String firstName, String lastName) {}

    /** The Contact as the tile and the Case panel show it. */
    public record ContactView(
            UUID id, String firstName, String lastName, String initials, String email) {}
}
