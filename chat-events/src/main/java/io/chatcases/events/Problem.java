package io.chatcases.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/**
 * The body of every refusal of every service's REST API (RFC 9457, {@value #MEDIA_TYPE}). {@code
 * type} is always {@value #ABOUT_BLANK}, so {@code title} is the HTTP status' reason phrase; what
 * the refusal means is {@code code}. Members left null are not written.
 *
 * @param violations the offending fields of a 400 ({@link ErrorCode#BAD_REQUEST}), else null
 * @param owner on {@link ErrorCode#ALREADY_CLAIMED}: who claimed the Case first
 * @param contactId on {@link ErrorCode#EMAIL_TAKEN}: the Contact that holds the address
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        ErrorCode code,
        String detail,
        List<Violation> violations,
        CaseView.Person owner,
        UUID contactId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String ABOUT_BLANK = "about:blank";

    /**
     * One bad input: its JSON path ("email", "items[2].name"), a query or path parameter's name, or
     * "request" (case-service) / "body" (contact-service) for the request body as a whole.
     */
    public record Violation(String field, String message) {}

    public static Problem of(int status, String title, ErrorCode code, String detail) {
        return new Problem(ABOUT_BLANK, title, status, code, detail, null, null, null);
    }

    /** The same problem naming its bad fields; an empty list writes none. */
    public Problem withViolations(List<Violation> list) {
        List<Violation> named = list == null || list.isEmpty() ? null : List.copyOf(list);
        return new Problem(type, title, status, code, detail, named, owner, contactId);
    }

    public Problem withOwner(CaseView.Person person) {
        return new Problem(type, title, status, code, detail, violations, person, contactId);
    }

    public Problem withContactId(UUID id) {
        return new Problem(type, title, status, code, detail, violations, owner, id);
    }
}
