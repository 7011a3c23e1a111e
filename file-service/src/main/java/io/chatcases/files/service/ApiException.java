package io.chatcases.files.service;

/** A refusal the caller should see as a problem body with this status and protocol code. */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    public ApiException(int status, String code, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "BAD_REQUEST", detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "FORBIDDEN", detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "NOT_FOUND", detail);
    }

    public static ApiException tooLarge(String detail) {
        return new ApiException(413, "TOO_LARGE", detail);
    }

    public static ApiException unsupportedType(String detail) {
        return new ApiException(415, "UNSUPPORTED_TYPE", detail);
    }

    public static ApiException unavailable(String detail) {
        return new ApiException(503, "UNAVAILABLE", detail);
    }
}
