package io.chatcases.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Payload of {@code contact.updated} on {@code chat.contact-events} (key = contactId): the
 * Contact's full current view, so a consumer needs no other state to refresh a tile. A deleted
 * Contact is announced once with {@code deleted = true}, its last names and no emails. Consumers
 * de-duplicate on the ce_id header and ignore an event whose {@code updatedAt} is older than the
 * one they hold (two relay replicas may publish one Contact's events out of order).
 */
public record ContactUpdated(
        UUID contactId,
        String firstName,
        String lastName,
        String initials,
        String primaryEmail,
        List<String> emails,
        boolean deleted,
        Instant updatedAt) {}
