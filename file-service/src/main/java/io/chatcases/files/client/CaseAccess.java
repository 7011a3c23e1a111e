package io.chatcases.files.client;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * Whether the holder of an agent's token may see a Case: case-service's rule, asked per request.
 */
public interface CaseAccess {

    enum Decision {
        ALLOWED,
        /** The Case belongs to another agent (or the token may not see it). */
        FORBIDDEN,
        NOT_FOUND,
        /** No answer in time or an error: callers fail closed. */
        UNAVAILABLE
    }

    /** Never fails: every outcome, unavailability included, is a {@link Decision}. */
    Uni<Decision> check(UUID caseId, String bearerToken);
}
