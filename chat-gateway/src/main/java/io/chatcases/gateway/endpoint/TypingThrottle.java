package io.chatcases.gateway.endpoint;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * At most one relayed {@code typing} per Case every {@link #INTERVAL_MILLIS} from one socket; the
 * ones in between are dropped silently (a client that sends one per keystroke is not an error).
 * Bounded: entries older than the interval are forgotten once a socket names many Cases.
 */
final class TypingThrottle {
    /** The shortest time between two relayed typing frames of one Case from one socket. */
    static final long INTERVAL_MILLIS = 2_000;

    /** Cases remembered before the stale ones are dropped. */
    private static final int PRUNE_AT = 64;

    private final Map<UUID, Long> lastRelayed = new HashMap<>();

    /** True when a typing of {@code caseId} at {@code now} (millis) may be relayed. */
    synchronized boolean admit(UUID caseId, long now) {
        Long last = lastRelayed.get(caseId);
        if (last != null && now - last < INTERVAL_MILLIS) {
            return false;
        }
        if (lastRelayed.size() >= PRUNE_AT) {
            lastRelayed.values().removeIf(t -> now - t >= INTERVAL_MILLIS);
        }
        lastRelayed.put(caseId, now);
        return true;
    }
}
