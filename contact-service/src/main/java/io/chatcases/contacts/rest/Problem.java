package io.chatcases.contacts.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/**
 * RFC 9457 problem details, the body of every 4xx (Content-Type application/problem+json).
 *
 * @param violations the offending fields of a 400, empty otherwise
 * @param contactId for a 409, the id of the Contact that holds the address: nothing more of it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        List<Violation> violations,
        UUID contactId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:chatcases:problem:";

    /** One bad field: its JSON path ("email", "emails[1]") or query/path parameter name. */
    public record Violation(String field, String message) {}

    static Problem of(String kind, String title, int status, String detail) {
        return new Problem(TYPE_PREFIX + kind, title, status, detail, List.of(), null);
    }

    static Problem invalid(String detail, List<Violation> violations) {
        return new Problem(
                TYPE_PREFIX + "invalid-input", "Invalid input", 400, detail, violations, null);
    }

    Problem withContactId(UUID id) {
        return new Problem(type, title, status, detail, violations, id);
    }
}
