package io.chatcases.files.service;

import io.chatcases.events.ErrorCode;

/** A refusal the caller should see as a problem body with this status and protocol code. */
public class ApiException extends RuntimeException {
    private final int status;
    private final ErrorCode code;

    public ApiException(int status, ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public ErrorCode code() {
        return code;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, ErrorCode.BAD_REQUEST, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, ErrorCode.FORBIDDEN, detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, ErrorCode.NOT_FOUND, detail);
    }

    public static ApiException tooLarge(String detail) {
        return new ApiException(413, ErrorCode.TOO_LARGE, detail);
    }

    public static ApiException unsupportedType(String detail) {
        return new ApiException(415, ErrorCode.UNSUPPORTED_TYPE, detail);
    }

    public static ApiException unavailable(String detail) {
        return new ApiException(503, ErrorCode.UNAVAILABLE, detail);
    }
}
