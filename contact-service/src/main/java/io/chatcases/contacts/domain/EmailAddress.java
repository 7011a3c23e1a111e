package io.chatcases.contacts.domain;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A normalised email address: trimmed, lower-cased (Locale.ROOT) and with its domain in ASCII
 * (IDNA). Two spellings of one mailbox (" Ana@Example.COM ", "ana@example.com") are equal, which is
 * what makes matching by email reliable. Only plain addresses are accepted: no display names,
 * comments, quoted local parts or IP-literal domains, which chat forms never need and which are the
 * usual vehicles for garbage.
 */
public record EmailAddress(String value) {

    /** RFC 5321: a forward-path holds at most 256 octets including the angle brackets. */
    public static final int MAX_LENGTH = 254;

    public static final int MAX_LOCAL_LENGTH = 64;
    private static final int MAX_LABEL_LENGTH = 63;

    /** Printable ASCII allowed in an unquoted local part besides letters and digits (RFC 5322). */
    private static final String LOCAL_SPECIALS = "!#$%&'*+-/=?^_`{|}~.";

    public EmailAddress {
        if (value == null || check(value).isPresent() || !value.equals(normalise(value))) {
            throw new InvalidEmailAddressException("is not a normalised email address");
        }
    }

    /** Normalises {@code raw}, or throws {@link InvalidEmailAddressException} saying why not. */
    public static EmailAddress parse(String raw) {
        Optional<String> problem = check(raw);
        if (problem.isPresent()) {
            throw new InvalidEmailAddressException(problem.get());
        }
        return new EmailAddress(normalise(raw));
    }

    /** Why {@code raw} is not an acceptable address, or empty when it is. */
    public static Optional<String> check(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.of("must not be empty");
        }
        String s = raw.strip();
        if (s.codePoints().anyMatch(EmailAddress::isSpaceOrControl)) {
            return Optional.of("must not contain spaces or control characters");
        }
        int at = s.indexOf('@');
        if (at < 0) {
            return Optional.of("must contain an @");
        }
        if (s.indexOf('@', at + 1) >= 0) {
            return Optional.of("must contain exactly one @");
        }
        String local = s.substring(0, at);
        String domain = s.substring(at + 1);
        if (local.isEmpty()) {
            return Optional.of("must have a part before the @");
        }
        if (domain.isEmpty()) {
            return Optional.of("must have a domain after the @");
        }
        Optional<String> localProblem = checkLocal(local);
        if (localProblem.isPresent()) {
            return localProblem;
        }
        String asciiDomain;
        try {
            asciiDomain = toAsciiDomain(domain);
        } catch (IllegalArgumentException e) {
            return Optional.of("has an invalid domain");
        }
        Optional<String> domainProblem = checkDomain(asciiDomain);
        if (domainProblem.isPresent()) {
            return domainProblem;
        }
        if (utf8Length(local) + 1 + asciiDomain.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters long");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }

    private static String normalise(String raw) {
        String s = raw.strip();
        int at = s.indexOf('@');
        return s.substring(0, at).toLowerCase(Locale.ROOT)
                + "@"
                + toAsciiDomain(s.substring(at + 1));
    }

    private static String toAsciiDomain(String domain) {
        // Reject empty labels before IDN sees them: toASCII would silently accept a trailing dot.
        if (domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return domain;
        }
        return IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    }

    private static Optional<String> checkLocal(String local) {
        if (utf8Length(local) > MAX_LOCAL_LENGTH) {
            return Optional.of(
                    "must have at most " + MAX_LOCAL_LENGTH + " characters before the @");
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return Optional.of("must not start or end with a dot or contain two dots in a row");
        }
        boolean allowed =
                local.codePoints()
                        .allMatch(
                                cp ->
                                        cp < 128
                                                ? Character.isLetterOrDigit(cp)
                                                        || LOCAL_SPECIALS.indexOf(cp) >= 0
                                                : Character.isLetterOrDigit(cp)
                                                        || Character.getType(cp)
                                                                == Character.NON_SPACING_MARK
                                                        || Character.getType(cp)
                                                                == Character
                                                                        .COMBINING_SPACING_MARK);
        return allowed
                ? Optional.empty()
                : Optional.of("has characters that are not allowed before the @");
    }

    private static Optional<String> checkDomain(String domain) {
        if (domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return Optional.of("must not have empty parts in its domain");
        }
        String[] labels = domain.split("\\.");
        if (labels.length < 2) {
            return Optional.of("must have a dot in its domain");
        }
        for (String label : labels) {
            if (label.length() > MAX_LABEL_LENGTH) {
                return Optional.of("has a domain part longer than " + MAX_LABEL_LENGTH);
            }
            if (!label.matches("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")) {
                return Optional.of("has an invalid domain");
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            return Optional.of("has an invalid domain");
        }
        return Optional.empty();
    }

    private static boolean isSpaceOrControl(int cp) {
        return Character.isWhitespace(cp)
                || Character.isSpaceChar(cp)
                || Character.isISOControl(cp)
                || Character.getType(cp) == Character.FORMAT;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
