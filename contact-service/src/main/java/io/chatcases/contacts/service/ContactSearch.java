package io.chatcases.contacts.service;

import io.chatcases.contacts.domain.EmailAddress;
import java.util.Locale;

/**
 * A search: by exact (normalised) address, by a substring of the full name (case-insensitive), or
 * both; neither lists every Contact. Results come by last name, first name, id: a stable order, so
 * paging neither skips nor repeats.
 */
public record ContactSearch(EmailAddress email, String nameContains, int page, int size) {

    private static final char LIKE_ESCAPE = '!';

    String where() {
        StringBuilder w = new StringBuilder(" where 1 = 1");
        if (email != null) {
            w.append(
                    " and c.id in (select e.contactId from ContactEmail e where e.email = :email)");
        }
        if (nameContains != null) {
            w.append(
                    " and lower(concat(coalesce(c.firstName, ''), ' ', coalesce(c.lastName, '')))"
                            + " like :pattern escape '"
                            + LIKE_ESCAPE
                            + "'");
        }
        return w.toString();
    }

    /** The LIKE pattern of {@link #nameContains}, its wildcards escaped. */
    String pattern() {
        String q = nameContains.strip().toLowerCase(Locale.ROOT);
        StringBuilder p = new StringBuilder("%");
        for (char ch : q.toCharArray()) {
            if (ch == '%' || ch == '_' || ch == LIKE_ESCAPE) {
                p.append(LIKE_ESCAPE);
            }
            p.append(ch);
        }
        return p.append('%').toString();
    }
}
