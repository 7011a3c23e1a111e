package io.chatcases.contacts.domain;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What other services see of a Contact: names and email addresses. A change here (a rename, an
 * address added or removed, another primary) is what publishes {@code contact.updated}; phone and
 * external id changes are not worth an event.
 *
 * @param emails all addresses, primary first
 */
public record ContactSnapshot(String firstName, String lastName, List<String> emails) {

    public ContactSnapshot {
        emails = List.copyOf(emails);
    }

    public String primaryEmail() {
        return emails.isEmpty() ? null : emails.get(0);
    }

    public String initials() {
        return Initials.of(firstName, lastName, primaryEmail());
    }

    /** True when subscribers must hear about the change from {@code this} to {@code after}. */
    public boolean differsForSubscribers(ContactSnapshot after) {
        return !Objects.equals(firstName, after.firstName)
                || !Objects.equals(lastName, after.lastName)
                || !Objects.equals(primaryEmail(), after.primaryEmail())
                || !Set.copyOf(emails).equals(Set.copyOf(after.emails));
    }
}
