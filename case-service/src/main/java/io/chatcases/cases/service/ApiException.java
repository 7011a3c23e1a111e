package io.chatcases.cases.service;

import io.chatcases.events.CaseView;
import io.chatcases.events.ErrorCode;
import io.chatcases.events.Problem;
import java.util.List;

/**
 * A refusal the caller can act on, rendered as a {@link Problem} body by the REST layer. {@code
 * owner} names who claimed a Case first ({@link ErrorCode#ALREADY_CLAIMED}).
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final ErrorCode code;
    private final List<Problem.Violation> violations;
    private final CaseView.Person owner;

    public ApiException(
            int status,
            ErrorCode code,
            String detail,
            List<Problem.Violation> violations,
            CaseView.Person owner) {
        super(detail);
        this.status = status;
        this.code = code;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
        this.owner = owner;
    }

    public ApiException(int status, ErrorCode code, String detail) {
        this(status, code, detail, List.of(), null);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, ErrorCode.NOT_FOUND, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, ErrorCode.FORBIDDEN, detail);
    }

    public static ApiException badInput(String field, String message) {
        return new ApiException(
                400,
                ErrorCode.BAD_REQUEST,
                message,
                List.of(new Problem.Violation(field, message)),
                null);
    }

    public int status() {
        return status;
    }

    public ErrorCode code() {
        return code;
    }

    public List<Problem.Violation> violations() {
        return violations;
    }

    public CaseView.Person owner() {
        return owner;
    }
}
