package io.chatcases.gateway.protocol;

import io.chatcases.events.Channel;
import io.chatcases.events.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The pre-chat form's rule, in one place: the public start (typed form) and the host site's
 * identity token (its names) are held to it. The widget mirrors the bounds only to help the
 * customer before sending (maxlength, a rough email check); the gateway decides.
 */
public final class StartFormRules {
    /** Characters of a first or last name (case-service and contact-service store 100). */
    public static final int MAX_NAME = 100;

    /** Characters of an email address (RFC 5321's path limit). */
    public static final int MAX_EMAIL = 254;

    private static final Pattern ROUGH_EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    private StartFormRules() {}

    /** Plainly an email address (one @, no white space) within bounds; contact-service decides. */
    public static boolean looksLikeEmail(String email) {
        return email != null
                && email.length() <= MAX_EMAIL
                && ROUGH_EMAIL.matcher(email.trim()).matches();
    }

    /** A name the platform stores as given: within bounds, without control characters. */
    public static boolean fitsName(String name) {
        return name == null
                || (name.length() <= MAX_NAME && name.chars().noneMatch(Character::isISOControl));
    }

    /**
     * What is wrong with a typed form whose names went through {@link NameRules#clean}; empty when
     * it may start a chat. contact-service checks the address itself; this only refuses what is
     * plainly not one.
     */
    public static List<Problem.Violation> violations(
            String email, String firstName, String lastName, String channel) {
        List<Problem.Violation> v = new ArrayList<>();
        if (!looksLikeEmail(email)) {
            v.add(new Problem.Violation("email", "Enter a valid email address."));
        }
        if (firstName == null || firstName.isBlank() || firstName.length() > MAX_NAME) {
            v.add(new Problem.Violation("firstName", "Enter your first name."));
        }
        if (lastName == null || lastName.isBlank() || lastName.length() > MAX_NAME) {
            v.add(new Problem.Violation("lastName", "Enter your last name."));
        }
        if (channel != null && channel(channel) == null) {
            v.add(new Problem.Violation("channel", "channel is WEB_CONNECT or SUPPORT_SDK."));
        }
        return v;
    }

    /** The form's channel (WEB_CONNECT when absent); null for a name that is no channel. */
    public static Channel channel(String name) {
        if (name == null) {
            return Channel.WEB_CONNECT;
        }
        for (Channel c : Channel.values()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
