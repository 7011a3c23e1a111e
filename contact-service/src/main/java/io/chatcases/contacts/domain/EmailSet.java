package io.chatcases.contacts.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A Contact's addresses as an admin sets them: one primary plus others, normalised and without
 * duplicates (two spellings of one address count once).
 */
public record EmailSet(EmailAddress primary, List<EmailAddress> all) {

    public EmailSet {
        all = List.copyOf(all);
    }

    /**
     * @param others may repeat the primary or each other; null means none
     */
    public static EmailSet of(String primary, List<String> others) {
        EmailAddress p = EmailAddress.parse(primary);
        Set<EmailAddress> set = new LinkedHashSet<>();
        set.add(p);
        if (others != null) {
            others.forEach(o -> set.add(EmailAddress.parse(o)));
        }
        return new EmailSet(p, new ArrayList<>(set));
    }

    /** Values, primary first then the others in alphabetical order (as {@link ContactView}). */
    public List<String> values() {
        List<String> rest =
                all.stream()
                        .filter(e -> !e.equals(primary))
                        .map(EmailAddress::value)
                        .sorted()
                        .toList();
        List<String> out = new ArrayList<>(rest.size() + 1);
        out.add(primary.value());
        out.addAll(rest);
        return out;
    }
}
