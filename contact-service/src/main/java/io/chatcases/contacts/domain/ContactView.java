package io.chatcases.contacts.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The one wire shape of a Contact (REST responses, match answers).
 *
 * @param email the primary address
 * @param emails every address, primary first, the others in alphabetical order
 */
public record ContactView(
        UUID id,
        String firstName,
        String lastName,
        String initials,
        String email,
        List<String> emails,
        String phone,
        String externalId,
        Instant createdAt,
        Instant updatedAt) {

    public static ContactView of(Contact c, List<ContactEmail> addresses) {
        List<String> emails =
                addresses.stream()
                        .sorted(
                                Comparator.comparing((ContactEmail e) -> !e.primary)
                                        .thenComparing(e -> e.email))
                        .map(e -> e.email)
                        .toList();
        return withEmails(c, emails);
    }

    /**
     * @param emails primary first
     */
    public static ContactView withEmails(Contact c, List<String> emails) {
        String primary = emails.isEmpty() ? null : emails.get(0);
        return new ContactView(
                c.id,
                c.firstName,
                c.lastName,
                Initials.of(c.firstName, c.lastName, primary),
                primary,
                List.copyOf(emails),
                c.phone,
                c.externalId,
                c.createdAt,
                c.updatedAt);
    }

    public ContactSnapshot snapshot() {
        return new ContactSnapshot(firstName, lastName, emails);
    }
}
