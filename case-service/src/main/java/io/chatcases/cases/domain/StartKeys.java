package io.chatcases.cases.domain;

import io.chatcases.events.Channel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Idempotency-Key rules of a chat start. A key is scoped to the (normalised) email and the channel:
 * the same key typed with another email is another start, so a guessed or leaked key never hands
 * out somebody else's Case. Keys live {@link #LIFETIME}; an older key starts afresh.
 */
public final class StartKeys {
    /** How long a key answers with the same Case. */
    public static final Duration LIFETIME = Duration.ofHours(24);

    /** Longest accepted key (UUIDs and the usual random keys fit easily). */
    public static final int MAX_LENGTH = 200;

    private StartKeys() {}

    /** True for a key the service accepts: 1..200 visible ASCII characters. */
    public static boolean valid(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) {
            return false;
        }
        return key.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f);
    }

    /** The stored scope: hex sha-256 of key, email (lower-cased) and channel. */
    public static String scope(String key, String email, Channel channel) {
        String material =
                key + "\n" + email.trim().toLowerCase(Locale.ROOT) + "\n" + channel.name();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(material.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Keys created before this instant have expired. */
    public static Instant expiredBefore(Instant now) {
        return now.minus(LIFETIME);
    }
}
