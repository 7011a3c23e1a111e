package io.chatcases.files.service;

import java.util.Optional;
import java.util.UUID;

/**
 * Who is asking, as far as files are concerned.
 *
 * @param kind what the caller may touch (see {@link Kind})
 * @param id recorded as the uploader id
 * @param name recorded as the uploader name (may be null for the system)
 * @param actingFor the one Case a {@link Kind#CUSTOMER} call may touch
 * @param bearerToken the caller's own access token, forwarded to case-service for agents
 */
public record Caller(Kind kind, String id, String name, UUID actingFor, String bearerToken) {

    public enum Kind {
        /** An agent or admin token: case-service decides per Case. */
        AGENT,
        /**
         * The gateway acting for the customer of {@code actingFor} (service token + X-Chat-Case).
         */
        CUSTOMER,
        /** A service acting as itself (no X-Chat-Case): may touch every Case. */
        SYSTEM
    }

    public Optional<UUID> actingForCase() {
        return Optional.ofNullable(actingFor);
    }
}
