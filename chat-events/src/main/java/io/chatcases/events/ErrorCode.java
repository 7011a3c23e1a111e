package io.chatcases.events;

/**
 * Every error code a client or a service can receive: the {@code code} of an {@code error} frame,
 * of a refused send ({@link CaseEvent.Rejection}) and of every problem+json body (problem+json).
 */
public enum ErrorCode {
    /** Malformed JSON, unknown frame type, missing field, a binary frame. */
    BAD_FRAME,
    /** A REST body or parameter failed validation; {@code violations} names the fields. */
    BAD_REQUEST,
    /** Text over the limit, a file over the size limit. */
    TOO_LARGE,
    RATE_LIMITED,
    UNAUTHORIZED,
    FORBIDDEN,
    NOT_FOUND,
    /** Someone else claimed the Case first; the problem's {@code owner} names them. */
    ALREADY_CLAIMED,
    /** The request conflicts with the current state (e.g. resolving a Case that is not READY). */
    CONFLICT,
    CASE_CLOSED,
    /** A Quick Reply shortcut is in use. */
    SHORTCUT_TAKEN,
    /** A file type the platform refuses. */
    UNSUPPORTED_TYPE,
    /** The Case holds as many file bytes as it may. */
    QUOTA_EXCEEDED,
    RANGE_NOT_SATISFIABLE,
    /** Not done; retry (a send: resend with the same clientMsgId). */
    UNAVAILABLE,
    INTERNAL
}
