package io.chatcases.cases.service;

import java.util.List;

/**
 * A refusal the caller can act on, rendered as an RFC 9457 problem body by the REST layer. {@code
 * code} is the protocol's error code (NOT_FOUND, FORBIDDEN, ALREADY_CLAIMED, ...); {@code extra}
 * carries a machine-readable detail such as the owner of a claimed Case.
 */
public class ApiException extends RuntimeException {
    /** One invalid input field. */
    public record Violation(String field, String message) {}

    private final int status;
    private final String code;
    private final List<Violation> violations;
    private final Object extra;

    public ApiException(
            int status, String code, String detail, List<Violation> violations, Object extra) {
        super(detail);
        this.status = status;
        this.code = code;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
        this.extra = extra;
    }

    public ApiException(int status, String code, String detail) {
        this(status, code, detail, List.of(), null);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "NOT_FOUND", detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "FORBIDDEN", detail);
    }

    public static ApiException badInput(String field, String message) {
        return new ApiException(
                400, "BAD_REQUEST", message, List.of(new Violation(field, message)), null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<Violation> violations() {
        return violations;
    }

    public Object extra() {
        return extra;
    }
}
